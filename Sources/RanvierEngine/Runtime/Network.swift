/// Owns the simulation clock and runs objects through Brian2's schedule, step by step.
public final class Network {
    /// The time step in seconds.
    public var dt = 1e-4
    /// Threads that share the per-neuron loops of large groups (1: none); results do not depend on it.
    public private(set) var threads = 1

    /// Sets the number of threads of later runs (1 to 256).
    public func setThreads(_ count: Int) throws {
        guard (1...WorkerPool.maximumThreads).contains(count) else {
            throw RanvierError(.value, "The number of threads must be between 1 and \(WorkerPool.maximumThreads), got \(count)")
        }
        threads = count
    }
    /// The time reached so far, in seconds (a whole number of steps).
    public private(set) var t = 0.0
    private let time = ScalarCell()
    /// Wall-clock seconds the last run spent preparing its objects and in its time-step loop.
    public private(set) var lastRunTiming = (prepare: 0.0, loop: 0.0)

    public init() {}

    /// Sets the current time (e.g. back to 0 for a new scope).
    public func setTime(_ value: Double) throws {
        guard value.isFinite, value >= 0 else { throw RanvierError(.value, "The time must be a finite, non-negative number of seconds, got \(value)") }
        t = value
    }

    /// Runs `objects` for `duration` seconds. `poll` is called between steps; returning true stops
    /// the run with an `.interrupted` error (the state reached is kept).
    public func run(_ objects: [SimulationObject], duration: Double, namespace: Namespace,
                    poll: (() -> Bool)? = nil) throws {
        guard duration.isFinite, duration >= 0 else {
            throw RanvierError(.value, "The duration of a run must be a finite, non-negative time, got \(duration) s")
        }
        guard dt.isFinite, dt > 0 else { throw RanvierError(.value, "The time step dt must be positive, got \(dt) s") }
        let lastStep = ((t + duration) / dt).rounded()
        guard lastStep < 0x1p53 else {
            throw RanvierError(.value, "A run of duration \(duration) s from time t = \(t) s with dt = \(dt) s needs more time steps than the clock can count (at most 2^53)")
        }
        guard WorkerPool.shared.setThreadCount(threads) else {
            throw RanvierError(.value, "Could not start \(threads) threads (the system refused to create more)")
        }
        let startStep = Int((t / dt).rounded())
        let endStep = Int(lastStep)
        let preparationStart = monotonicSeconds()
        let written = writes(of: objects)
        let context = RunContext(time: time, dt: dt, namespace: namespace, steps: endStep - startStep) {
            written[ObjectIdentifier($0)] ?? []
        }
        let operations = try objects.flatMap { try $0.prepare(context) }.enumerated().sorted {
            ($0.element.slot, $0.element.order, $0.offset) < ($1.element.slot, $1.element.order, $1.offset)
        }.map(\.element.run)
        let loopStart = monotonicSeconds()
        lastRunTiming = (prepare: loopStart - preparationStart, loop: 0)
        var step = startStep
        defer {
            lastRunTiming.loop = monotonicSeconds() - loopStart
            t = Double(step) * dt
            for object in objects { object.finishRun(time: t, dt: dt) }
        }
        while step < endStep {
            time.value = Double(step) * dt
            for operation in operations { operation() }
            step += 1
            if let poll, step % 16 == 0, poll() {
                throw RanvierError(.interrupted, "The run was interrupted at t = \(Double(step) * dt) s")
            }
        }
    }

    private func writes(of objects: [SimulationObject]) -> [ObjectIdentifier: [(names: Set<String>, slot: ScheduleSlot)]] {
        var result: [ObjectIdentifier: [(names: Set<String>, slot: ScheduleSlot)]] = [:]
        for object in objects {
            for (owner, names, slot) in object.writtenVariables() where !names.isEmpty {
                result[ObjectIdentifier(owner), default: []].append((names, slot))
            }
        }
        return result
    }

    // MARK: Snapshots

    /// The network's time as a snapshot keeps it (`t` and `dt`): the one place to extend when the
    /// network's time gains more state.
    func clockState() -> ObjectState {
        let state = ObjectState()
        state.set("t", StateArray([t]))
        state.set("dt", StateArray([dt]))
        return state
    }

    /// Checks a snapshot's `clockState()` and returns what puts it back.
    func clockRestoration(from state: ObjectState) throws -> () -> Void {
        let stored = try ["t", "dt"].map { try state.array($0, as: Double.self, count: 1, of: "the network's clock").values(Double.self)[0] }
        guard stored[0].isFinite, stored[0] >= 0, stored[1].isFinite, stored[1] > 0 else {
            throw RanvierError(.value, "The stored time (t = \(stored[0]) s, dt = \(stored[1]) s) is not a valid clock state")
        }
        return { (self.t, self.dt) = (stored[0], stored[1]) }
    }
}
