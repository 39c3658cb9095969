/// Spikes given in advance as (neuron, time) pairs, optionally repeating with a period: what makes
/// a group a Brian2 `SpikeGeneratorGroup`. A spike at time `t` is emitted in the step Brian2's
/// `timestep(t, dt)` gives, in the `thresholds` slot.
public final class SpikeSchedule {
    /// The spiking neurons and their times in seconds, sorted by time, then neuron.
    public let neurons: [Int32]
    public let times: [Double]
    /// The repetition period in seconds; 0 for none.
    public let period: Double

    /// Checks what does not depend on `dt`: indices within the group, finite non-negative times,
    /// and times within the period.
    public init(groupSize: Int, neurons: [Int], times: [Double], period: Double) throws {
        guard neurons.count == times.count else {
            throw RanvierError(.value, "A SpikeGeneratorGroup needs as many spike times as indices, got \(neurons.count) indices and \(times.count) times")
        }
        if let bad = neurons.first(where: { $0 < 0 || $0 >= groupSize }) {
            throw RanvierError(.index, "The spike index \(bad) is outside the SpikeGeneratorGroup of \(groupSize) neurons (indices 0 to \(groupSize - 1))")
        }
        if let bad = times.first(where: { !$0.isFinite || $0 < 0 }) {
            throw RanvierError(.value, "Spike times must be finite and non-negative, got \(bad) s")
        }
        guard period.isFinite, period >= 0 else { throw RanvierError(.value, "The period must be a finite, non-negative time, got \(period) s") }
        if period > 0, let late = times.first(where: { $0 >= period }) {
            throw RanvierError(.value, "The period of a SpikeGeneratorGroup (\(period) s) has to be greater than every spike time, got a spike at \(late) s")
        }
        // Sorted by time, then neuron, so that each step's spikes are consecutive and ascending.
        let order = times.indices.sorted { (times[$0], neurons[$0]) < (times[$1], neurons[$1]) }
        self.neurons = order.map { Int32(neurons[$0]) }
        self.times = order.map { times[$0] }
        self.period = period
    }

    /// The schedule at a time step: the steps of the spikes and of the period, checked for two
    /// spikes of one neuron in a step (which Brian2 refuses).
    func bind(dt: Double) throws -> BoundSpikeSchedule {
        // A spike beyond the last representable step never comes: Brian2 accepts it too (its step
        // wraps in a cast), so it is kept at a step no run reaches rather than refused.
        let steps = times.map { Self.step($0, dt) ?? Int.max }
        var previous: [Int32: Int] = [:]
        for (neuron, step) in zip(neurons, steps) {
            if previous[neuron] == step {
                throw RanvierError(.value, "With a time step of \(dt) s, neuron \(neuron) of the SpikeGeneratorGroup spikes more than once in a time step (step \(step))")
            }
            previous[neuron] = step
        }
        guard let periodSteps = period > 0 ? Self.step(period, dt) : 0 else {
            throw RanvierError(.value, "The period of a SpikeGeneratorGroup (\(period) s) is more time steps of \(dt) s than a step count can hold")
        }
        if periodSteps > 0, let last = steps.last, last >= periodSteps {
            throw RanvierError(.value, "With a time step of \(dt) s, the period of the SpikeGeneratorGroup (\(periodSteps) steps) does not exceed its last spike's step (\(last))")
        }
        return BoundSpikeSchedule(neurons: neurons, steps: steps, periodSteps: periodSteps)
    }

    /// The step of time `t`, or nil when it is beyond what an `Int` step count holds.
    private static func step(_ t: Double, _ dt: Double) -> Int? {
        Int(exactly: timestep(t, dt))
    }
}

/// A spike schedule in whole steps, read in order as the steps advance.
struct BoundSpikeSchedule {
    let neurons: [Int32]
    let steps: [Int]
    let periodSteps: Int

    /// Stores the neurons that spike in `step` into `spikes` and returns how many.
    func emit(step: Int, into spikes: UnsafeMutablePointer<Int>) -> Int {
        let local = periodSteps > 0 ? step % periodSteps : step
        var k = firstIndex(atOrAfter: local), count = 0
        while k < steps.count, steps[k] == local {
            spikes[count] = Int(neurons[k])
            count += 1
            k += 1
        }
        return count
    }

    /// Binary search: the first spike whose step is at least `step`.
    private func firstIndex(atOrAfter step: Int) -> Int {
        var (low, high) = (0, steps.count)
        while low < high {
            let middle = (low + high) / 2
            if steps[middle] < step { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
