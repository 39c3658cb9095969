/// One pass over the neurons for the most common neuron model: a fixed refractory period, one
/// exactly integrated variable relaxing towards a fixed point (`dv/dt = (v0 - v)/tau`), and a
/// `v > constant` threshold. It does what the refractory check, the state update and the threshold
/// would do in three passes, with the same arithmetic, so results are identical; the threshold's
/// spikes are only collected here and published in the thresholds slot.
///
/// Only valid when nothing else changes the group's state between its update and its threshold
/// (the caller checks that no other object writes the group's variables).
final class RefractoryRelaxationKernel {
    private let clock: RefractoryClock
    private let relaxation: ScalarRelaxation
    private let bound: Double
    private let spikes: UnsafeMutablePointer<Int>
    private let size: Int
    /// One chunk of spike marks per part of a parallel run.
    private let marks = UnsafeMutablePointer<UInt8>.allocate(capacity: WorkerPool.maximumThreads * RefractoryRelaxationKernel.chunk)

    init(clock: RefractoryClock, relaxation: ScalarRelaxation, bound: Double, spikes: UnsafeMutablePointer<Int>, size: Int) {
        (self.clock, self.relaxation, self.bound, self.spikes, self.size) = (clock, relaxation, bound, spikes, size)
    }

    deinit { marks.deallocate() }

    /// Updates every neuron and stores the indices of those that cross the threshold; returns their number.
    func run() -> Int {
        let (p, q, s) = (relaxation.decay, relaxation.offset, relaxation.fixedPoints)
        let pool = WorkerPool.shared
        switch (relaxation.fixedPointIsUniform, q == 0) {
        case (true, _):
            let fixedPoint = s[0]
            return pool.collectSpikes(size, into: spikes) { sweep($0, part: $1) { x, _ in (x - fixedPoint) * p + fixedPoint + q } }
        case (false, true):
            return pool.collectSpikes(size, into: spikes) { sweep($0, part: $1) { x, k in (x - s[k]) * p + s[k] } }
        case (false, false):
            return pool.collectSpikes(size, into: spikes) { sweep($0, part: $1) { x, k in (x - s[k]) * p + s[k] + q } }
        }
    }

    /// The fused loop over `range` (part `part` of the neurons), a chunk at a time: a vectorisable
    /// pass updates the chunk and marks its spiking neurons, then the marked indices are stored from
    /// `range.lowerBound` on. Returns their number.
    @inline(__always) private func sweep(_ range: Range<Int>, part: Int, _ relax: (Double, Int) -> Double) -> Int {
        let marks = self.marks + part * RefractoryRelaxationKernel.chunk
        let shifted = clock.shiftedTime
        let v = relaxation.variable
        let gated = relaxation.gated
        var count = range.lowerBound
        var start = range.lowerBound
        while start < range.upperBound {
            let end = Swift.min(start + RefractoryRelaxationKernel.chunk, range.upperBound)
            var anyMarked: UInt8 = 0
            for k in start..<end {
                let free = clock.decide(k, shiftedTime: shifted)
                let x = v[k]
                let updated = relax(x, k)
                let value = free || !gated ? updated : x
                v[k] = value
                let mark: UInt8 = free && value > bound ? 1 : 0
                marks[k - start] = mark
                anyMarked |= mark
            }
            if anyMarked != 0 {
                for k in start..<end where marks[k - start] != 0 {
                    spikes[count] = k
                    count += 1
                }
            }
            start = end
        }
        return count - range.lowerBound
    }

    /// Neurons updated before their spikes are collected (the marks stay in the first-level cache).
    static let chunk = 256
}

/// One variable updated exactly as `v' = (v - s)·p + s + q`, with `p` and `q` shared by all
/// elements and `s` per element or shared; `gated` when the variable is `(unless refractory)`.
struct ScalarRelaxation {
    let variable: UnsafeMutablePointer<Double>
    let decay: Double
    let offset: Double
    let fixedPoints: UnsafePointer<Double>
    let fixedPointIsUniform: Bool
    let gated: Bool
    /// The object that owns the coefficient arrays (kept alive as long as this value is used).
    let owner: AnyObject
}
