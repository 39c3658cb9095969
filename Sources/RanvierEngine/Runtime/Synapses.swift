/// One pathway's code as given by the user: `on_pre` (pathway "pre") or `on_post` ("post"), or a
/// named pathway of either direction.
public struct PathwaySpec {
    public let name: String
    /// True when presynaptic spikes trigger the code.
    public let isPre: Bool
    public let code: String
    /// Delay in seconds for pathways without per-synapse delays (all but pre-type pathways).
    public let delay: Double

    public init(name: String, isPre: Bool, code: String, delay: Double = 0) {
        self.name = name
        self.isPre = isPre
        self.code = code
        self.delay = delay
    }
}

/// Synapses between a source and a target group: per-synapse variables, connectivity, pathways
/// triggered by spikes (with delays), clock-driven and event-driven equations and summed variables.
public final class Synapses: Group, SimulationObject {
    public let source: SpikeSource
    public let target: Group
    public let model: ModelDefinition
    /// The requested integration method for clock-driven equations ("" for the default choice).
    public let method: String
    /// Presynaptic and postsynaptic neuron of each synapse.
    public let preIndex = IndexMap()
    public let postIndex = IndexMap()
    public private(set) var pathwaySpecs: [PathwaySpec] = []
    private(set) var pathwayCode: [[Statement]] = []
    /// Each pathway's spike queue from the last run, whose waiting spikes the next run delivers.
    var pathwayQueues: [SpikeQueue] = []
    /// Whether connect() was called (Brian2 refuses to run pathways of never-connected synapses).
    public private(set) var connectCalled = false

    /// Creates synapses; parses the model and pathway code, so syntax errors surface here.
    /// `delay` (seconds) is the initial per-synapse delay of pre-type pathways; `floatType` is how
    /// the model's variables are stored (delays are always doubles).
    public init(source: SpikeSource, target: Group, model text: String, pathways: [PathwaySpec], delay: Double = 0,
                method: String = "", floatType: ElementType = .float64) throws {
        guard delay.isFinite, delay >= 0 else { throw RanvierError(.value, "Synaptic delays must be non-negative times, got \(delay) s") }
        self.source = source
        self.target = target
        model = try ModelDefinition(parsing: text, kind: .synapses)
        self.method = method
        super.init(size: 0, floatType: floatType)
        for pathway in pathways { try addPathway(pathway) }
        try addVariables(of: ModelDefinition(declarations: model.declarations.filter { !$0.hasFlag("summed") }))
        add(Variable(name: "delay", dimension: .time, role: .internal, size: 0, initial: delay))
        if model.declarations.contains(where: { $0.hasFlag("event-driven") }) {
            add(Variable(name: "lastupdate", dimension: .time, role: .internal, size: 0))
        }
        for declaration in model.declarations where declaration.hasFlag("summed") {
            _ = try summedTarget(declaration)
        }
    }

    /// The model's variables without the event-driven ones (Brian2 moves those out of the model).
    public override var modelVariableNames: [String] {
        let eventDriven = Set(model.declarations.filter { $0.hasFlag("event-driven") }.map(\.name))
        return super.modelVariableNames.filter { !eventDriven.contains($0) }
    }

    public override var elementDescription: String { "a Synapses object with \(size) synapses" }

    /// Adds a pathway (`on_pre`, `on_post`, or a named one); its code is parsed now.
    public func addPathway(_ pathway: PathwaySpec) throws {
        guard pathway.delay.isFinite, pathway.delay >= 0 else {
            throw RanvierError(.value, "The delay of pathway '\(pathway.name)' must be a non-negative time, got \(pathway.delay) s")
        }
        let spikes = pathway.isPre ? source : target as? SpikeSource
        guard let spikes, spikes.canSpike else {
            throw RanvierError(.value, "The pathway '\(pathway.name)' reacts to \(pathway.isPre ? "presynaptic" : "postsynaptic") spikes, but \((pathway.isPre ? source : target).elementDescription) has no threshold and never spikes")
        }
        guard !pathwaySpecs.contains(where: { $0.name == pathway.name }) else {
            throw RanvierError(.value, "\(elementDescription) already has a pathway named '\(pathway.name)'")
        }
        pathwayCode.append(try ModelParser.parseStatements(pathway.code))
        pathwaySpecs.append(pathway)
    }

    override func ownSymbol(named name: String, dt: Double) -> Symbol? {
        if let symbol = super.ownSymbol(named: name, dt: dt) { return symbol }
        switch name {
        case "i": return .mappedIndex(preIndex)
        case "j": return .mappedIndex(postIndex)
        case "N": return .constant(Double(size), .dimensionless)
        case "N_pre": return .constant(Double(source.size), .dimensionless)
        case "N_post": return .constant(Double(target.size), .dimensionless)
        case "N_incoming": return .mappedArray(synapseCounts(by: postIndex, neurons: target.size, name: name), postIndex)
        case "N_outgoing": return .mappedArray(synapseCounts(by: preIndex, neurons: source.size, name: name), preIndex)
        default: break
        }
        if name.hasSuffix("_pre") { return neuronSymbol(String(name.dropLast(4)), in: source, via: preIndex, dt: dt) }
        if name.hasSuffix("_post") { return neuronSymbol(String(name.dropLast(5)), in: target, via: postIndex, dt: dt) }
        // Unsuffixed names that are not synaptic refer to the postsynaptic group, as in Brian2.
        return neuronSymbol(name, in: target, via: postIndex, dt: dt)
    }

    /// The number of synapses of each neuron on one side, as of now (read through the synapse's
    /// index map it gives Brian2's `N_incoming`/`N_outgoing`).
    private func synapseCounts(by map: IndexMap, neurons: Int, name: String) -> Variable {
        let counts = Variable(name: name, dimension: .dimensionless, role: .internal, size: neurons, initial: 0)
        let values = counts.storage!.doubles!, indices = map.storage.pointer
        for s in 0..<map.count { values[Int(indices[s])] += 1 }
        return counts
    }

    private func neuronSymbol(_ name: String, in group: Group, via map: IndexMap, dt: Double) -> Symbol? {
        if name == "i" { return .mappedIndex(map) }
        guard let variable = group.variables[name] else { return nil }
        if variable.storage != nil { return .mappedArray(variable, map) }
        guard let definition = group.subexpressionDefinitions[name] else { return nil }
        // The neuron group's subexpression, read at the synapse's pre- or postsynaptic neuron: its
        // names become the suffixed ones (`2*v + i` as `y_post` is `2*v_post + i_post`).
        let suffix = map === preIndex ? "_pre" : "_post"
        let neuronNames = definition.identifiers.filter { $0 == "i" || $0 == "N" || group.variables[$0] != nil }
        return .subexpression(variable, definition.substituting(
            Dictionary(uniqueKeysWithValues: neuronNames.map { ($0, Expr.name($0 + suffix)) })))
    }

    public override func externalNames() -> [String] {
        var used = identifiers(of: model)
        for code in pathwayCode { used.formUnion(namesRead(by: code)) }
        return externalNames(among: used)
    }

    // MARK: Connectivity storage

    /// Appends synapses for the given (pre, post) pairs, which must already be validated. The arrays
    /// are emptied once copied, before the synaptic variables grow, so that connecting millions of
    /// synapses does not hold both copies of the indices and the new variables at once. Refused (a
    /// `.memory` error, nothing added) when the grown indices and variables cannot fit in memory.
    func appendSynapses(pre: inout [Int32], post: inout [Int32]) throws {
        connectCalled = true
        guard !pre.isEmpty else { return }
        let added = pre.count
        let bytesPerSynapse = 8.0 + variableNames.reduce(0.0) { $0 + Double(variables[$1]!.storage?.elementType.byteCount ?? 0) }
        try MemoryGuard.check(Double(size + added) * bytesPerSynapse,
                              for: "Storing \(added) new synapses (\(size + added) in all) of \(elementDescription)",
                              advice: "Create fewer synapses (a lower connection probability, fewer neurons), or fewer synaptic variables.")
        preIndex.append(count: added) { out in pre.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: added) } }
        postIndex.append(count: added) { out in post.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: added) } }
        pre = []
        post = []
        size += added
        for name in variableNames { variables[name]!.resize(to: size) }
    }

    /// Replaces every synapse by the pairs `pre[k]`, `post[k]` (already validated; a restored
    /// snapshot): the index maps are overwritten in place when they have room, and the variables take
    /// the new number of synapses (the caller sets their values).
    func replaceSynapses(count: Int, pre: (UnsafeMutablePointer<Int32>) -> Void, post: (UnsafeMutablePointer<Int32>) -> Void) {
        preIndex.assign(count: count, pre)
        postIndex.assign(count: count, post)
        size = count
        for name in variableNames { variables[name]!.resize(to: size) }
    }

    /// The per-synapse delays in seconds (always stored as doubles).
    var delays: UnsafeMutableBufferPointer<Double> {
        let storage = variables["delay"]!.storage!
        return UnsafeMutableBufferPointer(start: storage.doubles, count: storage.count)
    }

    /// Marks connect() as called even if it created no synapse.
    func noteConnectCalled() { connectCalled = true }

    // MARK: Running

    public func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)] {
        var bySide: [(AnyObject, Set<String>, ScheduleSlot)] = [(self, [], .synapses), (source, [], .synapses), (target, [], .synapses)]
        for code in pathwayCode {
            for statement in code {
                let name = statement.target
                if variables[name] != nil { bySide[0].1.insert(name) }
                else if name.hasSuffix("_pre") { bySide[1].1.insert(String(name.dropLast(4))) }
                else if name.hasSuffix("_post") { bySide[2].1.insert(String(name.dropLast(5))) }
                else { bySide[2].1.insert(name) }
            }
        }
        for declaration in model.declarations where declaration.hasFlag("summed") {
            if let (group, name) = try? summedTarget(declaration) { bySide.append((group, [name], .groups)) }
        }
        bySide.append((self, constantOverStepWrites.names, constantOverStepWrites.slot))
        return bySide.map { (owner: ($0.0 as? Subgroup)?.parent ?? $0.0, names: $0.1, slot: $0.2) }
    }

    public func prepare(_ context: RunContext) throws -> [ScheduledOperation] {
        // As in Brian2, synapses restored from a snapshot run even if connect() was never called on them.
        if !connectCalled && size == 0 && !pathwaySpecs.isEmpty {
            throw RanvierError(.type, "This Synapses object does not do anything, since it has not created synapses with connect(); call connect() (possibly with no synapse) before running")
        }
        let scope = self.scope(context.namespace, dt: context.dt)
        try CodeChecks.checkModel(model, scope: scope)
        let order = scheduleOverride?.order ?? 0
        var operations: [ScheduledOperation] = try constantOverStepUpdate(scope, context).map { [$0] } ?? []
        if let updater = try clockDrivenUpdater(scope, context) {
            operations.append(ScheduledOperation(slot: scheduleOverride?.slot ?? .groups, order: order, run: updater.update))
        }
        for declaration in model.declarations where declaration.hasFlag("summed") {
            let summation = try SummedVariable(synapses: self, declaration: declaration, scope: scope, time: context.time)
            operations.append(ScheduledOperation(slot: .groups, order: summedVariableOrder - 1, run: summation.update))
        }
        let eventDriven = try eventDrivenUpdates()
        let pathways = try zip(pathwaySpecs, pathwayCode).enumerated().map { index, pathway in
            try SynapticPathway(synapses: self, spec: pathway.0, code: eventDriven.prefix + pathway.1 + eventDriven.suffix,
                                userCode: pathway.1, gates: refractoryGates(pathway.1),
                                pending: index < pathwayQueues.count ? pathwayQueues[index] : nil, scope: scope, context: context)
        }
        pathwayQueues = pathways.map(\.queue)
        for (spec, pathway) in zip(pathwaySpecs, pathways) {
            operations.append(ScheduledOperation(slot: .synapses, order: spec.isPre ? -1 : 1, run: pathway.step))
        }
        return operations
    }

    /// Brian2 runs a summed variable's update at the target's order minus one; a subgroup's order is
    /// its parent's plus one.
    private var summedVariableOrder: Int {
        if let subgroup = target as? Subgroup { return (subgroup.parent.scheduleOverride?.order ?? 0) + 1 }
        return (target as? SimulationObject)?.scheduleOverride?.order ?? 0
    }

    private func clockDrivenUpdater(_ scope: GroupScope, _ context: RunContext) throws -> StateUpdater? {
        var system = try EquationSystem(model: model) { !$0.hasFlag("event-driven") }
        guard !system.equations.isEmpty, size > 0 else { return nil }
        system.markFunctionsConstantOverStep(scope, dt: context.dt)
        let chosen = try MethodTable.choose(method, for: system, context: elementDescription)
        let storage = Dictionary(uniqueKeysWithValues: system.variableNames.map { ($0, variables[$0]!.storage!) })
        return try chosen.build(IntegrationContext(system: system, scope: scope, time: context.time, dt: context.dt, size: size,
                                                   storage: storage, notRefractory: nil, changingNames: context.writtenNames(self),
                                                   context: "the clock-driven equations of \(elementDescription)"))
    }

    /// Statements bringing event-driven variables from `lastupdate` to `t` (the exact solution of their
    /// linear equations over the elapsed time), and the final `lastupdate = t`.
    private func eventDrivenUpdates() throws -> (prefix: [Statement], suffix: [Statement]) {
        let declarations = model.declarations.filter { $0.hasFlag("event-driven") }
        guard !declarations.isEmpty else { return ([], []) }
        let system = try EquationSystem(model: model) { $0.hasFlag("event-driven") }
        let names = Set(system.variableNames)
        let elapsed = Expr.binary(.subtract, .name("t"), .name("lastupdate"))
        var prefix: [Statement] = []
        for equation in system.equations {
            let refusal = "Cannot solve the differential equation for '\(equation.name)' as event-driven (\(equation.source)); use (clock-driven) instead"
            guard !equation.rhs.identifiers.contains("t"), equation.noise.isEmpty,
                  let form = AffineForm.decompose(equation.deterministic, in: names),
                  form.coefficients.keys.allSatisfy({ $0 == equation.name }) else {
                throw RanvierError(.unsupportedEquations, refusal + ": it must be linear in its own variable only, without t or noise")
            }
            let x = Expr.name(equation.name)
            let value: Expr
            if let numerator = form.coefficients[equation.name] {
                let fixedPoint = Expr.binary(.divide, .unary(.negate, form.constant), numerator)
                let decay = Expr.call("exp", [.binary(.multiply, form.fullCoefficient(equation.name), elapsed)])
                value = .binary(.add, fixedPoint, .binary(.multiply, .binary(.subtract, x, fixedPoint), decay))
            } else {
                value = .binary(.add, x, .binary(.multiply, form.fullConstant, elapsed))
            }
            prefix.append(Statement(target: equation.name, op: .assign, value: value, line: 0))
        }
        return (prefix, [Statement(target: "lastupdate", op: .assign, value: .name("t"), line: 0)])
    }

    /// Brian2 applies a synaptic write to a neuron variable declared `(unless refractory)` only to
    /// neurons that are not refractory: the gate (`not_refractory_pre`/`_post`) of each such target.
    private func refractoryGates(_ code: [Statement]) -> [String: String] {
        var gates: [String: String] = [:]
        for statement in code {
            let name = statement.target
            let (group, variable, side): (AnyObject, String, String)
            if name.hasSuffix("_pre") { (group, variable, side) = (source, String(name.dropLast(4)), "_pre") }
            else if name.hasSuffix("_post") { (group, variable, side) = (target, String(name.dropLast(5)), "_post") }
            else if variables[name] == nil { (group, variable, side) = (target, name, "_post") }
            else { continue }
            guard let neurons = ((group as? Subgroup)?.parent ?? group) as? NeuronGroup,
                  neurons.isGatedByRefractoriness(variable) else { continue }
            gates[name] = "not_refractory" + side
        }
        return gates
    }

    /// The group and variable a `(summed)` declaration writes (`I_post` -> target's `I`).
    func summedTarget(_ declaration: ModelDefinition.Declaration) throws -> (Group, String) {
        let name = declaration.name
        let (group, variable): (Group, String)
        if name.hasSuffix("_post") { (group, variable) = (target, String(name.dropLast(5))) }
        else if name.hasSuffix("_pre") { (group, variable) = (source, String(name.dropLast(4))) }
        else {
            throw RanvierError(.value, "The summed variable '\(name)' must name a pre- or postsynaptic variable with a '_pre' or '_post' suffix, e.g. 'I_post = w*s : amp (summed)'")
        }
        guard let targetVariable = group.variables[variable], targetVariable.role == .parameter || targetVariable.role == .internal else {
            throw RanvierError(.value, "The summed variable '\(name)' refers to '\(variable)', which is not a parameter of \(group.elementDescription); declare it there as '\(variable) : <unit>'")
        }
        guard targetVariable.dimension == declaration.dimension else {
            throw RanvierError(.dimension, "The summed variable '\(name)' has units \(declaration.dimension) but '\(variable)' of \(group.elementDescription) has units \(targetVariable.dimension)")
        }
        return (group, variable)
    }

}

extension ModelDefinition {
    /// A model made of already validated declarations.
    init(declarations: [Declaration]) {
        self.declarations = declarations
    }
}
