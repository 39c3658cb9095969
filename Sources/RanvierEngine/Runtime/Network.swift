/// Owns the default clock and runs objects through Brian2's schedule, step by step.
///
/// With every operation on the default clock, a step runs every operation in schedule order. With
/// several clocks, each step runs the operations of the clocks due (those at the earliest next time,
/// within `Clock.tolerance`), in schedule order, then advances those clocks, as Brian2 does.
public final class Network {
    /// The clock of every object without one of its own.
    public let defaultClock: Clock
    /// The default clock's time step in seconds.
    public var dt: Double {
        get { defaultClock.dt }
        set { try? defaultClock.setDt(newValue) }
    }
    /// Threads that share the per-neuron loops of large groups (1: none); results do not depend on it.
    public private(set) var threads = 1

    /// Sets the number of threads of later runs (1 to 256).
    public func setThreads(_ count: Int) throws {
        guard (1...WorkerPool.maximumThreads).contains(count) else {
            throw RanvierError(.value, "The number of threads must be between 1 and \(WorkerPool.maximumThreads), got \(count)")
        }
        threads = count
    }
    private var storedTime = 0.0
    /// Whether a run is under way (its operations may call back into the engine).
    public private(set) var isRunning = false
    /// Set by `stop()`: the run ends after the current step.
    private var stopRequested = false
    /// Wall-clock seconds the last run spent preparing its objects and in its time-step loop.
    public private(set) var lastRunTiming = (prepare: 0.0, loop: 0.0)

    public init() {
        defaultClock = try! Clock(dt: 1e-4)
    }

    /// The network's time in seconds: during a run, the time of the step being run (as Brian2's
    /// `Network.t`); between runs, the time reached.
    public var t: Double { isRunning ? currentStepTime : storedTime }
    private var currentStepTime = 0.0

    /// Sets the current time (e.g. back to 0 for a new scope).
    public func setTime(_ value: Double) throws {
        guard value.isFinite, value >= 0 else { throw RanvierError(.value, "The time must be a finite, non-negative number of seconds, got \(value)") }
        guard !isRunning else { throw RanvierError(.value, "The time of a network cannot be set while it runs") }
        storedTime = value
    }

    /// Ends the current run after the step being run (Brian2's `Network.stop()`); no effect between runs.
    public func stop() {
        if isRunning { stopRequested = true }
    }

    /// Runs `objects` for `duration` seconds. `poll` is called after every step (so it must be cheap:
    /// a wall-clock interrupt check needs it every step, as a single step can take long); returning
    /// true stops the run with an `.interrupted` error (the state reached is kept), calling `stop()`
    /// from it ends the run normally after that step. An operation that fails
    /// ends the run with its error, at the time of the step it failed in.
    public func run(_ objects: [SimulationObject], duration: Double, namespace: Namespace,
                    poll: (() -> Bool)? = nil) throws {
        guard duration.isFinite, duration >= 0 else {
            throw RanvierError(.value, "The duration of a run must be a finite, non-negative time, got \(duration) s")
        }
        guard !isRunning else { throw RanvierError(.value, "A network cannot be run again from inside its own run") }
        guard WorkerPool.shared.setThreadCount(threads) else {
            throw RanvierError(.value, "Could not start \(threads) threads (the system refused to create more)")
        }
        let start = storedTime, end = storedTime + duration
        // The default clock always starts at the network's time (code between runs reads it).
        let objectClocks = objects.map { ($0 as? RunsOnOwnClock)?.clock ?? defaultClock }
        for clock in unique([defaultClock] + objectClocks) { try clock.setInterval(start: start, end: end) }
        let preparationStart = monotonicSeconds()
        let written = writes(of: objects)
        var context = RunContext(time: defaultClock.time, dt: defaultClock.dt, clock: defaultClock, namespace: namespace,
                                 steps: 0, writes: { written[ObjectIdentifier($0)] ?? [] },
                                 writesAnythingIn: Set(objects.compactMap(\.slotWritingAnyVariable)))
        let operations = try objects.flatMap { object -> [ScheduledOperation] in
            let clock = (object as? RunsOnOwnClock)?.clock ?? defaultClock
            context.clock = clock
            context.steps = clock.endStep - clock.timestep
            return try object.prepare(context).map { var operation = $0; operation.clock = operation.clock ?? clock; return operation }
        }.enumerated().sorted {
            ($0.element.slot, $0.element.order, $0.offset) < ($1.element.slot, $1.element.order, $1.offset)
        }.map(\.element)
        // Brian2 advances the clocks of the objects (the default clock for those without their own, even
        // when they have nothing to do: code on another clock reads its `t`) and of their operations.
        var clocks = unique(objectClocks + operations.map { $0.clock! })
        if clocks.isEmpty { clocks = [defaultClock] }
        for clock in clocks where !objectClocks.contains(where: { $0 === clock }) { try clock.setInterval(start: start, end: end) }
        currentStepTime = clocks.map(\.t).min()!
        let loopStart = monotonicSeconds()
        lastRunTiming = (prepare: loopStart - preparationStart, loop: 0)
        stopRequested = false
        isRunning = true
        for case let group as Group in objects { group.runTime = defaultClock.time }
        var finished = false
        defer {
            lastRunTiming.loop = monotonicSeconds() - loopStart
            isRunning = false
            // Brian2: a completed run ends exactly at start + duration; a stopped or failed one at the
            // time reached.
            storedTime = finished ? end : currentStepTime
            // Code between runs sees the default clock's time, as a Brian2 group's `t` is its clock's.
            for object in objects { object.finishRun(time: defaultClock.t, dt: defaultClock.dt) }
        }
        let interrupted = { (time: Double) in RanvierError(.interrupted, "The run was interrupted at t = \(time) s") }
        if clocks.count == 1 {
            // The common case, kept free of clock bookkeeping: every operation runs at every step.
            let clock = clocks[0], steps = operations.map(\.run)
            while clock.timestep < clock.endStep {
                currentStepTime = clock.t
                for operation in steps { try operation() }
                clock.timestep += 1
                currentStepTime = clock.t
                if let poll, poll() { throw interrupted(clock.t) }
                if stopRequested { return }
            }
        } else {
            let indexOf = Dictionary(uniqueKeysWithValues: clocks.enumerated().map { (ObjectIdentifier($1), $0) })
            let steps = operations.map { (clock: indexOf[ObjectIdentifier($0.clock!)]!, run: $0.run) }
            var due = [Bool](repeating: false, count: clocks.count)
            while true {
                let earliest = clocks.min { $0.t < $1.t }!
                currentStepTime = earliest.t
                guard earliest.timestep < earliest.endStep else { break }
                for (k, clock) in clocks.enumerated() { due[k] = clock.isAtSameTime(as: earliest) }
                for step in steps where due[step.clock] { try step.run() }
                for (k, clock) in clocks.enumerated() where due[k] { clock.timestep += 1 }
                currentStepTime = clocks.min { $0.t < $1.t }!.t
                if let poll, poll() { throw interrupted(currentStepTime) }
                if stopRequested { return }
            }
        }
        finished = true
    }

    /// `clocks` without repetitions, in their first order.
    private func unique(_ clocks: [Clock]) -> [Clock] {
        var seen = Set<ObjectIdentifier>()
        return clocks.filter { seen.insert(ObjectIdentifier($0)).inserted }
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
        let timestep = try Clock(dt: stored[1]).step(at: stored[0])
        return {
            self.storedTime = stored[0]
            self.defaultClock.restore(dt: stored[1], timestep: timestep)
        }
    }
}
