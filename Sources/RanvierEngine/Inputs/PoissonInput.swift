/// Brian2's PoissonInput: `inputs` independent Poisson spike trains of rate `rate` onto one
/// variable of each element of a group, without simulating the trains. Each step, in the
/// `synapses` slot by default, every element adds `k × weight` to the variable, with `k` one
/// binomial draw per element (`inputs` trials of probability `rate × dt`).
public final class PoissonInput: SimulationObject {
    /// What each input event adds: a code string evaluated per element (it may use the group's
    /// variables), or a constant with its dimension.
    public enum Weight {
        case code(String)
        case constant(Double, Dimension)
    }

    public let target: Group
    public let variableName: String
    /// Number of Poisson inputs per element.
    public let inputs: Int
    /// Rate of each input, in Hz.
    public let rate: Double
    public let weight: Weight
    public var scheduleOverride: (slot: ScheduleSlot, order: Int)?

    /// Names of the per-element draws and of a constant weight in the compiled update (user names
    /// cannot start with an underscore, so they collide with none).
    static let drawsName = "_poissoninput_draws"
    static let weightName = "_poissoninput_weight"
    private let weightExpression: Expr

    /// An input onto `variable` of `target`; the variable must be a stored per-element variable
    /// and a constant weight must have its dimension.
    public init(target: Group, variable: String, inputs: Int, rate: Double, weight: Weight) throws {
        guard inputs >= 1 else { throw RanvierError(.value, "N has to be an integer >= 1, got \(inputs).") }
        guard rate.isFinite, rate >= 0 else { throw RanvierError(.value, "The rate cannot be negative, got \(rate) Hz.") }
        guard let targetVariable = target.variables[variable], targetVariable.storage != nil, targetVariable.role != .subexpression else {
            throw RanvierError(.unknownIdentifier, "\(variable) is not a variable of \(target.elementDescription) that a PoissonInput can target; its variables are \(target.variableNames.joined(separator: ", "))")
        }
        switch weight {
        case .code(let code):
            weightExpression = try ModelParser.parseExpression(code)
        case .constant(_, let dimension):
            guard dimension == targetVariable.dimension else {
                throw RanvierError(.dimension, "The provided weight does not have the same unit as the target variable '\(variable)' (units are \(dimension) and \(targetVariable.dimension))")
            }
            weightExpression = .name(Self.weightName)
        }
        self.target = target
        variableName = variable
        self.inputs = inputs
        self.rate = rate
        self.weight = weight
    }

    public func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)] {
        [(owner: (target as? Subgroup)?.parent ?? target, names: [variableName], slot: scheduleOverride?.slot ?? .synapses)]
    }

    public func prepare(_ context: RunContext) throws -> [ScheduledOperation] {
        let probability = rate * context.dt
        guard probability <= 1 else {
            throw RanvierError(.value, "A PoissonInput's rate times dt must be at most 1 (one event per input and step), got \(probability)")
        }
        let size = target.size
        let draws = Variable(name: Self.drawsName, dimension: .dimensionless, role: .internal, size: size)
        let scope = InputScope(base: target.scope(context.namespace, dt: context.dt), draws: draws, weight: weight)
        let update = [Statement(target: variableName, op: .add,
                                value: .binary(.multiply, .name(Self.drawsName), weightExpression), line: 1)]
        let description = "the PoissonInput targeting '\(variableName)'"
        let weightDimension = try DimensionChecker(resolver: scope, context: "the weight of \(description)").check(weightExpression).dimension
        let targetDimension = target.variables[variableName]!.dimension
        guard weightDimension == targetDimension else {
            throw RanvierError(.dimension, "The provided weight does not have the same unit as the target variable '\(variableName)' (units are \(weightDimension) and \(targetDimension))")
        }
        try CodeChecks.checkStatements(update, scope: scope, context: description)
        let builder = ProgramBuilder(resolver: scope, time: context.time, context: description)
        // As for synaptic effects, a variable declared (unless refractory) gets no input in refractory neurons.
        let neurons = ((target as? Subgroup)?.parent ?? target) as? NeuronGroup
        let gated = neurons?.isGatedByRefractoriness(variableName) ?? false
        try builder.compile(statements: update, gates: gated ? [variableName: "not_refractory"] : [:])
        let program = builder.build()
        let sampler = BinomialSampler(trials: inputs, probability: probability)
        let values = draws.storage!.doubles!
        let operation = ScheduledOperation(slot: scheduleOverride?.slot ?? .synapses, order: scheduleOverride?.order ?? 0) {
            var random = GlobalRandom.source  // a local copy keeps the generator in registers
            for k in 0..<size { values[k] = Double(sampler.draw(&random)) }
            GlobalRandom.source = random
            program.execute(count: size)
        }
        return [operation]
    }

    public func finishRun(time: Double, dt: Double) {}
}

/// The target group's names plus the input's draws and constant weight.
private struct InputScope: SymbolResolver {
    let base: GroupScope
    let draws: Variable
    let weight: PoissonInput.Weight

    func symbol(named name: String) -> Symbol? {
        if name == draws.name { return .array(draws) }
        if case .constant(let value, let dimension) = weight, name == PoissonInput.weightName { return .constant(value, dimension) }
        return base.symbol(named: name)
    }
}
