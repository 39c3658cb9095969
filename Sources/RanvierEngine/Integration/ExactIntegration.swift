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
    private let variables: [ValueBuffer]
    /// How the state variables are stored (one type for a group's variables).
    private let stateType: ElementType
    private let gated: [Bool]
    private let notRefractory: UnsafeMutablePointer<Flag>?
    /// Evaluates every coefficient; slots in order: A (n×n, row-major), b (n), and for n == 1 the
    /// numerators (coefficient, constant) used for the exact fixed point.
    private let coefficientProgram: BlockProgram
    private let coefficientSlots: [Int]
    /// Whether every element shares one set of coefficients (stored once): they are constants, or
    /// depend only on constants and the time (`ta(t)` for a one-dimensional timed array).
    private let isUniform: Bool
    /// Whether the coefficients are constants folded at compile time.
    private let coefficientsAreConstant: Bool
    /// True when the refractory variant only freezes the `(unless refractory)` variables and
    /// propagates the others exactly as the free variant does (e.g. CUBA's conductances).
    private var refractoryOnlyClamps = false
    /// For one variable with per-element coefficients: whether all share one decay factor and have
    /// no offset, which allows the cheapest update loop.
    private var scalarDecayIsUniform = false
    private var scalarOffsetIsZero = false
    private let refreshEachStep: Bool
    /// When the coefficients depend on variables that code may change during the run: copies of
    /// those variables, so the propagators are recomputed only at steps after they really changed
    /// (a network operation may write any variable, and seldom writes these); nil to recompute at
    /// every step (a dependency this group does not store).
    private var watchedDependencies: [(values: ValueBuffer, copy: UnsafeMutableRawPointer, bytes: Int)]?
    /// Propagators: for coupled systems, per element and per refractory variant (one or two), `n*n`
    /// matrix entries followed by `n` offsets; for one variable, three planes (see `scalarPlanes`).
    /// Uniform systems store one element.
    private let propagators: UnsafeMutablePointer<Double>
    private let stride: Int
    private let variants: Int
    private let scratchCoefficients: UnsafeMutablePointer<Double>
    /// Room for one block of new values per variable and variant.
    private let matrixScratch: UnsafeMutablePointer<Double>

    init(context: IntegrationContext, forms: [AffineForm]) throws {
        n = forms.count
        size = context.size
        dt = context.dt
        variables = context.system.variableNames.map { context.storage[$0]! }
        let type = variables[0].elementType
        stateType = type
        guard type != .bool, variables.allSatisfy({ $0.elementType == type }) else {
            throw RanvierError(.type, "The differential equations of \(context.context) must all store floating-point values of one type")
        }
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
        coefficientsAreConstant = slots.allSatisfy { if case .constant = program.slots[$0] { return true } else { return false } }
        let dependencies = forms.reduce(into: Set<String>()) { set, form in
            for part in Array(form.coefficients.values) + [form.constant] + form.divisors { set.formUnion(part.identifiers) }
        }
        isUniform = coefficientsAreConstant || dependencies.allSatisfy { name in
            switch context.scope.symbol(named: name) {
            case .constant?, .time?: return true
            default: return false
            }
        }
        // Coefficients reading `t` (through a timed array constant over a step) change every step;
        // others only when code changes a variable they read.
        let readsTime = dependencies.contains("t")
        refreshEachStep = !coefficientsAreConstant && (readsTime || !dependencies.isDisjoint(with: context.changingNames))
        if refreshEachStep, !readsTime, let group = (context.scope as? GroupScope)?.group {
            let stored = dependencies.intersection(context.changingNames).map { group.variables[$0]?.storage }
            if stored.allSatisfy({ $0 != nil }) {
                watchedDependencies = stored.map { values in
                    let bytes = values!.count * values!.elementType.byteCount
                    let copy = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(bytes, 1), alignment: 8)
                    copy.copyMemory(from: values!.raw, byteCount: bytes)
                    return (values!, copy, bytes)
                }
            }
        }
        let elements = isUniform ? 1 : context.size
        propagators = .allocate(capacity: elements * (n == 1 ? 3 : variants * stride))
        scratchCoefficients = .allocate(capacity: slots.count)
        matrixScratch = .allocate(capacity: 2 * n * blockSize)
        computePropagators()
        decidesRefractorinessInline = n == 3 && isUniform && !refreshEachStep && variants == 2 && gated == [true, false, false] && refractoryOnlyClamps
    }

    deinit {
        for watched in watchedDependencies ?? [] { watched.copy.deallocate() }
        scratchCoefficients.deallocate()
        propagators.deallocate()
        matrixScratch.deallocate()
    }

    /// Fills `propagators` from the current coefficient values.
    private func computePropagators() {
        if isUniform {
            if coefficientsAreConstant {
                for (k, slot) in coefficientSlots.enumerated() {
                    if case .constant(let value) = coefficientProgram.slots[slot] { scratchCoefficients[k] = value }
                }
            } else {
                coefficientProgram.execute(count: 1) { block in
                    for (k, slot) in self.coefficientSlots.enumerated() { self.scratchCoefficients[k] = block.values(slot)[0] }
                }
            }
            storePropagators(element: 0, coefficients: scratchCoefficients)
            refractoryOnlyClamps = n > 1 && variants == 2 && (0..<n).allSatisfy { i in
                gated[i] || (0..<(n + 1)).allSatisfy { j in
                    let index = j < n ? i * n + j : n * n + i
                    return propagators[index] == propagators[stride + index]
                }
            }
            return
        }
        coefficientProgram.execute(count: size) { block in
            if self.n == 1 {
                let c = self.coefficientSlots.map { UnsafePointer(block.values($0)) }
                for k in 0..<block.count { self.storeScalar(element: block.start + k, c[0][k], c[1][k], c[2][k], c[3][k]) }
                return
            }
            for k in 0..<block.count {
                for (c, slot) in self.coefficientSlots.enumerated() { self.scratchCoefficients[c] = block.values(slot)[k] }
                self.storePropagators(element: block.start + k, coefficients: self.scratchCoefficients)
            }
        }
        if n == 1 {
            let (decay, _, offset) = scalarPlanes
            scalarDecayIsUniform = (0..<size).allSatisfy { decay[$0] == decay[0] }
            scalarOffsetIsZero = (0..<size).allSatisfy { offset[$0] == 0 }
        }
    }

    private func storePropagators(element: Int, coefficients: UnsafeMutablePointer<Double>) {
        if n == 1 {
            storeScalar(element: element, coefficients[0], coefficients[1], coefficients[2], coefficients[3])
            return
        }
        for variant in 0..<variants {
            storeMatrix(propagators + (element * variants + variant) * stride, coefficients, refractory: variant == 1)
        }
    }

    /// One variable: `v' = (v - s)·P + s + q`, stored as three planes (P, s, q) over the elements so the
    /// update loop reads them contiguously. `s` is the fixed point computed from the numerators (so
    /// `(v0 - v)/tau` relaxes to exactly `v0`); without decay `P = 1, q = b·dt`. A refractory neuron
    /// keeps its value (the only refractory variant of one `(unless refractory)` variable).
    @inline(__always)
    private func storeScalar(element: Int, _ a: Double, _ b: Double, _ numeratorA: Double, _ numeratorB: Double) {
        let planes = scalarPlanes
        if a == 0 || numeratorA == 0 {
            (planes.decay[element], planes.fixedPoint[element], planes.offset[element]) = (1, 0, b * dt)
        } else {
            if a != lastDecay.coefficient { lastDecay = (a, exp(a * dt)) }
            (planes.decay[element], planes.fixedPoint[element], planes.offset[element]) = (lastDecay.decay, -numeratorB / numeratorA, 0)
        }
    }

    /// The last decay factor computed and its coefficient: elements sharing a time constant need one
    /// `exp` (per step, when a time-dependent fixed point makes the propagators be refreshed each step).
    private var lastDecay: (coefficient: Double, decay: Double) = (.nan, .nan)

    /// The update as one relaxation with shared decay and offset, for fused kernels; nil when the
    /// system has several variables, its per-element coefficients change during the run, or they
    /// differ per element other than in the fixed point (per-element fixed points always have a
    /// zero offset). Shared coefficients that change with time are refreshed before each pass.
    var scalarRelaxation: ScalarRelaxation? {
        guard n == 1, isUniform || (!refreshEachStep && scalarDecayIsUniform && scalarOffsetIsZero) else { return nil }
        let (decay, fixedPoint, offset) = scalarPlanes
        return ScalarRelaxation(variable: variables[0], decay: UnsafePointer(decay), offset: UnsafePointer(offset),
                                fixedPoints: UnsafePointer(fixedPoint), fixedPointIsUniform: isUniform, gated: gated[0],
                                refresh: refreshEachStep ? { [unowned self] in self.computePropagators() } : nil, owner: self)
    }

    /// For a CUBA-like group (three variables with one propagator, only the first clamped while
    /// refractory, inputs that decay on their own) whose threshold is `first variable > bound`: one
    /// step of update, refractoriness and threshold in one pass, returning the number of spikes stored
    /// in `spikes`. Nil for any other system. Same arithmetic as `updateThreeUniform`.
    func fusedStepWithThreshold(bound: Double, on values: ValueBuffer, clock: RefractoryClock,
                                spikes: UnsafeMutablePointer<Int>) -> (() -> Int)? {
        guard decidesRefractorinessInline, !refreshEachStep, values === variables[0], let propagator = selfDecayingInputs else { return nil }
        switch stateType {
        case .float32: return fusedStep(Float.self, propagator, bound: bound, clock: clock, spikes: spikes)
        default: return fusedStep(Double.self, propagator, bound: bound, clock: clock, spikes: spikes)
        }
    }

    private func fusedStep<T: StoredValue>(_: T.Type, _ propagator: SelfDecayingInputs, bound: Double, clock: RefractoryClock,
                                           spikes: UnsafeMutablePointer<Int>) -> () -> Int {
        let x0 = state(0, T.self), x1 = state(1, T.self), x2 = state(2, T.self)
        let marks = SpikeMarks(), size = self.size
        return {
            let shifted = clock.shiftedTime
            return WorkerPool.shared.collectSpikes(size, into: spikes) { range, part in
                marks.updateAndCollect(range, part: part, into: spikes) { k in
                    let free = clock.decide(k, shiftedTime: shifted)
                    let value = propagator.advance(k, free: free, x0, x1, x2)
                    return free && value.asDouble > bound ? 1 : 0
                }
            }
        }
    }

    /// The propagator of a three-variable system whose second and third variables decay on their
    /// own (CUBA's currents), or nil: the terms it leaves out are exact zeros.
    private var selfDecayingInputs: SelfDecayingInputs? {
        let p = propagators
        guard n == 3, (p[3], p[5], p[6], p[7], p[10], p[11]) == (0, 0, 0, 0, 0, 0) else { return nil }
        return SelfDecayingInputs(p00: p[0], p01: p[1], p02: p[2], p11: p[4], p22: p[8], q0: p[9])
    }

    /// The three planes of the one-variable propagator inside `propagators`.
    private var scalarPlanes: (decay: UnsafeMutablePointer<Double>, fixedPoint: UnsafeMutablePointer<Double>, offset: UnsafeMutablePointer<Double>) {
        let elements = isUniform ? 1 : size
        return (propagators, propagators + elements, propagators + 2 * elements)
    }

    private func storeMatrix(_ out: UnsafeMutablePointer<Double>, _ c: UnsafeMutablePointer<Double>, refractory: Bool) {
        var a = Matrix(size: n, values: Array(UnsafeBufferPointer(start: c, count: n * n)))
        var b = Array(UnsafeBufferPointer(start: c + n * n, count: n))
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

    /// Set by a group with a fixed refractory period: the update then decides `not_refractory`
    /// itself, in the same pass as the state where it can.
    var refractoryClock: RefractoryClock?

    func update() {
        if let clock = refractoryClock, !decidesRefractorinessInline { clock.decideAll(count: size) }
        if refreshEachStep, dependenciesMayHaveChanged() { computePropagators() }
        switch stateType {
        case .float32: n == 1 ? updateScalar(Float.self) : updateMatrix(Float.self)
        default: n == 1 ? updateScalar(Double.self) : updateMatrix(Double.self)
        }
    }

    /// Whether a variable the coefficients depend on changed since the propagators were computed
    /// (updating the copies); always true when they are not watched.
    private func dependenciesMayHaveChanged() -> Bool {
        guard let watchedDependencies else { return true }
        var changed = false
        for watched in watchedDependencies where memcmp(watched.values.raw, watched.copy, watched.bytes) != 0 {
            watched.copy.copyMemory(from: watched.values.raw, byteCount: watched.bytes)
            changed = true
        }
        return changed
    }

    /// State variable `i`'s values, stored as `T` (the group's `stateType`).
    @inline(__always) private func state<T: StoredValue>(_ i: Int, _: T.Type) -> UnsafeMutablePointer<T> {
        variables[i].typed(T.self)
    }

    /// Whether `updateThreeUniform` runs the refractory test in its own loop (set once the
    /// propagators are known).
    private var decidesRefractorinessInline = false

    private func updateScalar<T: StoredValue>(_: T.Type) {
        let v = state(0, T.self)
        let (decay, fixedPoint, offset) = scalarPlanes
        let nr = notRefractory
        WorkerPool.shared.forEachRange(size) { range in
            if isUniform {
                let (p, s, q) = (decay[0], fixedPoint[0], offset[0])
                if let nr {
                    for k in range { let x = v[k]; v[k] = nr[k] != 0 ? T(storing: (x.asDouble - s) * p + s + q) : x }
                } else {
                    for k in range { v[k] = T(storing: (v[k].asDouble - s) * p + s + q) }
                }
            } else if scalarDecayIsUniform && scalarOffsetIsZero {
                // Per-neuron fixed points with one time constant (the tutorial's `v0 : 1` model).
                let p = decay[0]
                if let nr {
                    for k in range { let x = v[k]; v[k] = nr[k] != 0 ? T(storing: (x.asDouble - fixedPoint[k]) * p + fixedPoint[k]) : x }
                } else {
                    for k in range { v[k] = T(storing: (v[k].asDouble - fixedPoint[k]) * p + fixedPoint[k]) }
                }
            } else if let nr {
                for k in range {
                    let x = v[k]
                    v[k] = nr[k] != 0 ? T(storing: (x.asDouble - fixedPoint[k]) * decay[k] + fixedPoint[k] + offset[k]) : x
                }
            } else {
                for k in range { v[k] = T(storing: (v[k].asDouble - fixedPoint[k]) * decay[k] + fixedPoint[k] + offset[k]) }
            }
        }
    }

    /// Coupled systems: block by block, `X' = q + Σ_j P_·j·x_j` as column updates over contiguous
    /// arrays (vectorisable), then per element the refractory variant where `not_refractory` is 0.
    private func updateMatrix<T: StoredValue>(_: T.Type) {
        if n == 3, isUniform, variants == 1 || refractoryOnlyClamps {
            updateThreeUniform(T.self)
            return
        }
        var start = 0
        while start < size {
            let m = Swift.min(blockSize, size - start)
            if isUniform {
                propagateBlockUniform(T.self, start: start, count: m, variant: 0, into: matrixScratch)
                if variants == 2 && !refractoryOnlyClamps {
                    propagateBlockUniform(T.self, start: start, count: m, variant: 1, into: matrixScratch + n * blockSize)
                }
            } else {
                propagateBlockPerElement(T.self, start: start, count: m)
            }
            storeBlock(T.self, start: start, count: m)
            start += m
        }
    }

    /// Three coupled variables with one propagator for all (CUBA/COBA-like models): one pass, every
    /// coefficient in a register; same arithmetic order as the block path (offset, then columns).
    private func updateThreeUniform<T: StoredValue>(_: T.Type) {
        let p = propagators
        let (p00, p01, p02, p10, p11, p12, p20, p21, p22) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8])
        let (q0, q1, q2) = (p[9], p[10], p[11])
        let x0 = state(0, T.self), x1 = state(1, T.self), x2 = state(2, T.self)
        @inline(__always) func propagate(_ a: Double, _ b: Double, _ c: Double) -> (Double, Double, Double) {
            var na = q0; na += p00 * a; na += p01 * b; na += p02 * c
            var nb = q1; nb += p10 * a; nb += p11 * b; nb += p12 * c
            var nc = q2; nc += p20 * a; nc += p21 * b; nc += p22 * c
            return (na, nb, nc)
        }
        WorkerPool.shared.forEachRange(size) { range in
            guard variants == 2, let nr = notRefractory else {
                for k in range {
                    let (na, nb, nc) = propagate(x0[k].asDouble, x1[k].asDouble, x2[k].asDouble)
                    (x0[k], x1[k], x2[k]) = (T(storing: na), T(storing: nb), T(storing: nc))
                }
                return
            }
            if decidesRefractorinessInline, let clock = refractoryClock {
                // The common case (CUBA, COBA): only the membrane potential is clamped while refractory.
                let shifted = clock.shiftedTime
                if let propagator = selfDecayingInputs {
                    for k in range { _ = propagator.advance(k, free: clock.decide(k, shiftedTime: shifted), x0, x1, x2) }
                    return
                }
                for k in range {
                    let a = x0[k].asDouble
                    let (na, nb, nc) = propagate(a, x1[k].asDouble, x2[k].asDouble)
                    x0[k] = T(storing: clock.decide(k, shiftedTime: shifted) ? na : a)
                    x1[k] = T(storing: nb)
                    x2[k] = T(storing: nc)
                }
                return
            }
            for k in range {
                let (a, b, c) = (x0[k].asDouble, x1[k].asDouble, x2[k].asDouble)
                let (na, nb, nc) = propagate(a, b, c)
                let free = nr[k] != 0
                x0[k] = T(storing: gated[0] && !free ? a : na)
                x1[k] = T(storing: gated[1] && !free ? b : nb)
                x2[k] = T(storing: gated[2] && !free ? c : nc)
            }
        }
    }

    private func propagateBlockUniform<T: StoredValue>(_: T.Type, start: Int, count m: Int, variant: Int, into out: UnsafeMutablePointer<Double>) {
        let p = propagators + variant * stride
        for i in 0..<n {
            let row = out + i * blockSize
            let offset = p[n * n + i]
            for k in 0..<m { row[k] = offset }
            for j in 0..<n {
                let c = p[i * n + j]
                if c == 0 { continue }
                let x = state(j, T.self) + start
                for k in 0..<m { row[k] += c * x[k].asDouble }
            }
        }
    }

    private func propagateBlockPerElement<T: StoredValue>(_: T.Type, start: Int, count m: Int) {
        let elementStride = variants * stride
        for k in 0..<m {
            for variant in 0..<variants {
                let p = propagators + (start + k) * elementStride + variant * stride
                let out = matrixScratch + variant * n * blockSize
                for i in 0..<n {
                    var sum = p[n * n + i]
                    for j in 0..<n { sum += p[i * n + j] * state(j, T.self)[start + k].asDouble }
                    out[i * blockSize + k] = sum
                }
            }
        }
    }

    /// Writes the block's new values, choosing the refractory variant where the neuron is refractory.
    private func storeBlock<T: StoredValue>(_: T.Type, start: Int, count m: Int) {
        let clampsOnly = isUniform && refractoryOnlyClamps
        for i in 0..<n {
            let x = state(i, T.self) + start
            let free = matrixScratch + i * blockSize
            if let notRefractory, !(clampsOnly && !gated[i]) {
                // A pointer to the block's flags keeps the index free of overflow checks (vectorisable).
                let nr = notRefractory + start
                if clampsOnly {
                    for k in 0..<m { x[k] = nr[k] != 0 ? T(storing: free[k]) : x[k] }
                } else {
                    let clamped = matrixScratch + (n + i) * blockSize
                    for k in 0..<m { x[k] = T(storing: nr[k] != 0 ? free[k] : clamped[k]) }
                }
            } else {
                for k in 0..<m { x[k] = T(storing: free[k]) }
            }
        }
    }
}

/// One step of a three-variable system whose second and third variables decay on their own: the
/// first is propagated (and kept while refractory), the others are scaled.
struct SelfDecayingInputs {
    let p00, p01, p02, p11, p22, q0: Double

    /// Advances element `k`; returns the first variable's new value.
    @inline(__always)
    func advance<T: StoredValue>(_ k: Int, free: Bool, _ x0: UnsafeMutablePointer<T>, _ x1: UnsafeMutablePointer<T>,
                                 _ x2: UnsafeMutablePointer<T>) -> T {
        let (a, b, c) = (x0[k].asDouble, x1[k].asDouble, x2[k].asDouble)
        var na = q0; na += p00 * a; na += p01 * b; na += p02 * c
        let value = T(storing: free ? na : a)
        x0[k] = value
        x1[k] = T(storing: p11 * b)
        x2[k] = T(storing: p22 * c)
        return value
    }
}
