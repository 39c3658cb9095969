/// Records variables of chosen neurons at every step, in Brian2's `start` slot (before that step's
/// update), so the first sample is the initial value.
public final class StateMonitor: SimulationObject, RunsOnOwnClock {
    public let group: Group
    public let variableNames: [String]
    /// What each recorded name is (its dimension and storage type).
    public let recordedVariables: [RecordedVariable]
    /// The recorded neurons, in recording order.
    public let indices: [Int]
    /// Recorded times, one per step.
    public let times = GrowableArray<Double>()
    /// For each variable, `steps × indices.count` values, row-major.
    public let recordings: [String: Recording]
    public var scheduleOverride: (slot: ScheduleSlot, order: Int)?
    /// Records at this clock's steps (its own `dt`) instead of the default clock's.
    public var clock: Clock?

    /// Every array the monitor records into (see `RecordingMonitor`): the times and each variable's
    /// samples, one row of `indices.count` values per sample.
    public var recordedArrays: [(name: String, array: RecordedArray, valuesPerRow: Int)] {
        [("t", times, 1)] + variableNames.map { ($0, recordings[$0]!, indices.count) }
    }

    /// A monitor of `variables` for `indices` (nil: every neuron).
    public init(group: Group, variables: [String], indices: [Int]?) throws {
        guard !variables.isEmpty else { throw RanvierError(.value, "A StateMonitor needs at least one variable to record") }
        recordedVariables = try RecordedVariable.resolve(variables, in: group, for: "StateMonitor")
        if let bad = indices?.first(where: { $0 < 0 || $0 >= group.size }) {
            throw RanvierError(.index, "Cannot record element \(bad) of \(group.elementDescription) (valid indices are 0 to \(group.size - 1))")
        }
        self.group = group
        variableNames = recordedVariables.map(\.name)
        self.indices = indices ?? Array(0..<group.size)
        recordings = Dictionary(uniqueKeysWithValues: recordedVariables.map { ($0.name, Recording($0.elementType)) })
    }

    /// Records the current values once, at the time the last run reached (Brian2's
    /// `record_single_timestep`, for the values at the end of a run); only after a run.
    public func recordSingleTimestep() throws {
        guard let recordNow = recordStep, let endTime else {
            throw RanvierError(.type, "Can only record a single time step after the network has been run once.")
        }
        try recordNow(endTime)
    }

    /// Records one sample at a given time; set when the monitor is prepared for a run.
    private var recordStep: ((Double) throws -> Void)?
    /// The time the last run reached.
    private var endTime: Double?

    public func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)] { [] }

    public func prepare(_ context: RunContext) throws -> [ScheduledOperation] {
        // Synapses can have fewer elements than when the monitor was made (a restored snapshot).
        if let bad = indices.first(where: { $0 >= group.size }) {
            throw RanvierError(.index, "A StateMonitor records element \(bad), but \(group.elementDescription) has only \(group.size) elements now")
        }
        let scope = group.scope(context.namespace, dt: context.dt)
        let builder = ProgramBuilder(resolver: scope, time: context.time, context: "a StateMonitor")
        var slots: [(Recording, Int)] = []
        for name in variableNames {
            slots.append((recordings[name]!, builder.keep(try builder.compile(.name(name)))))
        }
        let program = builder.build()
        let indices = self.indices
        let width = indices.count
        try checkMemory(forSteps: context.steps, dt: context.clock.dt)
        // Reserve for the run, but not unboundedly: very long runs grow the buffers as they go.
        let reservedRows = Swift.min(context.steps, Swift.max(1, 50_000_000 / Swift.max(width, 1)))
        times.reserve(reservedRows)
        for (recording, _) in slots { recording.reserve(reservedRows * width) }
        let advice = MemoryGuard.runStoppedNote + " " + Self.advice
        // Times as the monitor's clock counts them (Brian2 records its clock's `t`).
        let time = context.clock.time
        let gather: (BlockProgram.Block) -> Void = { block in
            for (recording, slot) in slots {
                // Rows were reserved at the start of the step; fill this block's part of the row.
                recording.fillRow(from: block.values(slot), at: block.start, count: block.count)
            }
        }
        // Kept by the monitor for record_single_timestep, so it must not capture the monitor itself.
        let sampleTimes = times
        let record: (Double) throws -> Void = { now in
            // Room for the whole row first, so that a refusal leaves every recording at the same step.
            try sampleTimes.makeRoom(1, for: MemoryGuard.recording(of: "StateMonitor", at: now), advice: advice)
            for (recording, _) in slots {
                try recording.makeRoom(width, for: MemoryGuard.recording(of: "StateMonitor", at: now), advice: advice)
            }
            time.value = now
            sampleTimes.append(now)
            indices.withUnsafeBufferPointer { program.execute(indices: $0, afterBlock: gather) }
            for (recording, _) in slots { recording.commitRow(width) }
        }
        recordStep = record
        let operation = ScheduledOperation(slot: scheduleOverride?.slot ?? .start, order: scheduleOverride?.order ?? 0) {
            try record(time.value)
        }
        return [operation]
    }

    public func finishRun(time: Double, dt: Double) { endTime = time }

    /// What to change when the recording does not fit in memory.
    private static let advice = "Record fewer elements (record=[...]), fewer variables, at a larger dt (StateMonitor(..., dt=...)), or run for a shorter time."

    /// Refuses a run of `steps` steps whose recording (times and every variable, added to what is
    /// recorded already) cannot fit in memory, before it starts.
    private func checkMemory(forSteps steps: Int, dt: Double) throws {
        let rows = Double(times.count) + Double(steps)
        let bytesPerRow = 8 + Double(indices.count) * recordedVariables.map { Double($0.elementType.byteCount) }.reduce(0, +)
        try MemoryGuard.check(rows * bytesPerRow,
                              for: "A StateMonitor recording \(recordedVariables.count) variable\(recordedVariables.count == 1 ? "" : "s") of \(indices.count) element\(indices.count == 1 ? "" : "s") at each of \(steps) steps (dt = \(dt) s)",
                              advice: Self.advice)
    }
}

/// The samples of one recorded variable, in its storage type. One case per type so that every
/// loop below works on a concrete element type.
public enum Recording {
    case float64(GrowableArray<Double>)
    case float32(GrowableArray<Float>)
    case bool(GrowableArray<Flag>)
    case int32(GrowableArray<Int32>)

    init(_ type: ElementType) {
        switch type {
        case .float64: self = .float64(GrowableArray())
        case .float32: self = .float32(GrowableArray())
        case .bool: self = .bool(GrowableArray())
        case .int32: self = .int32(GrowableArray())
        }
    }

    public var elementType: ElementType {
        switch self {
        case .float64: return .float64
        case .float32: return .float32
        case .bool: return .bool
        case .int32: return .int32
        }
    }

    /// Number of values recorded.
    public var count: Int {
        switch self {
        case .float64(let values): return values.count
        case .float32(let values): return values.count
        case .bool(let values): return values.count
        case .int32(let values): return values.count
        }
    }

    /// The recorded values' memory, and the object that keeps it alive (for zero-copy views).
    public var memory: (data: UnsafeMutableRawPointer, owner: AnyObject) {
        switch self {
        case .float64(let values): return (UnsafeMutableRawPointer(values.storage.pointer), values.storage)
        case .float32(let values): return (UnsafeMutableRawPointer(values.storage.pointer), values.storage)
        case .bool(let values): return (UnsafeMutableRawPointer(values.storage.pointer), values.storage)
        case .int32(let values): return (UnsafeMutableRawPointer(values.storage.pointer), values.storage)
        }
    }

    /// The recorded values as doubles (a copy; for tests).
    public var elements: [Double] {
        switch self {
        case .float64(let values): return values.elements
        case .float32(let values): return values.elements.map(\.asDouble)
        case .bool(let values): return values.elements.map(\.asDouble)
        case .int32(let values): return values.elements.map(\.asDouble)
        }
    }

    func reserve(_ extra: Int) {
        switch self {
        case .float64(let values): values.reserve(extra)
        case .float32(let values): values.reserve(extra)
        case .bool(let values): values.reserve(extra)
        case .int32(let values): values.reserve(extra)
        }
    }

    /// `GrowableArray.makeRoom` on the recording's array.
    @inline(__always)
    func makeRoom(_ extra: Int, for what: @autoclosure () -> String, advice: @autoclosure () -> String) throws {
        switch self {
        case .float64(let values): try values.makeRoom(extra, for: what(), advice: advice())
        case .float32(let values): try values.makeRoom(extra, for: what(), advice: advice())
        case .bool(let values): try values.makeRoom(extra, for: what(), advice: advice())
        case .int32(let values): try values.makeRoom(extra, for: what(), advice: advice())
        }
    }

    /// Stores `count` samples at `offset` of the row being recorded (reserved, not yet committed).
    func fillRow(from samples: UnsafePointer<Double>, at offset: Int, count: Int) {
        switch self {
        case .float64(let values): Recording.fill(values, from: samples, at: offset, count: count)
        case .float32(let values): Recording.fill(values, from: samples, at: offset, count: count)
        case .bool(let values): Recording.fill(values, from: samples, at: offset, count: count)
        case .int32(let values): Recording.fill(values, from: samples, at: offset, count: count)
        }
    }

    private static func fill<T: StoredValue>(_ values: GrowableArray<T>, from samples: UnsafePointer<Double>, at offset: Int, count: Int) {
        let row = values.storage.pointer + values.count + offset
        for k in 0..<count { row[k] = T(storing: samples[k]) }
    }

    /// Ends the row being recorded, `width` values long.
    func commitRow(_ width: Int) {
        switch self {
        case .float64(let values): values.append(count: width) { _ in }
        case .float32(let values): values.append(count: width) { _ in }
        case .bool(let values): values.append(count: width) { _ in }
        case .int32(let values): values.append(count: width) { _ in }
        }
    }
}
