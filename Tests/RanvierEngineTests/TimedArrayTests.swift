import XCTest
@testable import RanvierEngine

/// The engine's dimension type (XCTest's Foundation also exports a `Dimension`).
private typealias Dimension = RanvierEngine.Dimension

private let volt = Dimension(m: 2, kg: 1, s: -3, A: -1)

private func table(_ values: [Double], rows: Int? = nil, columns: Int? = nil, dt: Double, dimension: Dimension = .dimensionless) throws -> TimedArray {
    try values.withUnsafeBufferPointer {
        try TimedArray(values: $0, rows: rows ?? values.count, columns: columns, dt: dt, dimension: dimension)
    }
}

/// Which sample a TimedArray gives at a time, following Brian2 2.11's numpy implementation (values
/// checked by running Brian2 on the same tables).
final class TimedArraySamplingTests: XCTestCase {
    func testEachSampleHoldsFromItsTimeUntilTheNextLikeBrian2() throws {
        // Brian2: TimedArray([1, 2, 3, 4]*mV, dt=0.1*ms) gives 1, 1, 2, 3, 4 mV at 0, 0.05, 0.15, 0.25, 0.35 ms
        // and 4 mV at 0.3 ms (docstring).
        let sampler = try table([1, 2, 3, 4], dt: 1e-4).sampler(groupDt: 1e-4)
        XCTAssertEqual([0, 0.05e-3, 0.15e-3, 0.25e-3, 0.35e-3, 0.3e-3].map { sampler.value(at: $0) }, [1, 1, 2, 3, 4, 4])
    }

    func testTimesARoundingErrorBelowABoundarySelectTheLaterSample() throws {
        // 3*0.1 ms is 0.30000000000000004e-3 and 0.7*0.1 ms is below 0.07 ms: both land on the sample they name.
        let sampler = try table(Array(0..<10).map(Double.init), dt: 1e-4).sampler(groupDt: 1e-4)
        XCTAssertEqual(sampler.value(at: 3 * 1e-4), 3)
        XCTAssertEqual(sampler.value(at: 7e-4 - 1e-18), 7)
        XCTAssertEqual(sampler.value(at: 7e-4 - 0.4e-4), 6)
    }

    func testTimesOutsideTheTableUseTheFirstOrLastSampleAndUnrepresentableTimesTheFirst() throws {
        // Brian2 (numpy): ta(-1 ms) = first, ta(15 ms) = last; NaN and 1e300 s give the first value.
        let sampler = try table([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], dt: 1e-3).sampler(groupDt: 1e-4)
        XCTAssertEqual(sampler.value(at: -1e-3), 0)
        XCTAssertEqual(sampler.value(at: 15e-3), 10)
        XCTAssertEqual(sampler.value(at: .nan), 0)
        XCTAssertEqual(sampler.value(at: 1e300), 0)
        XCTAssertEqual(sampler.value(at: -.infinity), 0)
    }

    func testUpsamplingIsBrian2sPowerOfTwoAboveEightTimesTheRatioOfTimeSteps() throws {
        XCTAssertEqual(try table([0], dt: 1e-4).upsampling(groupDt: 1e-4), 8)
        XCTAssertEqual(try table([0], dt: 4e-4).upsampling(groupDt: 1e-4), 32)
        XCTAssertEqual(try table([0], dt: 1e-5).upsampling(groupDt: 1e-4), 1)
        XCTAssertEqual(try table([0], dt: 1e10).upsampling(groupDt: 1e-300), 1 << 52)
    }

    func testColumnsAreTruncatedAndColumnsOutsideTheTableGiveNaN() throws {
        // 4 rows × 3 columns holding 0...11 (Brian2's test_timedarray_direct_use table).
        let sampler = try table(Array(0..<12).map(Double.init), rows: 4, columns: 3, dt: 1e-3).sampler(groupDt: 1e-4)
        XCTAssertEqual(sampler.value(at: 1e-3, column: 1), 4)
        XCTAssertEqual(sampler.value(at: 1e-3, column: 1.7), 4)
        XCTAssertEqual(sampler.value(at: 15e-3, column: 2), 11)
        for column in [-1, 3, .nan, 1e300] { XCTAssertTrue(sampler.value(at: 0, column: column).isNaN, "column \(column)") }
    }

    func testConstantOverAStepWhenItsTimeStepIsAWholeMultipleOfTheGroups() throws {
        XCTAssertTrue(try table([0], dt: 4e-4).isConstantOverStep(groupDt: 1e-4))
        XCTAssertTrue(try table([0], dt: 1e-4).isConstantOverStep(groupDt: 1e-4))
        XCTAssertFalse(try table([0], dt: 1.5e-4).isConstantOverStep(groupDt: 1e-4))
        XCTAssertFalse(try table([0], dt: 0.5e-4).isConstantOverStep(groupDt: 1e-4))
    }

    func testEmptyTablesAndNonPositiveTimeStepsAreRefused() {
        XCTAssertThrowsError(try table([], dt: 1e-4)) { XCTAssertEqual(($0 as? RanvierError)?.kind, .value) }
        XCTAssertThrowsError(try table([1, 2, 3], rows: 2, columns: 2, dt: 1e-4)) { XCTAssertEqual(($0 as? RanvierError)?.kind, .value) }
        for dt in [0, -1e-4, .nan, .infinity] {
            XCTAssertThrowsError(try table([1], dt: dt)) { XCTAssertEqual(($0 as? RanvierError)?.kind, .value) }
        }
    }
}

/// TimedArrays called from model code: dimension checks, compilation and runs.
final class TimedArrayCodeTests: XCTestCase {
    private func namespace(_ tables: [String: TimedArray], _ values: [String: (Double, Dimension)] = [:]) -> Namespace {
        let namespace = Namespace()
        for (name, table) in tables { namespace.set(name, timedArray: table) }
        for (name, (value, dimension)) in values { namespace.set(name, value: value, dimension: dimension) }
        namespace.set("ms", value: 1e-3, dimension: .time)
        namespace.set("mV", value: 1e-3, dimension: volt)
        return namespace
    }

    private func check(_ code: String, in namespace: Namespace) throws -> ExpressionType {
        let group = try NeuronGroup(size: 3, model: "v : volt")
        return try DimensionChecker(resolver: group.scope(namespace, dt: 1e-4), context: "the test").check(ModelParser.parseExpression(code))
    }

    func testCallsHaveTheTablesUnitsAndFoldOnlyForConstantTimes() throws {
        let ns = namespace(["ta": try table([1e-3, 2e-3], dt: 1e-4, dimension: volt)])
        let varying = try check("ta(t) + v", in: ns)
        XCTAssertEqual(varying.dimension, volt)
        XCTAssertNil(varying.constantValue)
        XCTAssertEqual(try check("ta(0.1*ms)", in: ns).constantValue, 2e-3)
    }

    /// Brian2 raises DimensionMismatchError for arguments of the wrong unit and ValueError when
    /// setting a variable from code that calls a TimedArray with the wrong number of arguments or
    /// uses it as a value.
    func testWrongArgumentsAreRefusedWithBrian2sExceptionClasses() throws {
        let ns = namespace(["ta": try table([1, 2], dt: 1e-4), "ta2": try table([1, 2, 3, 4], rows: 2, columns: 2, dt: 1e-4)])
        let cases: [(String, ErrorKind, String)] = [
            ("ta(5)", .dimension, "Argument number 1"), ("ta2(t, 1*mV)", .dimension, "Argument number 2"),
            ("ta(t, i)", .value, "needs 1"), ("ta2(t)", .value, "needs 2"), ("ta()", .value, "needs 1"),
            ("ta*2", .value, "is a function"),
        ]
        for (code, kind, fragment) in cases {
            XCTAssertThrowsError(try check(code, in: ns), code) { error in
                let error = error as? RanvierError
                XCTAssertEqual(error?.kind, kind, code)
                XCTAssertTrue(error?.message.contains(fragment) ?? false, "\(code): \(error?.message ?? "")")
            }
        }
    }

    func testTheCompiledCallIsOneBlockStepAndAConstantForConstantArguments() throws {
        let group = try NeuronGroup(size: 3, model: "v : 1")
        let ns = namespace(["ta": try table([5, 6], dt: 1e-4)])
        let builder = ProgramBuilder(resolver: group.scope(ns, dt: 1e-4), time: ScalarCell(), context: "the test")
        let constant = try builder.compile(ModelParser.parseExpression("ta(0*ms)"))
        XCTAssertEqual(builder.build().steps.count, 0)
        guard case .constant(5) = builder.build().slots[constant] else { return XCTFail("ta(0*ms) is not folded") }
        _ = try builder.compile(ModelParser.parseExpression("ta(t)"))
        XCTAssertEqual(builder.build().steps.count, 1)
    }

    func testATwoDimensionalTableGivesEachElementItsColumnAcrossBlocks() throws {
        // 600 neurons (three blocks) reading column i of a 3-row table; sample k of column c is 1000k + c.
        let columns = 600
        let values = (0..<3).flatMap { k in (0..<columns).map { Double(1000 * k + $0) } }
        // `t` itself is one value per block (the row is found once); `t + 0*ms` is a block of times.
        for time in ["t", "t + 0*ms"] {
            let group = try NeuronGroup(size: columns, model: "dx/dt = ta(\(time), i)/(0.1*ms) : 1", method: "euler")
            let network = Network()
            try network.run([group], duration: 5e-4, namespace: namespace(["ta": try table(values, rows: 3, columns: columns, dt: 1e-4)]))
            // Five Euler steps add the samples at 0, 0.1, 0.2, 0.3 (last), 0.4 ms (last): 1000·(0+1+2+2+2) + 5c.
            let x = group.variables["x"]!.storage!
            for c in [0, 1, 255, 256, 599] { XCTAssertEqual(x[c], Double(7000 + 5 * c), "column \(c), time \(time)") }
        }
    }

    private func relaxation(tableDt: Double, refractory: Bool) throws -> (v: Double, expected: Double, method: String, fused: Bool) {
        // dv/dt = (ta(t) - v)/tau from v = 0; with the table constant over each step, exact
        // integration is v' = (v - a)·exp(-dt/tau) + a with a the sample at the step's start.
        let samples = [0.5, 2.0, -1.0, 3.0, 1.5]
        let ta = try table(samples, dt: tableDt)
        let group = try NeuronGroup(size: 4, model: "dv/dt = (ta(t) - v)/tau : 1" + (refractory ? " (unless refractory)" : ""),
                                    threshold: refractory ? "v > 100" : "", reset: refractory ? "v = 0" : "",
                                    refractoriness: refractory ? .duration(1e-3) : .none)
        let ns = namespace(["ta": ta], ["tau": (2e-4, .time)])
        let network = Network()
        try network.run([group], duration: 1e-3, namespace: ns)
        let sampler = ta.sampler(groupDt: 1e-4)
        var expected = 0.0
        for step in 0..<10 {
            let a = sampler.value(at: Double(step) * 1e-4)
            expected = (expected - a) * exp(-0.5) + a
        }
        var system = try EquationSystem(model: group.model)
        system.markFunctionsConstantOverStep(group.scope(ns, dt: 1e-4), dt: 1e-4)
        let method = try MethodTable.choose("", for: system, context: "the test").name
        return (group.variables["v"]!.storage![3], expected, method, group.usesFusedKernel)
    }

    func testTablesConstantOverAStepAreIntegratedExactlyWithTheSampleOfEachStep() throws {
        let result = try relaxation(tableDt: 2e-4, refractory: false)
        XCTAssertEqual(result.method, "exact")
        XCTAssertEqual(result.v, result.expected, accuracy: 1e-12)
    }

    func testTheFusedRefractoryKernelRefreshesTheTimeDependentFixedPointEachStep() throws {
        let result = try relaxation(tableDt: 1e-4, refractory: true)
        XCTAssertTrue(result.fused)
        XCTAssertEqual(result.v, result.expected, accuracy: 1e-12)
    }

    func testTablesNotConstantOverAStepMakeTheDefaultMethodEuler() throws {
        XCTAssertEqual(try relaxation(tableDt: 1.5e-4, refractory: false).method, "euler")
    }

    func testNoiseScaledByTheTimeIsMultiplicativeUnlessThroughATableConstantOverAStep() throws {
        // Brian2 2.11 picks heun, euler and heun for these three (the first two tables are 0.2 ms and
        // 0.15 ms apart, the step 0.1 ms).
        let group = try NeuronGroup(size: 1, model: "v : 1")
        let ns = namespace(["ta": try table([1, 2], dt: 2e-4), "tb": try table([1, 2], dt: 1.5e-4)], ["tau": (0.01, .time)])
        let scope = group.scope(ns, dt: 1e-4)
        func method(_ noise: String) throws -> String {
            var system = try EquationSystem(model: ModelDefinition(parsing: "dv/dt = -v/tau + \(noise)*xi*tau**-0.5 : 1"))
            system.markFunctionsConstantOverStep(scope, dt: 1e-4)
            return try MethodTable.choose("", for: system, context: "the test").name
        }
        XCTAssertEqual(try method("0.1*sin(2*pi*10*t/(1000*ms))"), "heun")
        XCTAssertEqual(try method("0.1*ta(t)"), "euler")
        XCTAssertEqual(try method("0.1*tb(t)"), "heun")
    }

    func testTimeShiftedArgumentsAreNotConstantOverAStep() throws {
        XCTAssertTrue(try ModelParser.parseExpression("ta(t) + tb(t + dt, i)").readsTime(outsideCallsTo: ["ta", "tb"]))
        XCTAssertFalse(try ModelParser.parseExpression("ta(t) + tb(t, i)").readsTime(outsideCallsTo: ["ta", "tb"]))
        XCTAssertTrue(try ModelParser.parseExpression("ta(t) + tb(t, i)").readsTime(outsideCallsTo: ["ta"]))
        XCTAssertFalse(try ModelParser.parseExpression("ta(t)*2").readsTime(outsideCallsTo: ["ta"]))
        XCTAssertTrue(try ModelParser.parseExpression("ta(t)*t").readsTime(outsideCallsTo: ["ta"]))
    }

    func testAConstantOverDtSubexpressionIsStoredOncePerStepAndHeldThroughEveryStage() throws {
        // rk4 evaluates the right-hand side at t + dt too, where the table (dt equal to the step) has
        // its next sample; flagged `(constant over dt)`, I keeps the step's first sample instead.
        let samples = [1.0, 3.0, 7.0, 2.0]
        func run(flagged: Bool) throws -> (x: Double, I: Double?) {
            let group = try NeuronGroup(size: 2, model: "dx/dt = I/(0.1*ms) : 1\nI = ta(t) : 1" + (flagged ? " (constant over dt)" : ""),
                                        method: "rk4")
            try Network().run([group], duration: 3e-4, namespace: namespace(["ta": try table(samples, dt: 1e-4)]))
            return (group.variables["x"]!.storage![1], group.variables["I"]!.storage?[1])
        }
        let flagged = try run(flagged: true)
        XCTAssertEqual(flagged.x, 1 + 3 + 7, accuracy: 1e-12)
        XCTAssertEqual(flagged.I, 7)
        // Without the flag: each step is (a + 4b + c)/6 with b the same sample (t + dt/2) and c the next one.
        let unflagged = zip(samples, samples.dropFirst()).reduce(0.0) { sum, pair in sum + (5 * pair.0 + pair.1) / 6 }
        XCTAssertEqual(try run(flagged: false).x, unflagged, accuracy: 1e-12)
    }

    func testTheCallIsAnExternalNameOfTheGroup() throws {
        let group = try NeuronGroup(size: 2, model: "dv/dt = (ta(t) - v)/tau : 1\nI = exp(tb(t, i)) : 1")
        XCTAssertEqual(group.externalNames(), ["ta", "tau", "tb"])
        XCTAssertEqual(try group.externalNames(inCode: "v = ta(0*ms, i)", isExpression: false), ["ms", "ta"])
    }
}
