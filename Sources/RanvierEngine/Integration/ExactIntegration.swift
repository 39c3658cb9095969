import Glibc

/// Brian2's `exact` (alias `linear`) method: the analytic solution of linear equations with
/// coefficients constant over a step, `X(t+dt) = P·X(t) + q`, for coupled systems too.
///
/// Coefficients may differ per element (`tau : second`); propagators are then computed per element
/// once per run, or every step when code changes the parameters they depend on.
enum ExactIntegration {
    static let method = IntegrationMethod(name: "exact", unsupportedReason: unsupportedReason, build: build)

    static func unsupportedReason(_ system: EquationSystem) -> String? {
        if system.isStochastic { return "the equations are stochastic (they use xi); use 'euler' or 'heun'" }
        if system.dependsOnTime { return "the equations depend on the time t; use 'euler', 'rk2' or 'rk4'" }
        let names = Set(system.variableNames)
        for equation in system.equations {
            guard let form = AffineForm.decompose(equation.deterministic, in: names) else {
                return "the equation for '\(equation.name)' (\(equation.source)) is not linear in the state variables"
            }
            let parts = Array(form.coefficients.values) + [form.constant] + form.divisors
            if parts.contains(where: { !$0.functionNames.isDisjoint(with: ["rand", "randn"]) }) {
                return "the equation for '\(equation.name)' has random coefficients"
            }
        }
        return nil
    }

    static func build(_ context: IntegrationContext) throws -> StateUpdater {
        let names = context.system.variableNames
        let forms = context.system.equations.map { AffineForm.decompose($0.deterministic, in: Set(names))! }
        return try LinearUpdater(context: context, forms: forms)
    }
}

/// The state update of `exact`: evaluates the coefficients (uniform or per element), derives the
/// propagators, and applies them with a native kernel.
final class LinearUpdater: StateUpdater {
    private let n: Int
    private let size: Int
    private let dt: Double
    private let variables: [DoubleBuffer]
    private let gated: [Bool]
    private let notRefractory: DoubleBuffer?
    /// Evaluates every coefficient; slots in order: A (n×n, row-major), b (n), and for n == 1 the
    /// numerators (coefficient, constant) used for the exact fixed point.
    private let coefficientProgram: BlockProgram
    private let coefficientSlots: [Int]
    private let isUniform: Bool
    private let refreshEachStep: Bool
    /// Propagators per element: for each element and each of the (one or two) refractory variants,
    /// `n*n` matrix entries followed by `n` offsets (`[P, s, q]` when n == 1). Uniform systems store
    /// one element.
    private var propagators: UnsafeMutablePointer<Double>
    private let stride: Int
    private let variants: Int
    private var scratchCoefficients: [Double]

    init(context: IntegrationContext, forms: [AffineForm]) throws {
        n = forms.count
        size = context.size
        dt = context.dt
        variables = context.system.variableNames.map { context.storage[$0]! }
        gated = context.system.equations.map(\.unlessRefractory)
        notRefractory = gated.contains(true) ? context.notRefractory : nil
        variants = notRefractory == nil ? 1 : 2
        stride = n == 1 ? 3 : n * n + n

        let builder = ProgramBuilder(resolver: context.scope, time: context.time, context: context.context)
        var slots: [Int] = []
        let names = context.system.variableNames
        for form in forms {
            for name in names { slots.append(builder.keep(try builder.compile(form.fullCoefficient(name)))) }
        }
        for form in forms { slots.append(builder.keep(try builder.compile(form.fullConstant))) }
        if n == 1 {
            let form = forms[0]
            slots.append(builder.keep(try builder.compile(form.coefficients[names[0]] ?? .number(0, isInteger: true))))
            slots.append(builder.keep(try builder.compile(form.constant)))
        }
        let program = builder.build()
        coefficientProgram = program
        coefficientSlots = slots
        isUniform = slots.allSatisfy { if case .constant = program.slots[$0] { return true } else { return false } }
        let dependencies = forms.reduce(into: Set<String>()) { set, form in
            for part in Array(form.coefficients.values) + [form.constant] + form.divisors { set.formUnion(part.identifiers) }
        }
        refreshEachStep = !isUniform && !dependencies.isDisjoint(with: context.changingNames)
        let elements = isUniform ? 1 : context.size
        propagators = .allocate(capacity: elements * variants * stride)
        scratchCoefficients = Array(repeating: 0, count: slots.count)
        computePropagators()
    }

    deinit { propagators.deallocate() }

    /// Fills `propagators` from the current coefficient values.
    private func computePropagators() {
        if isUniform {
            for (k, slot) in coefficientSlots.enumerated() {
                if case .constant(let value) = coefficientProgram.slots[slot] { scratchCoefficients[k] = value }
            }
            storePropagators(element: 0, coefficients: scratchCoefficients)
            return
        }
        coefficientProgram.execute(count: size) { block in
            for k in 0..<block.count {
                for (c, slot) in self.coefficientSlots.enumerated() { self.scratchCoefficients[c] = block.values(slot)[k] }
                self.storePropagators(element: block.start + k, coefficients: self.scratchCoefficients)
            }
        }
    }

    private func storePropagators(element: Int, coefficients: [Double]) {
        for variant in 0..<variants {
            let base = propagators + (element * variants + variant) * stride
            let refractory = variant == 1
            if n == 1 {
                storeScalar(base, coefficients, clamped: refractory && gated[0])
            } else {
                storeMatrix(base, coefficients, refractory: refractory)
            }
        }
    }

    /// One variable, stored as `[P, s, q]` for `v' = (v - s)·P + s + q`: `s` is the fixed point computed
    /// from the numerators (so `(v0 - v)/tau` relaxes to exactly `v0`); without decay `P = 1, q = b·dt`.
    private func storeScalar(_ out: UnsafeMutablePointer<Double>, _ c: [Double], clamped: Bool) {
        let a = c[0], b = c[1], numeratorA = c[2], numeratorB = c[3]
        if clamped {
            (out[0], out[1], out[2]) = (1, 0, 0)
        } else if a == 0 || numeratorA == 0 {
            (out[0], out[1], out[2]) = (1, 0, b * dt)
        } else {
            (out[0], out[1], out[2]) = (exp(a * dt), -numeratorB / numeratorA, 0)
        }
    }

    private func storeMatrix(_ out: UnsafeMutablePointer<Double>, _ c: [Double], refractory: Bool) {
        var a = Matrix(size: n, values: Array(c[0..<(n * n)]))
        var b = Array(c[(n * n)..<(n * n + n)])
        if refractory {
            for i in 0..<n where gated[i] {
                for j in 0..<n { a[i, j] = 0 }
                b[i] = 0
            }
        }
        let propagator = LinearPropagator(a: a, b: b, dt: dt)
        for k in 0..<(n * n) { out[k] = propagator.matrix.values[k] }
        for i in 0..<n { out[n * n + i] = propagator.offset[i] }
    }

    func update() {
        if refreshEachStep { computePropagators() }
        if n == 1 { updateScalar() } else { updateMatrix() }
    }

    private func updateScalar() {
        let v = variables[0].pointer
        let step = isUniform ? 0 : variants * stride
        var p = propagators
        if let nr = notRefractory?.pointer {
            for k in 0..<size {
                let x = v[k]
                let y = (x - p[1]) * p[0] + p[1] + p[2]
                v[k] = nr[k] != 0 ? y : x
                p += step
            }
        } else if isUniform {
            let (decay, fixedPoint, offset) = (p[0], p[1], p[2])
            for k in 0..<size { v[k] = (v[k] - fixedPoint) * decay + fixedPoint + offset }
        } else {
            for k in 0..<size {
                v[k] = (v[k] - p[1]) * p[0] + p[1] + p[2]
                p += step
            }
        }
    }

    private func updateMatrix() {
        let v = variables.map(\.pointer)
        var x = [Double](repeating: 0, count: n)
        let perElement = !isUniform
        for k in 0..<size {
            let variant = notRefractory.map { $0.pointer[k] == 0 ? 1 : 0 } ?? 0
            let base = propagators + ((perElement ? k : 0) * variants + variant) * stride
            for i in 0..<n { x[i] = v[i][k] }
            for i in 0..<n {
                var sum = base[n * n + i]
                for j in 0..<n { sum += base[i * n + j] * x[j] }
                v[i][k] = sum
            }
        }
    }
}
