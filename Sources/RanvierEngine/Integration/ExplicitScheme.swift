/// Explicit one-step methods (`euler`, `rk2`, `rk4`, `heun`), each described once as a recipe over
/// block slots and compiled into a single block program per group.
struct ExplicitScheme {
    enum NoiseSupport { case none, additive, multiplicative }

    let name: String
    let noise: NoiseSupport
    /// Why the equations' form rules the method out (beyond noise), or nil.
    var formRequirement: (EquationSystem) -> String? = { _ in nil }
    /// Emits the steps computing each variable's new value; returns their slots.
    let recipe: (SchemeBuilder) throws -> [Int]

    init(name: String, noise: NoiseSupport, formRequirement: @escaping (EquationSystem) -> String? = { _ in nil },
         recipe: @escaping (SchemeBuilder) throws -> [Int]) {
        self.name = name
        self.noise = noise
        self.formRequirement = formRequirement
        self.recipe = recipe
    }

    static let all: [ExplicitScheme] = [euler, rk2, rk4, heun, exponentialEuler]

    /// Forward Euler; Euler–Maruyama when the equations have (additive) noise.
    static let euler = ExplicitScheme(name: "euler", noise: .additive) { s in
        let f = try s.derivatives(at: nil, timeOffset: 0)
        let g = try s.noiseTerms(at: nil, timeOffset: 0)
        return s.state.indices.map { i in s.add(s.state[i], s.scale(f[i], s.dt), g[i]) }
    }

    /// The midpoint Runge–Kutta method.
    static let rk2 = ExplicitScheme(name: "rk2", noise: .none) { s in
        let k1 = try s.derivatives(at: nil, timeOffset: 0)
        let mid = s.state.indices.map { s.add(s.state[$0], s.scale(k1[$0], s.dt / 2)) }
        let k2 = try s.derivatives(at: mid, timeOffset: s.dt / 2)
        return s.state.indices.map { s.add(s.state[$0], s.scale(k2[$0], s.dt)) }
    }

    /// The classical fourth-order Runge–Kutta method.
    static let rk4 = ExplicitScheme(name: "rk4", noise: .none) { s in
        let k1 = try s.derivatives(at: nil, timeOffset: 0)
        let x2 = s.state.indices.map { s.add(s.state[$0], s.scale(k1[$0], s.dt / 2)) }
        let k2 = try s.derivatives(at: x2, timeOffset: s.dt / 2)
        let x3 = s.state.indices.map { s.add(s.state[$0], s.scale(k2[$0], s.dt / 2)) }
        let k3 = try s.derivatives(at: x3, timeOffset: s.dt / 2)
        let x4 = s.state.indices.map { s.add(s.state[$0], s.scale(k3[$0], s.dt)) }
        let k4 = try s.derivatives(at: x4, timeOffset: s.dt)
        return s.state.indices.map { i in
            let sum = s.add(k1[i], s.scale(k2[i], 2), s.scale(k3[i], 2), k4[i])
            return s.add(s.state[i], s.scale(sum, s.dt / 6))
        }
    }

    /// Heun's method; the stochastic Heun method (Stratonovich) for multiplicative noise.
    static let heun = ExplicitScheme(name: "heun", noise: .multiplicative) { s in
        let f = try s.derivatives(at: nil, timeOffset: 0)
        let g = try s.noiseTerms(at: nil, timeOffset: 0)
        let support = s.state.indices.map { s.add(s.state[$0], s.scale(f[$0], s.dt), g[$0]) }
        let fSupport = try s.derivatives(at: support, timeOffset: s.dt)
        let gSupport = try s.noiseTerms(at: support, timeOffset: s.dt)
        return s.state.indices.map { i in
            s.add(s.state[i], s.scale(s.add(f[i], fSupport[i]), s.dt / 2), s.scale(s.add(g[i], gSupport[i]), 0.5))
        }
    }

    /// The exponential Euler method for conditionally linear equations `dx/dt = A·x + B` (A and B may
    /// depend on the other variables): `x' = -B/A + (x + B/A)·exp(A·dt)`, all from the old state.
    static let exponentialEuler = ExplicitScheme(name: "exponential_euler", noise: .none, formRequirement: { system in
        for equation in system.equations where AffineForm.decompose(equation.deterministic, in: [equation.name]) == nil {
            return "the equation for '\(equation.name)' (\(equation.source)) is not linear in '\(equation.name)'"
        }
        return nil
    }) { s in
        try s.system.equations.indices.map { i in
            let equation = s.system.equations[i]
            let form = AffineForm.decompose(equation.deterministic, in: [equation.name])!
            let b = try s.gated(i, s.builder.keep(try s.builder.compile(form.fullConstant)))
            guard form.coefficients[equation.name] != nil else {
                return s.add(s.state[i], s.scale(b, s.dt))
            }
            let a = try s.gated(i, s.builder.keep(try s.builder.compile(form.fullCoefficient(equation.name))))
            let ratio = s.divide(b, a)
            let growth = s.exp(s.scale(a, s.dt))
            let decayed = s.add(s.negate(ratio), s.multiply(s.add(ratio, s.state[i]), growth))
            // While refractory A = B = 0 and the formula is 0/0: keep the old value instead.
            // A group without refractoriness has no gate: `(unless refractory)` then changes nothing.
            guard s.equations[i].unlessRefractory, let notRefractory = s.notRefractoryGate else { return decayed }
            return s.select(notRefractory, decayed, s.state[i])
        }
    }

    var method: IntegrationMethod {
        IntegrationMethod(name: name, unsupportedReason: unsupportedReason) { context in
            try ExplicitUpdater(scheme: self, context: context)
        }
    }

    private func unsupportedReason(_ system: EquationSystem) -> String? {
        if let reason = formRequirement(system) { return reason }
        switch noise {
        case .none where system.isStochastic:
            return "'\(name)' cannot integrate stochastic equations; use 'euler' or 'heun'"
        case .additive where system.hasMultiplicativeNoise:
            return "'\(name)' cannot integrate equations with multiplicative noise (a noise coefficient depends on a state variable or on the time); use 'heun'"
        default:
            return nil
        }
    }
}

/// Slot-level helpers for writing integration recipes.
final class SchemeBuilder {
    let builder: ProgramBuilder
    let system: EquationSystem
    /// Slots of the current values of the integrated variables.
    let state: [Int]
    let dt: Double
    /// Slot of `not_refractory` when the group has refractoriness.
    let notRefractoryGate: Int?
    private var notRefractory: Int? { notRefractoryGate }
    var equations: [EquationSystem.Equation] { system.equations }
    /// One draw `sqrt(dt)·N(0,1)` per noise symbol, shared by every equation of an element.
    private var noiseDraws: [String: Int] = [:]

    init(builder: ProgramBuilder, system: EquationSystem, dt: Double, notRefractory: Int?) throws {
        self.builder = builder
        self.system = system
        self.dt = dt
        self.notRefractoryGate = notRefractory
        state = try system.variableNames.map { builder.keep(try builder.slot(forVariable: $0)) }
        for name in system.noiseNames.sorted() {
            let draw = builder.keep(try builder.compile(.call("randn", [])))
            noiseDraws[name] = builder.keep(scaleSlot(draw, dt.squareRoot()))
        }
    }

    /// The deterministic right-hand sides evaluated at `values` (the current state when nil) and at
    /// time `t + timeOffset`; zero for `(unless refractory)` variables while refractory.
    func derivatives(at values: [Int]?, timeOffset: Double) throws -> [Int] {
        try evaluate(at: values, timeOffset: timeOffset) { equation in try self.builder.compile(equation.deterministic) }
    }

    /// `Σ g_k·dW_k` for each equation, evaluated like `derivatives`.
    func noiseTerms(at values: [Int]?, timeOffset: Double) throws -> [Int] {
        try evaluate(at: values, timeOffset: timeOffset) { equation in
            var total = self.builder.constant(0)
            for (name, coefficient) in equation.noise.sorted(by: { $0.key < $1.key }) {
                let g = try self.builder.compile(coefficient)
                total = self.add(total, self.multiply(g, self.noiseDraws[name]!))
            }
            return total
        }
    }

    private func evaluate(at values: [Int]?, timeOffset: Double, _ term: (EquationSystem.Equation) throws -> Int) throws -> [Int] {
        if let values {
            for (name, slot) in zip(system.variableNames, values) { builder.bind(name, to: slot) }
        }
        if timeOffset != 0 {
            builder.bind("t", to: builder.keep(try builder.compile(.binary(.add, .name("t"), .number(timeOffset, isInteger: false)))))
        }
        defer {
            if values != nil { system.variableNames.forEach(builder.unbind) }
            if timeOffset != 0 { builder.unbind("t") }
        }
        return try system.equations.map { equation in
            var slot = try term(equation)
            if equation.unlessRefractory, let notRefractory { slot = multiply(slot, notRefractory) }
            return builder.keep(slot)
        }
    }

    /// `slot`, or zero while refractory for `(unless refractory)` equations.
    func gated(_ equation: Int, _ slot: Int) throws -> Int {
        guard system.equations[equation].unlessRefractory, let notRefractory else { return slot }
        return multiply(slot, notRefractory)
    }

    func divide(_ a: Int, _ b: Int) -> Int {
        builder.keep(builder.apply(OperationTable.operators["/"]!, slots: [a, b]))
    }

    func negate(_ a: Int) -> Int {
        builder.keep(builder.apply(OperationTable.operators["neg"]!, slots: [a]))
    }

    func exp(_ a: Int) -> Int {
        builder.keep(builder.apply(OperationTable.functions["exp"]!, slots: [a]))
    }

    /// `condition ? a : b` element by element.
    func select(_ condition: Int, _ a: Int, _ b: Int) -> Int {
        builder.keep(builder.apply(OperationTable.select, slots: [condition, a, b]))
    }

    func add(_ slots: Int...) -> Int {
        builder.keep(slots.dropFirst().reduce(slots[0]) { builder.apply(OperationTable.operators["+"]!, slots: [$0, $1]) })
    }

    func multiply(_ a: Int, _ b: Int) -> Int {
        builder.keep(builder.apply(OperationTable.operators["*"]!, slots: [a, b]))
    }

    func scale(_ slot: Int, _ factor: Double) -> Int { scaleSlot(slot, factor) }

    private func scaleSlot(_ slot: Int, _ factor: Double) -> Int {
        builder.keep(builder.apply(OperationTable.operators["*"]!, slots: [slot, builder.constant(factor)]))
    }
}

/// Runs an explicit scheme's compiled program over the whole group each step.
final class ExplicitUpdater: StateUpdater {
    private let program: BlockProgram
    private let size: Int

    init(scheme: ExplicitScheme, context: IntegrationContext) throws {
        let builder = ProgramBuilder(resolver: context.scope, time: context.time, context: context.context)
        let gate = try context.notRefractory.map { _ in builder.keep(try builder.slot(forVariable: "not_refractory")) }
        let s = try SchemeBuilder(builder: builder, system: context.system, dt: context.dt, notRefractory: gate)
        let updated = try scheme.recipe(s)
        // New values are complete for every variable before any is stored, so each stage saw old values.
        for (target, value) in zip(s.state, updated) { builder.copy(value, to: target) }
        program = builder.build()
        size = context.size
    }

    func update() {
        program.execute(count: size)
    }
}
