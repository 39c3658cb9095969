/// The differential equations of a model, ready for an integration method: subexpressions inlined
/// and each right-hand side split into a deterministic part and the coefficients of noise terms.
public struct EquationSystem {
    /// One differential equation `dx/dt = f + Σ g_k·xi_k`.
    public struct Equation {
        public let name: String
        public let dimension: Dimension
        /// The right-hand side as written, subexpressions inlined.
        public let rhs: Expr
        /// `f`: the right-hand side without noise.
        public let deterministic: Expr
        /// `g_k` for each noise symbol that appears.
        public let noise: [String: Expr]
        /// Whether the equation carries `(unless refractory)`.
        public let unlessRefractory: Bool
        /// The declaration line, for messages.
        public let source: String
    }

    public let equations: [Equation]

    /// Names of the integrated variables, in declaration order.
    public var variableNames: [String] { equations.map(\.name) }
    /// Every noise symbol used.
    public var noiseNames: Set<String> { Set(equations.flatMap { $0.noise.keys }) }
    /// Whether any equation has noise.
    public var isStochastic: Bool { equations.contains { !$0.noise.isEmpty } }
    /// Whether some noise coefficient depends on an integrated variable or on the time other than
    /// through a function constant over a step: Brian2 counts both as multiplicative noise.
    public var hasMultiplicativeNoise: Bool {
        let names = Set(variableNames)
        return equations.contains { eq in
            eq.noise.values.contains { !$0.identifiers.isDisjoint(with: names) || $0.readsTime(outsideCallsTo: functionsConstantOverStep) }
        }
    }
    /// Functions whose value stays the same during a time step (timed arrays whose `dt` is a
    /// multiple of the group's), set by `markFunctionsConstantOverStep`.
    public private(set) var functionsConstantOverStep: Set<String> = []
    /// Whether any right-hand side refers to the time `t` other than as the time argument of a
    /// function constant over a step (Brian2's `is_constant_over_dt`: `ta(t)` is, `ta(t + dt)` is not).
    public var dependsOnTime: Bool {
        equations.contains { $0.rhs.readsTime(outsideCallsTo: functionsConstantOverStep) }
    }

    /// Records which functions the equations call are constant over a step of `dt`, as `resolver`
    /// resolves them.
    public mutating func markFunctionsConstantOverStep(_ resolver: SymbolResolver, dt: Double) {
        let called = equations.reduce(into: Set<String>()) { $0.formUnion($1.rhs.functionNames) }
        functionsConstantOverStep = called.filter { name in
            if case .timedArray(let sampler) = resolver.symbol(named: name) { return sampler.table.isConstantOverStep(groupDt: dt) }
            return false
        }
    }

    /// Builds the system of `model`'s differential equations (those `include` accepts).
    public init(model: ModelDefinition, including include: (ModelDefinition.Declaration) -> Bool = { _ in true }) throws {
        let subexpressions = Dictionary(uniqueKeysWithValues: model.declarations.compactMap { d -> (String, Expr)? in
            // `(constant over dt)` subexpressions are stored once per step, not inlined.
            if case .subexpression(let e) = d.equation.kind, !d.hasFlag("constant over dt") { return (d.name, e) }
            return nil
        })
        let inlined = try EquationSystem.inline(subexpressions)
        equations = try model.declarations.compactMap { declaration in
            guard case .differential(let written) = declaration.equation.kind, include(declaration) else { return nil }
            let rhs = written.substituting(inlined)
            let noiseNames = Set(rhs.identifiers.filter(isNoiseName))
            var deterministic = rhs
            var noise: [String: Expr] = [:]
            if !noiseNames.isEmpty {
                guard let form = AffineForm.decompose(rhs, in: noiseNames) else {
                    throw RanvierError(.unsupportedEquations, "The noise term in the equation for '\(declaration.name)' must appear linearly (as '... + sigma*xi'), in line \(declaration.equation.line): \"\(declaration.equation.text.trimmingSpaces())\"")
                }
                deterministic = form.fullConstant
                for name in noiseNames { noise[name] = form.fullCoefficient(name) }
            }
            return Equation(name: declaration.name, dimension: declaration.dimension, rhs: rhs,
                            deterministic: deterministic, noise: noise,
                            unlessRefractory: declaration.hasFlag("unless refractory"),
                            source: "line \(declaration.equation.line): \"\(declaration.equation.text.trimmingSpaces())\"")
        }
    }

    /// Subexpression definitions with other subexpressions substituted, rejecting cycles.
    static func inline(_ definitions: [String: Expr]) throws -> [String: Expr] {
        var resolved: [String: Expr] = [:]
        func resolve(_ name: String, _ path: [String]) throws -> Expr {
            if let done = resolved[name] { return done }
            if path.contains(name) {
                throw RanvierError(.syntax, "The subexpressions \((path + [name]).joined(separator: " -> ")) refer to each other in a cycle")
            }
            let expr = definitions[name]!
            var map: [String: Expr] = [:]
            for used in expr.identifiers where definitions[used] != nil {
                map[used] = try resolve(used, path + [name])
            }
            let result = expr.substituting(map)
            resolved[name] = result
            return result
        }
        for name in definitions.keys { _ = try resolve(name, []) }
        return resolved
    }
}
