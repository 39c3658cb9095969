/// Delivers synapse events after per-synapse delays: a ring of `maxDelay + 1` lists of synapse
/// indices, one per future step. Memory is bounded by the largest delay; lists keep their capacity,
/// so steady-state pushes do not allocate.
final class SpikeQueue {
    private var slots: [GrowableArray<Int>]
    private var current = 0

    /// A queue for delays of at most `maxDelaySteps` steps.
    init(maxDelaySteps: Int) {
        slots = (0...Swift.max(maxDelaySteps, 0)).map { _ in GrowableArray<Int>() }
    }

    /// Schedules `synapse` to be delivered `delaySteps` steps from now (0: this step).
    @inline(__always)
    func push(_ synapse: Int, delaySteps: Int) {
        var slot = current + delaySteps
        if slot >= slots.count { slot -= slots.count }
        slots[slot].append(synapse)
    }

    /// Schedules a run of synapses, all with the same delay, with one bulk copy.
    @inline(__always)
    func push(_ synapses: UnsafeBufferPointer<Int>, delaySteps: Int) {
        guard let base = synapses.baseAddress, synapses.count > 0 else { return }
        var slot = current + delaySteps
        if slot >= slots.count { slot -= slots.count }
        slots[slot].append(count: synapses.count) { $0.update(from: base, count: synapses.count) }
    }

    /// Takes over the events still waiting in `earlier` (the queue of the same pathway in the previous
    /// run), each as many steps ahead as it was: spikes in flight cross from one `run()` to the next.
    /// Events further ahead than this queue reaches (delays shortened in between) come at its last step.
    func takePending(from earlier: SpikeQueue) {
        for ahead in 0..<earlier.slots.count {
            let waiting = earlier.slots[(earlier.current + ahead) % earlier.slots.count]
            guard waiting.count > 0 else { continue }
            push(UnsafeBufferPointer(start: waiting.storage.pointer, count: waiting.count), delaySteps: Swift.min(ahead, slots.count - 1))
        }
    }

    /// The synapses due in the current step.
    var due: GrowableArray<Int> { slots[current] }

    /// Clears the current step's list and moves on to the next step.
    func advance() {
        slots[current].removeAll()
        current = current + 1 == slots.count ? 0 : current + 1
    }
}
