/// Records variables of chosen neurons at every step, in Brian2's `start` slot (before that step's
/// update), so the first sample is the initial value.
public final class StateMonitor: SimulationObject {
    public let group: Group
    public let variableNames: [String]
    /// The recorded neurons, in recording order.
    public let indices: [Int]
    /// Recorded times, one per step.
    public let times = GrowableArray<Double>()
    /// For each variable, `steps × indices.count` values, row-major.
    public let recordings: [String: GrowableArray<Double>]
    public var scheduleOverride: (slot: ScheduleSlot, order: Int)?

    /// A monitor of `variables` for `indices` (nil: every neuron).
    public init(group: Group, variables: [String], indices: [Int]?) throws {
        guard !variables.isEmpty else { throw RanvierError(.value, "A StateMonitor needs at least one variable to record") }
        for name in variables where group.variables[name] == nil {
            throw RanvierError(.unknownIdentifier, "\(group.elementDescription.prefix(1).uppercased() + group.elementDescription.dropFirst()) has no variable '\(name)' to record; its variables are \(group.variableNames.joined(separator: ", "))")
        }
        if let bad = indices?.first(where: { $0 < 0 || $0 >= group.size }) {
            throw RanvierError(.index, "Cannot record element \(bad) of \(group.elementDescription) (valid indices are 0 to \(group.size - 1))")
        }
        self.group = group
        var seen = Set<String>()
        variableNames = variables.filter { seen.insert($0).inserted }
        self.indices = indices ?? Array(0..<group.size)
        recordings = Dictionary(uniqueKeysWithValues: seen.map { ($0, GrowableArray<Double>()) })
    }

    public func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)] { [] }

    public func prepare(_ context: RunContext) throws -> [ScheduledOperation] {
        let scope = group.scope(context.namespace, dt: context.dt)
        let builder = ProgramBuilder(resolver: scope, time: context.time, context: "a StateMonitor")
        var slots: [(GrowableArray<Double>, Int)] = []
        for name in variableNames {
            slots.append((recordings[name]!, builder.keep(try builder.compile(.name(name)))))
        }
        let program = builder.build()
        let indices = self.indices
        let width = indices.count
        // Reserve for the run, but not unboundedly: very long runs grow the buffers as they go.
        let reservedRows = Swift.min(context.steps, Swift.max(1, 50_000_000 / Swift.max(width, 1)))
        times.reserve(reservedRows)
        for (recording, _) in slots { recording.reserve(reservedRows * width) }
        let time = context.time
        let gather: (BlockProgram.Block) -> Void = { block in
            for (recording, slot) in slots {
                // Rows were reserved at the start of the step; fill this block's part of the row.
                let row = recording.storage.pointer + recording.count
                (row + block.start).update(from: block.values(slot), count: block.count)
            }
        }
        let operation = ScheduledOperation(slot: scheduleOverride?.slot ?? .start, order: scheduleOverride?.order ?? 0) {
            self.times.append(time.value)
            for (recording, _) in slots { recording.reserve(width) }
            indices.withUnsafeBufferPointer { program.execute(indices: $0, afterBlock: gather) }
            for (recording, _) in slots { recording.append(count: width) { _ in } }
        }
        return [operation]
    }

    public func finishRun(time: Double, dt: Double) {}
}
