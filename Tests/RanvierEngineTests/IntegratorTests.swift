import Glibc
import XCTest
@testable import RanvierEngine

/// The engine's dimension type (XCTest's Foundation also exports a `Dimension`).
private typealias Dimension = RanvierEngine.Dimension

private let volt = Dimension(m: 2, kg: 1, s: -3, A: -1)
private let farad = Dimension(m: -2, kg: -1, s: 4, A: 2)

/// A group of `n` neurons with `model`, run for `duration` seconds at time step `dt`; `constants`
/// are the external names, `prepare` runs code on the group before the run.
private func simulate(_ model: String, method: String, n: Int = 1, dt: Double = 1e-4, duration: Double,
                      constants: [String: (Double, Dimension)] = [:], refractoriness: Refractoriness = .none,
                      prepare: [String] = []) throws -> NeuronGroup {
    let group = try NeuronGroup(size: n, model: model, method: method, refractoriness: refractoriness)
    let namespace = Namespace()
    for (name, (value, dimension)) in constants { namespace.set(name, value: value, dimension: dimension) }
    for code in prepare { try group.execute(code, indices: nil, namespace: namespace) }
    let network = Network()
    network.dt = dt
    try network.run([group], duration: duration, namespace: namespace)
    return group
}

private func values(_ group: NeuronGroup, _ name: String) -> [Double] {
    Array(group.variables[name]!.storage!.allValues)
}

private func value(_ group: NeuronGroup, _ name: String) -> Double {
    group.variables[name]!.storage![0]
}

/// Mean and unbiased variance of a sample.
private func moments(_ sample: [Double]) -> (mean: Double, variance: Double) {
    let mean = sample.reduce(0, +) / Double(sample.count)
    let variance = sample.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(sample.count - 1)
    return (mean, variance)
}

/// The value of `tau` in most models below: 10 ms.
private let tenMilliseconds = (0.01, Dimension.time)

// MARK: - Exact integration

final class ExactIntegrationTests: XCTestCase {
    func testScalarLinearEquationRelaxesToItsFixedPoint() throws {
        // dv/dt = (v0 - v)/tau from v(0) = -1: v(t) = v0 + (-1 - v0)·e^{-t/tau}; after 25 ms with
        // v0 = 0.5: 0.5 - 1.5·e^{-2.5}.
        for method in ["exact", "linear"] {
            let group = try simulate("dv/dt = (v0 - v)/tau : 1", method: method, duration: 0.025,
                                     constants: ["tau": tenMilliseconds, "v0": (0.5, .dimensionless)], prepare: ["v = -1"])
            XCTAssertEqual(value(group, "v"), 0.5 - 1.5 * exp(-2.5), accuracy: 1e-13, method)
        }
    }

    /// Found by fuzzing: exponential Euler trapped on `(unless refractory)` in a group without
    /// refractoriness. The flag then changes nothing, and for a linear equation with constant
    /// coefficients the method is exact: 0.5 - 1.5·e^{-2.5} after 25 ms, as above.
    func testExponentialEulerIgnoresUnlessRefractoryWithoutRefractoriness() throws {
        let group = try simulate("dv/dt = (v0 - v)/tau : 1 (unless refractory)", method: "exponential_euler", duration: 0.025,
                                 constants: ["tau": tenMilliseconds, "v0": (0.5, .dimensionless)], prepare: ["v = -1"])
        XCTAssertEqual(value(group, "v"), 0.5 - 1.5 * exp(-2.5), accuracy: 1e-12)
    }

    func testCoupledRotationMatchesCosineAndSine() throws {
        // dx/dt = -omega·y, dy/dt = omega·x from (1, 0): (cos ωt, sin ωt). Complex eigenvalues ±iω,
        // so the propagator is a rotation; 0.0137 s at 50 Hz is a little over two thirds of a turn.
        let omega = 2 * Double.pi * 50, t = 0.0137
        let group = try simulate("dx/dt = -omega*y : 1\ndy/dt = omega*x : 1", method: "exact", duration: t,
                                 constants: ["omega": (omega, .frequency)], prepare: ["x = 1"])
        XCTAssertEqual(value(group, "x"), cos(omega * t), accuracy: 1e-12)
        XCTAssertEqual(value(group, "y"), sin(omega * t), accuracy: 1e-12)
    }

    func testCoupledThreeVariableChainMatchesClosedForm() throws {
        // dx/dt = -x/t1, dy/dt = (x - y)/t2, dz/dt = (y - z)/t3 from (1, 0, 0), with k_i = 1/t_i:
        //   x = e^{-k1 t}
        //   y = k2/(k2 - k1)·(e^{-k1 t} - e^{-k2 t})
        //   z = k2 k3/(k2 - k1)·[(e^{-k1 t} - e^{-k3 t})/(k3 - k1) - (e^{-k2 t} - e^{-k3 t})/(k3 - k2)]
        // (each from the previous one by variation of constants).
        let (t1, t2, t3, t) = (0.005, 0.01, 0.02, 0.03)
        let group = try simulate("dx/dt = -x/t1 : 1\ndy/dt = (x - y)/t2 : 1\ndz/dt = (y - z)/t3 : 1", method: "exact", duration: t,
                                 constants: ["t1": (t1, .time), "t2": (t2, .time), "t3": (t3, .time)], prepare: ["x = 1"])
        let (k1, k2, k3) = (1 / t1, 1 / t2, 1 / t3)
        let (e1, e2, e3) = (exp(-k1 * t), exp(-k2 * t), exp(-k3 * t))
        XCTAssertEqual(value(group, "x"), e1, accuracy: 1e-13)
        XCTAssertEqual(value(group, "y"), k2 / (k2 - k1) * (e1 - e2), accuracy: 1e-13)
        XCTAssertEqual(value(group, "z"), k2 * k3 / (k2 - k1) * ((e1 - e3) / (k3 - k1) - (e2 - e3) / (k3 - k2)), accuracy: 1e-13)
    }

    func testPerNeuronTimeConstantsAcrossSeveralBlocks() throws {
        // v_k(t) = e^{-t/tau_k} with tau_k = (1 + k/10) ms; 300 neurons span two blocks of 256.
        let n = 300, t = 0.004
        let group = try simulate("dv/dt = -v/tau : 1\ntau : second", method: "exact", n: n, duration: t,
                                 constants: ["ms": (1e-3, .time)], prepare: ["v = 1", "tau = (1 + i/10.0)*ms"])
        let v = values(group, "v")
        for k in 0..<n {
            XCTAssertEqual(v[k], exp(-t / ((1 + Double(k) / 10) * 1e-3)), accuracy: 1e-13, "neuron \(k)")
        }
    }

    func testUnlessRefractoryHoldsOnlyTheFlaggedVariableOfACoupledSystem() throws {
        // dv/dt = (g - v)/tau (unless refractory), dg/dt = -g/taug; v(0) = 0.2, g(0) = 1, last spike
        // at t = 0 and a 5 ms refractory period. For t < 5 ms v is held and g decays freely:
        //   v(5 ms) = 0.2, g(5 ms) = g1 = e^{-5 ms/taug}.
        // Then, with s = t - 5 ms:
        //   v = 0.2·e^{-s/tau} + g1·taug/(taug - tau)·(e^{-s/taug} - e^{-s/tau}),  g = g1·e^{-s/taug}.
        let (tauValue, taug, t) = (0.01, 0.004, 0.012)
        let group = try simulate("dv/dt = (g - v)/tau : 1 (unless refractory)\ndg/dt = -g/taug : 1", method: "exact", n: 2, duration: t,
                                 constants: ["tau": (tauValue, .time), "taug": (taug, .time)], refractoriness: .duration(0.005),
                                 prepare: ["v = 0.2", "g = 1", "lastspike = t"])
        let g1 = exp(-0.005 / taug), s = t - 0.005
        let expectedV = 0.2 * exp(-s / tauValue) + g1 * taug / (taug - tauValue) * (exp(-s / taug) - exp(-s / tauValue))
        for k in 0..<2 {
            XCTAssertEqual(values(group, "v")[k], expectedV, accuracy: 1e-13)
            XCTAssertEqual(values(group, "g")[k], exp(-t / taug), accuracy: 1e-13)
        }
    }

    func testUnlessRefractoryHoldsAScalarEquationDuringTheRefractoryPeriod() throws {
        // Neuron 0 spiked at t = 0 (refractory until 5 ms), neuron 1 never: after 8 ms,
        // v0 = 1 - e^{-3 ms/tau}, v1 = 1 - e^{-8 ms/tau}.
        let refractory = try NeuronGroup(size: 2, model: "dv/dt = (1 - v)/tau : 1 (unless refractory)", method: "exact",
                                         refractoriness: .duration(0.005))
        let namespace = Namespace()
        namespace.set("tau", value: 0.01, dimension: .time)
        try refractory.execute("lastspike = t", indices: [0], namespace: namespace)
        let network = Network()
        try network.run([refractory], duration: 0.008, namespace: namespace)
        XCTAssertEqual(values(refractory, "v")[0], 1 - exp(-0.3), accuracy: 1e-13)
        XCTAssertEqual(values(refractory, "v")[1], 1 - exp(-0.8), accuracy: 1e-13)
    }

    func testCoefficientsChangedByTheResetTakeEffectInTheNextStep() throws {
        // dv/dt = (I - v)/tau with I = 2 from v = 0 first exceeds 1 after tau·ln 2 = 69.3 steps of
        // 0.1 ms: the spike is in step 69 (the threshold sees the value the step integrated to). The
        // reset sets v = 0 and I = 3, so the next crossing needs tau·ln 1.5 = 40.5 steps: 41 more
        // updates, spikes in steps 110 and 151. Propagators left at I = 2 would give step 139.
        let group = try NeuronGroup(size: 1, model: "dv/dt = (I - v)/tau : 1\nI : 1", method: "exact",
                                    threshold: "v > 1", reset: "v = 0\nI = 3")
        let namespace = Namespace()
        namespace.set("tau", value: 0.01, dimension: .time)
        try group.execute("I = 2", indices: nil, namespace: namespace)
        let spikes = SpikeMonitor(group: group)
        try Network().run([group, spikes], duration: 0.016, namespace: namespace)
        XCTAssertEqual(spikes.times.elements.map { ($0 / 1e-4).rounded() }, [69, 110, 151])
    }

    func testPureIntegratorGrowsLinearly() throws {
        // dv/dt = I/C has no decay: v(t) = I·t/C = 2 nA · 10 ms / 200 pF = 0.1 V.
        let group = try simulate("dv/dt = I/C : volt", method: "exact", duration: 0.01,
                                 constants: ["I": (2e-9, Dimension(A: 1)), "C": (200e-12, farad)])
        XCTAssertEqual(value(group, "v"), 0.1, accuracy: 1e-14)
    }

    func testSingularCoupledSystemIntegratesPolynomially() throws {
        // dx/dt = y/tau, dy/dt = 1/tau from 0 (A nilpotent, b constant): y = t/tau, x = t²/(2 tau²).
        let t = 0.02
        let group = try simulate("dx/dt = y/tau : 1\ndy/dt = 1/tau : 1", method: "exact", duration: t, constants: ["tau": tenMilliseconds])
        XCTAssertEqual(value(group, "y"), t / 0.01, accuracy: 1e-13)
        XCTAssertEqual(value(group, "x"), t * t / (2 * 0.01 * 0.01), accuracy: 1e-13)
    }
}

// MARK: - Explicit methods

final class ExplicitMethodTests: XCTestCase {
    /// dv/dt = (sin(ωt) - v)/tau from v(0) = 0 has the solution
    ///   v(t) = [sin ωt - ωτ·cos ωt + ωτ·e^{-t/τ}] / (1 + ω²τ²)
    /// (particular solution A sin + B cos with A - ωτB = 1, ωτA + B = 0, plus the homogeneous term
    /// fixing v(0) = 0). The right-hand side depends on t, so a method that evaluated its stages at
    /// the wrong times would lose its order.
    private func forcedDecayError(_ method: String, dt: Double) throws -> Double {
        let (tauValue, omega, t) = (0.01, 2 * Double.pi * 50, 0.02)
        let group = try simulate("dv/dt = (sin(omega*t) - v)/tau : 1", method: method, dt: dt, duration: t,
                                 constants: ["tau": (tauValue, .time), "omega": (omega, .frequency)])
        let wt = omega * tauValue
        let exact = (sin(omega * t) - wt * cos(omega * t) + wt * exp(-t / tauValue)) / (1 + wt * wt)
        return abs(value(group, "v") - exact)
    }

    /// Halving dt divides the global error of an order-p method by about 2^p. At dt = 0.1 ms
    /// (dt/tau = 0.01) the leading term dominates: ratios are within 4% of 2^p for this problem,
    /// while a method of the wrong order would be off by a factor of 2 or more.
    private func assertConvergenceOrder(_ method: String, _ order: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        let coarse = try forcedDecayError(method, dt: 1e-4)
        let fine = try forcedDecayError(method, dt: 5e-5)
        let expected = pow(2, order)
        XCTAssertEqual(coarse / fine, expected, accuracy: 0.1 * expected, "errors \(coarse), \(fine)", file: file, line: line)
    }

    func testEulerConvergesWithOrderOne() throws { try assertConvergenceOrder("euler", 1) }
    func testRK2ConvergesWithOrderTwo() throws { try assertConvergenceOrder("rk2", 2) }
    func testHeunConvergesWithOrderTwo() throws { try assertConvergenceOrder("heun", 2) }
    func testRK4ConvergesWithOrderFour() throws { try assertConvergenceOrder("rk4", 4) }

    func testOneStepOfEachMethodIsItsTaylorPolynomialOnLinearDecay() throws {
        // For dv/dt = -v/tau, one step of an explicit Runge–Kutta method of order p multiplies v by
        // the Taylor polynomial of e^{-h} up to h^p (h = dt/tau): Euler 1 - h; the midpoint method and
        // Heun 1 - h + h²/2; RK4 1 - h + h²/2 - h³/6 + h⁴/24. Ten steps give its tenth power.
        let h = 0.1
        let factors: [(String, Double)] = [
            ("euler", 1 - h), ("rk2", 1 - h + h * h / 2), ("heun", 1 - h + h * h / 2),
            ("rk4", 1 - h + h * h / 2 - h * h * h / 6 + h * h * h * h / 24),
        ]
        for (method, factor) in factors {
            let group = try simulate("dv/dt = -v/tau : 1", method: method, dt: 1e-3, duration: 0.01,
                                     constants: ["tau": tenMilliseconds], prepare: ["v = 1"])
            XCTAssertEqual(value(group, "v"), pow(factor, 10), accuracy: 1e-15, method)
        }
    }

    func testUnlessRefractoryStopsExplicitIntegrationDuringTheRefractoryPeriod() throws {
        // Euler on dv/dt = (1 - v)/tau multiplies 1 - v by (1 - h) per step (h = dt/tau = 0.01).
        // Neuron 0 spiked at t = 0 with a 5 ms period: it is held for 50 steps and integrates for
        // 30 of the 80 steps; neuron 1 integrates for all 80.
        for method in ["euler", "rk2", "rk4", "heun"] {
            let group = try NeuronGroup(size: 2, model: "dv/dt = (1 - v)/tau : 1 (unless refractory)", method: method,
                                        refractoriness: .duration(0.005))
            let namespace = Namespace()
            namespace.set("tau", value: 0.01, dimension: .time)
            try group.execute("lastspike = t", indices: [0], namespace: namespace)
            try Network().run([group], duration: 0.008, namespace: namespace)
            // Each method's step factor on this linear equation (see the Taylor polynomial test).
            let h = 0.01
            let factor = method == "euler" ? 1 - h : method == "rk4" ? 1 - h + h * h / 2 - h * h * h / 6 + h * h * h * h / 24 : 1 - h + h * h / 2
            XCTAssertEqual(values(group, "v")[0], 1 - pow(factor, 30), accuracy: 1e-14, method)
            XCTAssertEqual(values(group, "v")[1], 1 - pow(factor, 80), accuracy: 1e-14, method)
        }
    }

    func testCoupledNonlinearSystemUsesOldValuesInEveryStage() throws {
        // Euler on dx/dt = -y·y/tau, dy/dt = x/tau: each new value must come from the old x and y,
        // never from a value already updated in the same step.
        let group = try simulate("dx/dt = -y*y/tau : 1\ndy/dt = x/tau : 1", method: "euler", dt: 1e-3, duration: 0.003,
                                 constants: ["tau": tenMilliseconds], prepare: ["x = 1", "y = 0.5"])
        var (x, y) = (1.0, 0.5)
        for _ in 0..<3 { (x, y) = (x - 0.1 * y * y, y + 0.1 * x) }
        XCTAssertEqual(value(group, "x"), x, accuracy: 1e-15)
        XCTAssertEqual(value(group, "y"), y, accuracy: 1e-15)
    }
}

// MARK: - Brian2's default choice of method

final class MethodChoiceTests: XCTestCase {
    private func chosenMethod(_ model: String) throws -> String {
        try MethodTable.choose("", for: EquationSystem(model: ModelDefinition(parsing: model)), context: "the test model").name
    }

    private func refusal(_ model: String, method: String) -> RanvierError? {
        do {
            _ = try MethodTable.choose(method, for: EquationSystem(model: ModelDefinition(parsing: model)), context: "the test model")
            return nil
        } catch {
            return error as? RanvierError
        }
    }

    func testLinearEquationsAreIntegratedExactly() throws {
        XCTAssertEqual(try chosenMethod("dv/dt = (v0 - v)/tau : 1"), "exact")
        XCTAssertEqual(try chosenMethod("dv/dt = (g - v)/tau : volt\ndg/dt = -g/taug : volt"), "exact")
    }

    func testNonlinearOrTimeDependentEquationsFallBackToEuler() throws {
        XCTAssertEqual(try chosenMethod("dv/dt = -v**2/tau : 1"), "euler")
        XCTAssertEqual(try chosenMethod("dv/dt = (sin(2*pi*t/tau) - v)/tau : 1"), "euler")
    }

    func testAdditiveNoiseUsesEulerAndMultiplicativeNoiseUsesHeun() throws {
        XCTAssertEqual(try chosenMethod("dv/dt = -v/tau + sigma*xi*tau**-0.5 : 1"), "euler")
        XCTAssertEqual(try chosenMethod("dv/dt = -v/tau + v*sigma*xi*tau**-0.5 : 1"), "heun")
    }

    func testMethodsThatCannotApplyRefuseWithTheReason() throws {
        let cases: [(model: String, method: String, fragments: [String])] = [
            ("dv/dt = -v**2/tau : 1", "exact", ["'exact'", "not linear", "dv/dt = -v**2/tau : 1", "the test model"]),
            ("dv/dt = -v/tau + sigma*xi*tau**-0.5 : 1", "rk4", ["'rk4'", "stochastic", "euler", "heun"]),
            ("dv/dt = -v/tau + v*sigma*xi*tau**-0.5 : 1", "euler", ["'euler'", "multiplicative", "heun"]),
            ("dv/dt = -v/tau : 1", "rk5", ["'rk5'", "known methods", "euler", "exact", "heun", "linear", "rk2", "rk4"]),
        ]
        for (model, method, fragments) in cases {
            let error = try XCTUnwrap(refusal(model, method: method), "\(method) accepted \(model)")
            XCTAssertEqual(error.kind, method == "rk5" ? .value : .unsupportedEquations, error.message)
            for fragment in fragments {
                XCTAssertTrue(error.message.contains(fragment), "'\(fragment)' missing from: \(error.message)")
            }
        }
    }

    func testNoiseThatIsNotLinearIsRefusedBeforeAnyMethodIsTried() {
        XCTAssertThrowsError(try EquationSystem(model: ModelDefinition(parsing: "dv/dt = -v/tau + sigma*xi**2 : 1"))) { error in
            let error = error as! RanvierError
            XCTAssertEqual(error.kind, .unsupportedEquations)
            XCTAssertTrue(error.message.contains("linearly") && error.message.contains("'v'"), error.message)
        }
    }
}

// MARK: - Stochastic equations

final class StochasticIntegrationTests: XCTestCase {
    override func setUp() {
        super.setUp()
        // A fixed seed makes the draws, and so every statistic below, the same on every run; the
        // tolerances are still derived from the sample sizes, so a correct scheme passes for
        // (almost) any seed.
        GlobalRandom.seed(20_240_611)
    }

    func testOrnsteinUhlenbeckVarianceWithEulerMaruyamaMatchesTheDiscreteScheme() throws {
        // dv/dt = -v/tau + sigma·xi·tau^-1/2 with Euler–Maruyama is the AR(1) recursion
        //   v_{k+1} = (1 - h)·v_k + sigma·sqrt(h)·Z_k,   h = dt/tau, Z_k ~ N(0, 1) independent,
        // so from v_0 = 0: E[v_n] = 0 and Var[v_n] = sigma²·h·(1 - (1-h)^{2n}) / (1 - (1-h)²)
        //                                          = sigma²/(2 - h) · (1 - (1-h)^{2n}).
        // With h = 0.5 (dt = 5 ms, tau = 10 ms) and n = 20 the stationary value sigma²/1.5 is reached
        // to 1e-12, clearly apart from the continuous-time sigma²/2 (a scheme scaling the noise by dt
        // instead of sqrt(dt), or drawing non-standard normals, would be far off too).
        // Sampling error over N = 40000 independent neurons: the sample variance of normals has a
        // relative standard deviation sqrt(2/(N-1)) = 0.71%, the mean a standard deviation of
        // sqrt(Var/N) = 0.0041·sigma; tolerances are 5 standard deviations.
        let (sigma, h, n, neurons) = (0.3, 0.5, 20, 40_000)
        let group = try simulate("dv/dt = -v/tau + sigma*xi*tau**-0.5 : 1", method: "euler", n: neurons, dt: h * 0.01,
                                 duration: Double(n) * h * 0.01, constants: ["tau": tenMilliseconds, "sigma": (sigma, .dimensionless)])
        let expected = sigma * sigma / (2 - h) * (1 - pow(1 - h, Double(2 * n)))
        let (mean, variance) = moments(values(group, "v"))
        XCTAssertEqual(variance, expected, accuracy: 5 * sqrt(2.0 / Double(neurons - 1)) * expected)
        XCTAssertEqual(mean, 0, accuracy: 5 * sqrt(expected / Double(neurons)))
    }

    func testTheSameNoiseSymbolIsOneDrawAndDistinctSymbolsAreIndependent() throws {
        // Pure diffusion, Euler: v(T) = sigma·sqrt(dt/tau)·Σ Z_k. Equations sharing xi_a see the very
        // same draws (Brian2: one name, one noise); xi_a and xi_b are independent. Var(v) =
        // steps·sigma²·dt/tau and Var(u) twice that, each within 5 standard deviations of the sample
        // variance (relative sd sqrt(2/N)).
        let neurons = 20_000, steps = 10, sigma = 0.2
        let group = try simulate("du/dt = sigma*(xi_a + xi_b)*tau**-0.5 : 1\ndv/dt = sigma*xi_a*tau**-0.5 : 1\ndw/dt = sigma*xi_a*tau**-0.5 : 1",
                                 method: "euler", n: neurons, dt: 1e-3, duration: Double(steps) * 1e-3,
                                 constants: ["tau": tenMilliseconds, "sigma": (sigma, .dimensionless)])
        XCTAssertEqual(values(group, "v"), values(group, "w"))
        let u = values(group, "u"), v = values(group, "v")
        let expectedVariance = Double(steps) * sigma * sigma * 0.1
        XCTAssertEqual(moments(u).variance, 2 * expectedVariance, accuracy: 5 * sqrt(2.0 / Double(neurons)) * 2 * expectedVariance)
        XCTAssertEqual(moments(v).variance, expectedVariance, accuracy: 5 * sqrt(2.0 / Double(neurons)) * expectedVariance)
        // u - v = sigma·sqrt(dt/tau)·Σ Z_b: uncorrelated with v = sigma·sqrt(dt/tau)·Σ Z_a when the two
        // symbols are independent (it would equal v if xi_b reused xi_a's draws).
        let d = zip(u, v).map { $0 - $1 }
        let (md, vd) = moments(d), (mv, vv) = moments(v)
        let covariance = zip(d, v).reduce(0) { $0 + ($1.0 - md) * ($1.1 - mv) } / Double(neurons - 1)
        XCTAssertEqual(covariance / sqrt(vd * vv), 0, accuracy: 5 / sqrt(Double(neurons)))
    }

    func testHeunIntegratesMultiplicativeNoiseInTheStratonovichSense() throws {
        // dv/dt = v·s·xi with s = sigma·tau^-1/2 is geometric Brownian motion. Read as Stratonovich
        // (Brian2's heun) its solution is v(T) = v0·exp(s·W_T), so log v(T) ~ N(0, s²T); read as Itô
        // it would be N(-s²T/2, s²T). Here s²T = 25/s · 20 ms = 0.5, so the two means are 0 and -0.25.
        // Heun's step multiplies v by 1 + x + x²/2 (x = s·ΔW), whose log is x - x³/6 + x⁴/8 + …: a bias of
        // (3/8)(s²dt)² per step, 5e-4 over 200 steps, and a variance smaller by a factor 1 - s²dt
        // (-0.0013 in all). Sampling: the mean of log v has sd sqrt(0.5/N) = 0.0035 for N = 40000
        // (tolerance 0.02, about 5 sd plus the bias); the sample variance has sd 0.5·sqrt(2/N) = 0.0035
        // (tolerance 5 sd plus 0.002 for the bias).
        let neurons = 40_000
        let group = try simulate("dv/dt = v*sigma*xi*tau**-0.5 : 1", method: "heun", n: neurons, dt: 1e-4, duration: 0.02,
                                 constants: ["tau": tenMilliseconds, "sigma": (0.5, .dimensionless)], prepare: ["v = 1"])
        let logs = values(group, "v").map { log($0) }
        let (mean, variance) = moments(logs)
        XCTAssertEqual(mean, 0, accuracy: 0.02)
        XCTAssertEqual(variance, 0.5, accuracy: 5 * sqrt(2.0 / Double(neurons)) * 0.5 + 0.002)
    }
}
