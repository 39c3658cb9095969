/// Delivers synapse events after per-synapse delays: a ring of `maxDelay + 1` lists of synapse
/// indices, one per future step. Memory is bounded by the largest delay; lists keep their capacity,
/// so steady-state pushes do not allocate.
final class SpikeQueue {
    private var slots: [GrowableArray<Int>]
    private var current = 0

    /// Bytes of one step's list before it holds anything (the list, its first allocation and the
    /// reference to it), for the estimate of a queue's memory.
    static let bytesPerEmptySlot = 256.0

    /// A queue for delays of at most `maxDelaySteps` steps; refused (a `.memory` error) when the
    /// machine cannot hold a list for every step, e.g. a delay of 10^9 steps.
    init(maxDelaySteps: Int) throws {
        try MemoryGuard.check((Double(maxDelaySteps) + 1) * SpikeQueue.bytesPerEmptySlot,
                              for: "A spike queue for delays of up to \(maxDelaySteps) steps",
                              advice: "Use shorter delays, or a larger dt for the synapses.")
        slots = (0...Swift.max(maxDelaySteps, 0)).map { _ in GrowableArray<Int>() }
    }

    /// What a queue that outgrows memory during a run is called in its error (set by its pathway).
    var description = "A spike queue"

    /// Schedules `synapse` to be delivered `delaySteps` steps from now (0: this step); a `.memory`
    /// error, the event not queued, when the list must grow and memory has run out.
    @inline(__always)
    func push(_ synapse: Int, delaySteps: Int) throws {
        let list = list(after: delaySteps)
        try makeRoom(1, in: list)
        list.append(synapse)
    }

    @inline(__always)
    private func makeRoom(_ extra: Int, in list: GrowableArray<Int>) throws {
        try list.makeRoom(extra, for: "\(description), holding the spikes in flight,",
                          advice: "\(MemoryGuard.runStoppedNote) Use fewer synapses, shorter delays, or fewer spikes.")
    }

    /// The list of the step `delaySteps` from now.
    @inline(__always)
    private func list(after delaySteps: Int) -> GrowableArray<Int> {
        let slot = current + delaySteps
        return slots[slot >= slots.count ? slot - slots.count : slot]
    }

    /// Schedules a run of synapses, all with the same delay, with one bulk copy.
    @inline(__always)
    func push<Index: BinaryInteger>(_ synapses: UnsafeBufferPointer<Index>, delaySteps: Int) throws {
        guard let base = synapses.baseAddress, synapses.count > 0 else { return }
        let list = list(after: delaySteps)
        try makeRoom(synapses.count, in: list)
        list.append(count: synapses.count) { out in for k in 0..<synapses.count { out[k] = Int(base[k]) } }
    }

    /// Takes over the events still waiting in `earlier` (the queue of the same pathway in the previous
    /// run), each as many steps ahead as it was: spikes in flight cross from one `run()` to the next.
    /// Events further ahead than this queue reaches (delays shortened in between) come at its last step.
    func takePending(from earlier: SpikeQueue) throws {
        for ahead in 0..<earlier.slots.count {
            let waiting = earlier.slots[(earlier.current + ahead) % earlier.slots.count]
            guard waiting.count > 0 else { continue }
            try push(UnsafeBufferPointer(start: waiting.storage.pointer, count: waiting.count), delaySteps: Swift.min(ahead, slots.count - 1))
        }
    }

    /// The events waiting (what a snapshot keeps): how many are due 0, 1, 2... steps from now, and
    /// their synapses in that order.
    var pendingEvents: (counts: [Int], synapses: [Int]) {
        var counts: [Int] = [], synapses: [Int] = []
        for ahead in 0..<slots.count {
            let waiting = slots[(current + ahead) % slots.count]
            counts.append(waiting.count)
            synapses.append(contentsOf: UnsafeBufferPointer(start: waiting.storage.pointer, count: waiting.count))
        }
        return (counts, synapses)
    }

    /// A queue holding the events `pendingEvents` gave (`synapses` has `counts.reduce(0, +)` entries).
    convenience init(pending counts: [Int], synapses: [Int]) throws {
        try self.init(maxDelaySteps: counts.count - 1)
        var next = 0
        try synapses.withUnsafeBufferPointer { all in
            for (ahead, n) in counts.enumerated() {
                try push(UnsafeBufferPointer(rebasing: all[next..<next + n]), delaySteps: ahead)
                next += n
            }
        }
    }

    /// Schedules the consecutive synapses `synapses`, all with the same delay.
    @inline(__always)
    func push(_ synapses: Range<Int>, delaySteps: Int) throws {
        guard !synapses.isEmpty else { return }
        let first = synapses.lowerBound
        let list = list(after: delaySteps)
        try makeRoom(synapses.count, in: list)
        list.append(count: synapses.count) { out in for k in 0..<synapses.count { out[k] = first + k } }
    }

    /// The synapses due in the current step.
    var due: GrowableArray<Int> { slots[current] }

    /// Clears the current step's list and moves on to the next step.
    func advance() {
        slots[current].removeAll()
        current = current + 1 == slots.count ? 0 : current + 1
    }
}
