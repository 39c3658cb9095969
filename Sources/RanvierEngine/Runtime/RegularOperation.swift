/// Statements run over every element of a group at the steps of a clock (Brian2's `run_regularly`):
/// by default at every step of the default clock, in the `start` slot. Refractoriness does not
/// apply to them, as in Brian2.
public final class RegularOperation: SimulationObject, RunsOnOwnClock {
    /// The group whose elements the statements update.
    public let group: Group
    let code: String
    let statements: [Statement]
    public var scheduleOverride: (slot: ScheduleSlot, order: Int)?
    public var clock: Clock?

    /// Statements `code` for every element of `group`.
    public init(group: Group, code: String) throws {
        self.group = group
        self.code = code
        statements = try ModelParser.parseStatements(code)
        guard !statements.isEmpty else { throw RanvierError(.value, "run_regularly needs at least one statement") }
    }

    private var slot: ScheduleSlot { scheduleOverride?.slot ?? .start }

    /// The group's variables the statements assign (through `_pre`/`_post` for synapses), so that
    /// kernels reading them do not assume they stay constant.
    public func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)] {
        var byOwner: [ObjectIdentifier: (owner: AnyObject, names: Set<String>)] = [:]
        func note(_ owner: AnyObject, _ name: String) {
            let owner = (owner as? Subgroup)?.parent ?? owner
            byOwner[ObjectIdentifier(owner), default: (owner, [])].names.insert(name)
        }
        for name in statements.map(\.target) {
            if group.variables[name] != nil { note(group, name) }
            else if let synapses = group as? Synapses, name.hasSuffix("_pre") { note(synapses.source, String(name.dropLast(4))) }
            else if let synapses = group as? Synapses, name.hasSuffix("_post") { note(synapses.target, String(name.dropLast(5))) }
        }
        return byOwner.values.map { (owner: $0.owner, names: $0.names, slot: slot) }
    }

    public func prepare(_ context: RunContext) throws -> [ScheduledOperation] {
        let scope = group.scope(context.namespace, dt: context.dt)
        let description = "the run_regularly code \"\(code.trimmingSpaces())\""
        try CodeChecks.checkStatements(statements, scope: scope, context: description)
        let builder = ProgramBuilder(resolver: scope, time: context.time, context: description)
        try builder.compile(statements: statements)
        let program = builder.build()
        let group = self.group
        return [ScheduledOperation(slot: slot, order: scheduleOverride?.order ?? 0) {
            program.execute(count: group.size)
        }]
    }

    public func finishRun(time: Double, dt: Double) {}
}
