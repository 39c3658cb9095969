import CRanvier
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

/// Errors in what a user writes (models, thresholds, resets, code, names, indices) reach C as the
/// status Python maps to Brian2's exception, with a message naming the offending text.
final class CAPICodeErrorTests: CAPITestCase {
    private let volt = Dimension(m: 2, kg: 1, s: -3, A: -1)

    // MARK: Syntax

    func testSyntaxErrorInModelQuotesTheLine() {
        let (status, handle) = createGroup(model: "v : 1\ndw/dt = (1 - w/tau : 1")
        assertStatus(status, RV_ERR_SYNTAX, mentions: ["dw/dt = (1 - w/tau : 1", "^"])
        XCTAssertNil(handle)
    }

    func testSyntaxErrorInThresholdResetAndRefractoryCode() {
        assertStatus(createGroup(threshold: "v >").0, RV_ERR_SYNTAX, mentions: ["v >", "^"])
        assertStatus(createGroup(reset: "v = = 0").0, RV_ERR_SYNTAX, mentions: ["v = = 0", "^"])
        assertStatus(createGroup(refractory: "5*ms)").0, RV_ERR_SYNTAX, mentions: ["5*ms)", "^"])
    }

    func testSyntaxErrorInExecutedAndEvaluatedCode() throws {
        let group = try makeGroup()
        let ns = try makeNamespace()
        assertStatus(rv_group_execute(group, "v = (1 +", nil, -1, ns), RV_ERR_SYNTAX, mentions: ["v = (1 +", "^"])
        var out = [Double](repeating: 0, count: 4)
        assertStatus(rv_group_evaluate(group, "v +", nil, -1, ns, &out), RV_ERR_SYNTAX, mentions: ["v +", "^"])
        var names: UnsafePointer<CChar>?
        assertStatus(rv_code_external_names(group, "v = 1 +* 2", 0, &names), RV_ERR_SYNTAX, mentions: ["v = 1 +* 2", "^"])
    }

    func testModelDeclarationErrorsNameTheDeclaration() {
        assertStatus(createGroup(model: "v : volts").0, RV_ERR_UNKNOWN_NAME, mentions: ["'volts'", "v : volts"])
        assertStatus(createGroup(model: "v : 1 (fancy)").0, RV_ERR_SYNTAX, mentions: ["fancy", "v : 1 (fancy)"])
        assertStatus(createGroup(model: "t : second").0, RV_ERR_SYNTAX, mentions: ["'t'", "special meaning"])
    }

    func testGroupSizeAndRefractoryPeriodMustBePositive() {
        assertStatus(createGroup(0).0, RV_ERR_VALUE, mentions: ["NeuronGroup", "got 0"])
        assertStatus(createGroup(-3).0, RV_ERR_VALUE, mentions: ["NeuronGroup", "got -3"])
        assertStatus(createGroup(refractorySeconds: -0.002).0, RV_ERR_VALUE, mentions: ["refractory period", "-0.002"])
        assertStatus(createGroup(refractorySeconds: .nan).0, RV_ERR_VALUE, mentions: ["refractory period", "nan"])
    }

    // MARK: Unknown names

    func testUnknownVariableNamesAreKeyErrorsNamingTheVariable() throws {
        let group = try makeGroup(threshold: "v > 1")
        let monitor = try makeStateMonitor(group, "v")
        let spikes = try makeSpikeMonitor(group)
        var view = rv_array()
        assertStatus(rv_object_variable(group, "w", &view), RV_ERR_UNKNOWN_NAME, mentions: ["'w'", "v"])
        assertStatus(rv_object_variable(monitor, "w", &view), RV_ERR_UNKNOWN_NAME, mentions: ["'w'", "t, v"])
        assertStatus(rv_object_variable(spikes, "v", &view), RV_ERR_UNKNOWN_NAME, mentions: ["'v'", "i, t, count"])
        var dims = [Double](repeating: 0, count: 7)
        var kind: Int32 = 0
        assertStatus(rv_group_variable_dimensions(group, "w", &dims, &kind), RV_ERR_UNKNOWN_NAME, mentions: ["'w'"])
        var handle: rv_handle?
        assertStatus(rv_statemonitor_create(group, "v\nw", nil, -1, &handle), RV_ERR_UNKNOWN_NAME, mentions: ["'w'", "v"])
        XCTAssertNil(handle)
    }

    func testUnknownNamesInCodeAreKeyErrorsNamingTheName() throws {
        let group = try makeGroup()
        let ns = try makeNamespace()
        // `w = 1` would define a temporary (Brian2's semantics); updating an undefined name is an error.
        assertStatus(rv_group_execute(group, "w += 1", nil, -1, ns), RV_ERR_UNKNOWN_NAME, mentions: ["'w'"])
        assertStatus(rv_group_execute(group, "v = w", nil, -1, ns), RV_ERR_UNKNOWN_NAME, mentions: ["'w'", "v = w"])
        var out = [Double](repeating: 0, count: 4)
        assertStatus(rv_group_evaluate(group, "v + w", nil, -1, ns, &out), RV_ERR_UNKNOWN_NAME, mentions: ["'w'", "v + w"])
        assertStatus(rv_group_evaluate(group, "foo(v)", nil, -1, ns, &out), RV_ERR_UNKNOWN_NAME, mentions: ["'foo'", "exp"])
    }

    func testExternalNamesAreListedSoTheCallerCanResolveThem() throws {
        let group = try makeGroup(model: "dv/dt = (v0 - v)/tau : 1\nI = g*v : 1\ng : 1", threshold: "v > vt", reset: "v = vr",
                                  refractory: "tref")
        var names: UnsafePointer<CChar>?
        XCTAssertEqual(rv_group_external_names(group, &names), RV_OK, lastError())
        XCTAssertEqual(String(cString: try XCTUnwrap(names)), "tau\ntref\nv0\nvr\nvt")
        // A subexpression used by code brings in no external name of its own here, but `k` is one.
        XCTAssertEqual(rv_code_external_names(group, "v = I*k + rand()", 0, &names), RV_OK, lastError())
        XCTAssertEqual(String(cString: try XCTUnwrap(names)), "k")
        XCTAssertEqual(rv_code_external_names(group, "v > 2*mV and i < N", 1, &names), RV_OK, lastError())
        XCTAssertEqual(String(cString: try XCTUnwrap(names)), "mV")
    }

    func testUnresolvedExternalNameFailsTheRunNamingIt() throws {
        let group = try makeGroup(threshold: "v > vt")
        let network = try makeNetwork()
        let withoutTau = try makeNamespace([("vt", 1, .dimensionless)])
        assertStatus(run(network, [group], duration: 1e-3, ns: withoutTau), RV_ERR_UNKNOWN_NAME, mentions: ["'tau'", "dv/dt = -v/tau : 1"])
        let withoutThreshold = try makeNamespace([("tau", 0.01, .time)])
        assertStatus(run(network, [group], duration: 1e-3, ns: withoutThreshold), RV_ERR_UNKNOWN_NAME, mentions: ["'vt'", "v > vt"])
        XCTAssertEqual(time(network), 0, "a run that failed to start advanced the clock")
    }

    // MARK: Dimensions

    func testDimensionErrorsAtRunNameTheCodeAndBothUnits() throws {
        let network = try makeNetwork()
        let ns = try makeNamespace([("tau", 0.01, .time)])
        let badEquation = try makeGroup(model: "dv/dt = -v : volt")
        assertStatus(run(network, [badEquation], duration: 1e-3, ns: ns), RV_ERR_DIMENSION,
                     mentions: ["dv/dt = -v : volt", "units V", "per second"])
        let badThreshold = try makeGroup(model: "dv/dt = -v/tau : volt", threshold: "v > 1")
        assertStatus(run(network, [badThreshold], duration: 1e-3, ns: ns), RV_ERR_DIMENSION,
                     mentions: ["v > 1", "units V", "units 1"])
        let badReset = try makeGroup(model: "dv/dt = -v/tau : volt", threshold: "v > 2*v", reset: "v = 1")
        assertStatus(run(network, [badReset], duration: 1e-3, ns: ns), RV_ERR_DIMENSION,
                     mentions: ["reset", "v = 1", "units 1", "units V"])
        XCTAssertEqual(time(network), 0)
    }

    func testDimensionErrorsInExecutedAndEvaluatedCode() throws {
        let group = try makeGroup(model: "v : volt")
        let ns = try makeNamespace([("tau", 0.01, .time)])
        assertStatus(rv_group_execute(group, "v = 2*tau", nil, -1, ns), RV_ERR_DIMENSION, mentions: ["v = 2*tau", "units s", "units V"])
        var out = [Double](repeating: 0, count: 4)
        assertStatus(rv_group_evaluate(group, "v + tau", nil, -1, ns, &out), RV_ERR_DIMENSION, mentions: ["v + tau", "units V", "units s"])
        assertStatus(rv_group_evaluate(group, "exp(v)", nil, -1, ns, &out), RV_ERR_DIMENSION, mentions: ["exp()", "units V", "dimensionless"])
    }

    func testThresholdAndRefractoryOfTheWrongKindAreTypeErrors() throws {
        let network = try makeNetwork()
        let ns = try makeNamespace([("tau", 0.01, .time)])
        let numericThreshold = try makeGroup(threshold: "v + 1")
        assertStatus(run(network, [numericThreshold], duration: 1e-3, ns: ns), RV_ERR_TYPE, mentions: ["threshold", "v + 1", "boolean"])
        let numericRefractory = try makeGroup(threshold: "v > 1", refractory: "v*2")
        assertStatus(run(network, [numericRefractory], duration: 1e-3, ns: ns), RV_ERR_TYPE, mentions: ["v * 2", "time span", "boolean"])
    }

    // MARK: Indices

    func testOutOfRangeIndicesAreIndexErrorsAndNothingIsExecuted() throws {
        let group = try makeGroup()
        let ns = try makeNamespace()
        let negative: [Int64] = [0, -1]
        assertStatus(rv_group_execute(group, "v = 5", negative, 2, ns), RV_ERR_INDEX, mentions: ["-1", "4 neurons"])
        let tooLarge: [Int64] = [0, 4]
        assertStatus(rv_group_execute(group, "v = 5", tooLarge, 2, ns), RV_ERR_INDEX, mentions: ["4", "4 neurons"])
        XCTAssertEqual(evaluate(group, "v", n: 4, ns: ns), [0, 0, 0, 0], "neuron 0 was written although the call failed")
        var out = [Double](repeating: 0, count: 2)
        assertStatus(rv_group_evaluate(group, "v", tooLarge, 2, ns, &out), RV_ERR_INDEX, mentions: ["4", "4 neurons"])
        assertStatus(rv_group_evaluate(group, "v", negative, 2, ns, &out), RV_ERR_INDEX, mentions: ["-1", "4 neurons"])
    }

    func testStateMonitorIndicesOutOfRangeAreIndexErrors() throws {
        let group = try makeGroup()
        var handle: rv_handle?
        let tooLarge: [Int64] = [1, 4]
        assertStatus(rv_statemonitor_create(group, "v", tooLarge, 2, &handle), RV_ERR_INDEX, mentions: ["element 4", "4 neurons"])
        let negative: [Int64] = [-2]
        assertStatus(rv_statemonitor_create(group, "v", negative, 1, &handle), RV_ERR_INDEX, mentions: ["element -2", "4 neurons"])
        XCTAssertNil(handle)
        assertStatus(rv_statemonitor_create(group, "", nil, -1, &handle), RV_ERR_VALUE, mentions: ["at least one variable"])
    }

    func testIndexedExecuteAndEvaluateTouchOnlyTheListedNeurons() throws {
        let group = try makeGroup(5, model: "v : 1")
        let ns = try makeNamespace()
        let chosen: [Int64] = [4, 1]
        XCTAssertEqual(rv_group_execute(group, "v = i + 10", chosen, 2, ns), RV_OK, lastError())
        XCTAssertEqual(evaluate(group, "v", n: 5, ns: ns), [0, 11, 0, 0, 14])
        var out = [Double](repeating: 0, count: 2)
        XCTAssertEqual(rv_group_evaluate(group, "v*2", chosen, 2, ns, &out), RV_OK, lastError())
        XCTAssertEqual(out, [28, 22])
        // An empty list (NULL with count 0) is allowed and does nothing.
        XCTAssertEqual(rv_group_execute(group, "v = 99", nil, 0, ns), RV_OK, lastError())
        XCTAssertEqual(evaluate(group, "v", n: 5, ns: ns), [0, 11, 0, 0, 14])
    }

    // MARK: Variables

    func testVariableDimensionsAndKinds() throws {
        let group = try makeGroup(model: "dv/dt = (I - v)/tau : volt\nI = g*E : volt\ng : 1\nE : volt", threshold: "v > E",
                                  refractorySeconds: 0.002)
        var dims = [Double](repeating: .nan, count: 7)
        var kind: Int32 = -1
        let expectations: [(String, Dimension, Int32)] = [
            ("v", volt, 0), ("g", .dimensionless, 0), ("I", volt, 1), ("lastspike", .time, 2), ("not_refractory", .dimensionless, 2),
        ]
        for (name, dimension, expectedKind) in expectations {
            XCTAssertEqual(rv_group_variable_dimensions(group, name, &dims, &kind), RV_OK, lastError())
            XCTAssertEqual(dims, dimension.exponents, name)
            XCTAssertEqual(kind, expectedKind, name)
        }
        var names: UnsafePointer<CChar>?
        XCTAssertEqual(rv_object_variable_names(group, &names), RV_OK)
        // The subexpression I has no storage, so it is not an array.
        XCTAssertEqual(String(cString: try XCTUnwrap(names)), "v\ng\nE\nlastspike\nnot_refractory")
        var size: Int64 = 0
        XCTAssertEqual(rv_object_size(group, &size), RV_OK)
        XCTAssertEqual(size, 4)
    }

    // MARK: Inputs that crash the engine (each runs in a child process)

    func testRecordingTheSameVariableTwiceDoesNotCrash() {
        // StateMonitor.init builds its recordings with Dictionary(uniqueKeysWithValues:), which traps
        // on the repeated name. Recording it once (or refusing with a clear error) would do.
        let outcome = inChildProcess {
            var group: rv_handle?, monitor: rv_handle?
            guard rv_neurongroup_create(2, "v : 1", "", "", "", "", 0, RV_DTYPE_FLOAT64, &group) == RV_OK else { return 201 }
            let status = rv_statemonitor_create(group, "v\nv", nil, -1, &monitor)
            return status == RV_OK || lastError().contains("'v'") ? status : 200
        }
        XCTAssertTrue([.returned(RV_OK), .returned(RV_ERR_VALUE)].contains(outcome), "\(outcome)")
    }

    func testUnitsWithHugeOrInfiniteExponentsCanBePrinted() {
        // Dimension.description formats an integral exponent with Int(value), which traps when the
        // exponent is infinite or beyond Int's range: v**inf and v**1e20 (v in volts) have such units,
        // and the dimension error for assigning them to v must print them.
        for code in ["v = v**inf", "v = v**1e20"] {
            let outcome = inChildProcess {
                var group: rv_handle?, ns: rv_handle?
                guard rv_neurongroup_create(2, "v : volt", "", "", "", "", 0, RV_DTYPE_FLOAT64, &group) == RV_OK,
                      rv_namespace_create(&ns) == RV_OK else { return 201 }
                let status = rv_group_execute(group, code, nil, -1, ns)
                return status != RV_OK && !lastError().contains(code) ? 200 : status
            }
            XCTAssertEqual(outcome, .returned(RV_ERR_DIMENSION), code)
        }
    }
}
