import CRanvier
import Glibc
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

/// Every entry point refuses NULL arguments and handles of the wrong kind with a status and a message
/// naming the function and the argument; the version, the seed and the per-thread last error.
final class CAPITests: CAPITestCase {
    private let dimensionless = [Double](repeating: 0, count: 7)

    func testApiVersionMatchesTheHeader() {
        var major: Int32 = -1, minor: Int32 = -1, patch: Int32 = -1
        XCTAssertEqual(rv_api_version(&major, &minor, &patch), RV_OK)
        XCTAssertEqual([major, minor, patch], [RV_API_VERSION_MAJOR, RV_API_VERSION_MINOR, RV_API_VERSION_PATCH])
    }

    func testNullArgumentsFailWithValueErrorNamingFunctionAndArgument() throws {
        let group = try makeGroup()
        let ns = try makeNamespace()
        let network = try makeNetwork()
        let monitor = try makeStateMonitor(group, "v")
        var handle: rv_handle?
        var text: UnsafePointer<CChar>?
        var view = rv_array()
        var t = 0.0, dt = 0.0, size: Int64 = 0, kind: Int32 = 0, index: Int64 = 0
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        var dims = [Double](repeating: 0, count: 7)
        var out = [Double](repeating: 0, count: 4)
        let zero = dimensionless
        let objects: [rv_handle?] = [group]
        let cases: [(call: () -> rv_status, fragments: [String])] = [
            ({ rv_api_version(nil, &minor, &patch) }, ["rv_api_version", "major is NULL"]),
            ({ rv_api_version(&major, nil, &patch) }, ["rv_api_version", "minor is NULL"]),
            ({ rv_api_version(&major, &minor, nil) }, ["rv_api_version", "patch is NULL"]),
            ({ rv_release(nil) }, ["rv_release", "handle is NULL"]),
            ({ rv_namespace_create(nil) }, ["rv_namespace_create", "output handle is NULL"]),
            ({ rv_namespace_set(nil, "x", 1, zero) }, ["rv_namespace_set", "namespace is NULL"]),
            ({ rv_namespace_set(ns, nil, 1, zero) }, ["rv_namespace_set", "name is NULL"]),
            ({ rv_namespace_set(ns, "x", 1, nil) }, ["rv_namespace_set", "dimensions array is NULL"]),
            ({ rv_neurongroup_create(1, "v : 1", "", "", "", "", 0, RV_DTYPE_FLOAT64, nil) }, ["rv_neurongroup_create", "output handle is NULL"]),
            ({ rv_neurongroup_create(1, nil, "", "", "", "", 0, RV_DTYPE_FLOAT64, &handle) }, ["rv_neurongroup_create", "model is NULL"]),
            ({ rv_neurongroup_create(1, "v : 1", nil, "", "", "", 0, RV_DTYPE_FLOAT64, &handle) }, ["rv_neurongroup_create", "method is NULL"]),
            ({ rv_neurongroup_create(1, "v : 1", "", nil, "", "", 0, RV_DTYPE_FLOAT64, &handle) }, ["rv_neurongroup_create", "threshold is NULL"]),
            ({ rv_neurongroup_create(1, "v : 1", "", "", nil, "", 0, RV_DTYPE_FLOAT64, &handle) }, ["rv_neurongroup_create", "reset is NULL"]),
            ({ rv_neurongroup_create(1, "v : 1", "", "", "", nil, 0, RV_DTYPE_FLOAT64, &handle) }, ["rv_neurongroup_create", "refractory is NULL"]),
            ({ rv_group_external_names(nil, &text) }, ["rv_group_external_names", "group is NULL"]),
            ({ rv_group_external_names(group, nil) }, ["rv_group_external_names", "output pointer is NULL"]),
            ({ rv_code_external_names(nil, "v", 1, &text) }, ["rv_code_external_names", "group is NULL"]),
            ({ rv_code_external_names(group, nil, 1, &text) }, ["rv_code_external_names", "code is NULL"]),
            ({ rv_code_external_names(group, "v", 1, nil) }, ["rv_code_external_names", "output pointer is NULL"]),
            ({ rv_group_execute(nil, "v = 1", nil, -1, ns) }, ["rv_group_execute", "group is NULL"]),
            ({ rv_group_execute(group, nil, nil, -1, ns) }, ["rv_group_execute", "code is NULL"]),
            ({ rv_group_execute(group, "v = 1", nil, -1, nil) }, ["rv_group_execute", "namespace is NULL"]),
            ({ rv_group_execute(group, "v = 1", nil, 2, ns) }, ["rv_group_execute", "index array is NULL"]),
            ({ rv_group_evaluate(nil, "v", nil, -1, ns, &out) }, ["rv_group_evaluate", "group is NULL"]),
            ({ rv_group_evaluate(group, nil, nil, -1, ns, &out) }, ["rv_group_evaluate", "expression is NULL"]),
            ({ rv_group_evaluate(group, "v", nil, -1, nil, &out) }, ["rv_group_evaluate", "namespace is NULL"]),
            ({ rv_group_evaluate(group, "v", nil, 2, ns, &out) }, ["rv_group_evaluate", "index array is NULL"]),
            ({ rv_group_evaluate(group, "v", nil, -1, ns, nil) }, ["rv_group_evaluate", "output array is NULL"]),
            ({ rv_object_variable_names(nil, &text) }, ["rv_object_variable_names", "object is NULL"]),
            ({ rv_object_variable_names(group, nil) }, ["rv_object_variable_names", "output pointer is NULL"]),
            ({ rv_object_variable(nil, "v", &view) }, ["rv_object_variable", "object is NULL"]),
            ({ rv_object_variable(group, nil, &view) }, ["rv_object_variable", "name is NULL"]),
            ({ rv_object_variable(group, "v", nil) }, ["rv_object_variable", "output array is NULL"]),
            ({ rv_group_variable_dimensions(nil, "v", &dims, &kind) }, ["rv_group_variable_dimensions", "group is NULL"]),
            ({ rv_group_variable_dimensions(group, nil, &dims, &kind) }, ["rv_group_variable_dimensions", "name is NULL"]),
            ({ rv_group_variable_dimensions(group, "v", nil, &kind) }, ["rv_group_variable_dimensions", "dimensions array is NULL"]),
            ({ rv_group_variable_dimensions(group, "v", &dims, nil) }, ["rv_group_variable_dimensions", "kind output is NULL"]),
            ({ rv_object_size(nil, &size) }, ["rv_object_size", "object is NULL"]),
            ({ rv_object_size(group, nil) }, ["rv_object_size", "output is NULL"]),
            ({ rv_statemonitor_create(nil, "v", nil, -1, &handle) }, ["rv_statemonitor_create", "group is NULL"]),
            ({ rv_statemonitor_create(group, nil, nil, -1, &handle) }, ["rv_statemonitor_create", "variables is NULL"]),
            ({ rv_statemonitor_create(group, "v", nil, 1, &handle) }, ["rv_statemonitor_create", "index array is NULL"]),
            ({ rv_statemonitor_create(group, "v", nil, -1, nil) }, ["rv_statemonitor_create", "output handle is NULL"]),
            ({ rv_spikemonitor_create(nil, "", 1, &handle) }, ["rv_spikemonitor_create", "group is NULL"]),
            ({ rv_spikemonitor_create(group, "", 1, nil) }, ["rv_spikemonitor_create", "output handle is NULL"]),
            ({ rv_spikemonitor_create(group, nil, 1, &handle) }, ["rv_spikemonitor_create", "variables is NULL"]),
            ({ rv_statemonitor_record_single_timestep(nil) }, ["rv_statemonitor_record_single_timestep", "StateMonitor is NULL"]),
            ({ rv_group_model_variable_names(nil, &text) }, ["rv_group_model_variable_names", "group is NULL"]),
            ({ rv_group_model_variable_names(group, nil) }, ["rv_group_model_variable_names", "output pointer is NULL"]),
            ({ rv_poissoninput_create(nil, "v", 1, 1, "0*volt", 0, zero, &handle) }, ["rv_poissoninput_create", "target group is NULL"]),
            ({ rv_poissoninput_create(group, nil, 1, 1, "", 0, zero, &handle) }, ["rv_poissoninput_create", "target variable is NULL"]),
            ({ rv_poissoninput_create(group, "v", 1, 1, nil, 0, zero, &handle) }, ["rv_poissoninput_create", "weight code is NULL"]),
            ({ rv_poissoninput_create(group, "v", 1, 1, "", 0, nil, &handle) }, ["rv_poissoninput_create", "dimensions array is NULL"]),
            ({ rv_poissoninput_create(group, "v", 1, 1, "", 0, zero, nil) }, ["rv_poissoninput_create", "output handle is NULL"]),
            ({ rv_ratemonitor_create(nil, &handle) }, ["rv_ratemonitor_create", "group is NULL"]),
            ({ rv_neurongroup_set_spike_schedule(nil, nil, nil, 0, 0) }, ["rv_neurongroup_set_spike_schedule", "group is NULL"]),
            ({ rv_neurongroup_set_spike_schedule(group, &index, nil, 1, 0) }, ["rv_neurongroup_set_spike_schedule", "time array is NULL"]),
            ({ rv_neurongroup_set_spike_schedule(group, nil, &t, 1, 0) }, ["rv_neurongroup_set_spike_schedule", "index array is NULL"]),
            ({ rv_ratemonitor_create(group, nil) }, ["rv_ratemonitor_create", "output handle is NULL"]),
            ({ rv_object_set_schedule(nil, "start", 0) }, ["rv_object_set_schedule", "object is NULL"]),
            ({ rv_object_set_schedule(monitor, nil, 0) }, ["rv_object_set_schedule", "when is NULL"]),
            ({ rv_network_create(nil) }, ["rv_network_create", "output handle is NULL"]),
            ({ rv_network_set_dt(nil, 1e-4) }, ["rv_network_set_dt", "network is NULL"]),
            ({ rv_network_time(nil, &t, &dt) }, ["rv_network_time", "network is NULL"]),
            ({ rv_network_time(network, nil, &dt) }, ["rv_network_time", "t is NULL"]),
            ({ rv_network_time(network, &t, nil) }, ["rv_network_time", "dt is NULL"]),
            ({ rv_network_set_threads(nil, 2) }, ["rv_network_set_threads", "network is NULL"]),
            ({ rv_network_last_run_timing(nil, &t, &dt) }, ["rv_network_last_run_timing", "network is NULL"]),
            ({ rv_network_last_run_timing(network, nil, &dt) }, ["rv_network_last_run_timing", "prepare is NULL"]),
            ({ rv_network_last_run_timing(network, &t, nil) }, ["rv_network_last_run_timing", "loop is NULL"]),
            ({ rv_network_set_time(nil, 0) }, ["rv_network_set_time", "network is NULL"]),
            ({ rv_network_run(nil, objects, 1, 1e-3, ns, nil, nil) }, ["rv_network_run", "network is NULL"]),
            ({ rv_network_run(network, nil, 1, 1e-3, ns, nil, nil) }, ["rv_network_run", "object list is NULL"]),
            ({ rv_network_run(network, objects, 1, 1e-3, nil, nil, nil) }, ["rv_network_run", "namespace is NULL"]),
            ({ rv_network_run(network, [nil], 1, 1e-3, ns, nil, nil) }, ["rv_network_run", "object 0 is NULL"]),
        ]
        for (index, testCase) in cases.enumerated() {
            handle = nil
            let status = testCase.call()
            XCTAssertEqual(status, RV_ERR_VALUE, "case \(index): \(lastError())")
            for fragment in testCase.fragments {
                XCTAssertTrue(lastError().contains(fragment), "case \(index): '\(fragment)' missing from: \(lastError())")
            }
            XCTAssertNil(handle, "case \(index) handed out a handle although it failed")
        }
        // No call with a NULL argument did part of its work.
        XCTAssertEqual(evaluate(group, "v", n: 4, ns: ns), [0, 0, 0, 0])
        XCTAssertEqual(time(network), 0)
    }

    func testHandlesOfTheWrongKindFailWithTypeErrorNamingTheExpectedKind() throws {
        let group = try makeGroup()
        let ns = try makeNamespace([("tau", 0.01, .time)])
        let network = try makeNetwork()
        let monitor = try makeStateMonitor(group, "v")
        var handle: rv_handle?
        var text: UnsafePointer<CChar>?
        var view = rv_array()
        var t = 0.0, dt = 0.0, size: Int64 = 0, kind: Int32 = 0
        var dims = [Double](repeating: 0, count: 7)
        var out = [Double](repeating: 0, count: 4)
        let zero = dimensionless
        let cases: [(call: () -> rv_status, fragments: [String])] = [
            ({ rv_namespace_set(group, "x", 1, zero) }, ["rv_namespace_set", "namespace is not a namespace"]),
            ({ rv_group_external_names(ns, &text) }, ["rv_group_external_names", "the group is not a", "group"]),
            ({ rv_code_external_names(network, "v", 1, &text) }, ["rv_code_external_names", "the group is not a", "group"]),
            ({ rv_group_execute(ns, "v = 1", nil, -1, ns) }, ["rv_group_execute", "the group is not a", "group"]),
            ({ rv_group_execute(group, "v = 1", nil, -1, group) }, ["rv_group_execute", "namespace is not a namespace"]),
            ({ rv_group_evaluate(monitor, "v", nil, -1, ns, &out) }, ["rv_group_evaluate", "the group is not a", "group"]),
            ({ rv_group_evaluate(group, "v", nil, -1, network, &out) }, ["rv_group_evaluate", "namespace is not a namespace"]),
            ({ rv_group_variable_dimensions(monitor, "v", &dims, &kind) }, ["rv_group_variable_dimensions", "the group is not a", "group"]),
            ({ rv_statemonitor_create(ns, "v", nil, -1, &handle) }, ["rv_statemonitor_create", "the group is not a", "group"]),
            ({ rv_statemonitor_create(monitor, "v", nil, -1, &handle) }, ["rv_statemonitor_create", "the group is not a", "group"]),
            ({ rv_spikemonitor_create(network, "", 1, &handle) }, ["rv_spikemonitor_create", "the group is not a", "group"]),
            ({ rv_ratemonitor_create(network, &handle) }, ["rv_ratemonitor_create", "the group is not a", "group"]),
            ({ rv_object_variable_names(ns, &text) }, ["rv_object_variable_names", "object is not a"]),
            ({ rv_object_variable(network, "t", &view) }, ["rv_object_variable", "object is not a"]),
            ({ rv_object_size(ns, &size) }, ["rv_object_size", "object is not a"]),
            ({ rv_object_set_schedule(ns, "start", 0) }, ["rv_object_set_schedule", "object is not a"]),
            ({ rv_object_set_schedule(network, "start", 0) }, ["rv_object_set_schedule", "object is not a"]),
            ({ rv_network_set_dt(group, 1e-4) }, ["rv_network_set_dt", "network is not a network"]),
            ({ rv_network_time(ns, &t, &dt) }, ["rv_network_time", "network is not a network"]),
            ({ rv_network_set_time(monitor, 0) }, ["rv_network_set_time", "network is not a network"]),
            ({ rv_network_run(group, [group], 1, 1e-3, ns, nil, nil) }, ["rv_network_run", "network is not a network"]),
            ({ rv_network_run(network, [group], 1, 1e-3, group, nil, nil) }, ["rv_network_run", "namespace is not a namespace"]),
            ({ rv_network_run(network, [group, ns], 2, 1e-3, ns, nil, nil) }, ["rv_network_run", "object 1 is not a"]),
        ]
        for (index, testCase) in cases.enumerated() {
            handle = nil
            let status = testCase.call()
            XCTAssertEqual(status, RV_ERR_TYPE, "case \(index): \(lastError())")
            for fragment in testCase.fragments {
                XCTAssertTrue(lastError().contains(fragment), "case \(index): '\(fragment)' missing from: \(lastError())")
            }
            XCTAssertNil(handle, "case \(index) handed out a handle although it failed")
        }
        // The run with a namespace among its objects did not start: no time passed.
        XCTAssertEqual(time(network), 0)
    }

    func testNegativeObjectCountIsAValueError() throws {
        let network = try makeNetwork()
        let ns = try makeNamespace()
        assertStatus(rv_network_run(network, nil, -1, 1e-3, ns, nil, nil), RV_ERR_VALUE, mentions: ["rv_network_run", "negative object count"])
    }

    func testLastErrorDescribesTheLatestFailureAndSurvivesLaterSuccesses() throws {
        assertStatus(rv_network_set_dt(nil, 1e-4), RV_ERR_VALUE, mentions: ["rv_network_set_dt: the network is NULL"])
        let network = try makeNetwork()
        XCTAssertEqual(rv_network_set_dt(network, 2e-4), RV_OK)
        // The header promises the message stays until the next failing call on the thread.
        XCTAssertEqual(lastError(), "rv_network_set_dt: the network is NULL")
        assertStatus(rv_network_set_dt(network, 0), RV_ERR_VALUE, mentions: ["dt must be a positive time", "got 0.0 s"])
    }

    func testLastErrorIsPerThread() {
        assertStatus(rv_release(nil), RV_ERR_VALUE, mentions: ["rv_release: the handle is NULL"])
        var messageBeforeFailing = "unset"
        var messageAfterFailing = "unset"
        onNewThread {
            // A thread that never failed gets an empty string, never NULL.
            messageBeforeFailing = String(cString: rv_last_error())
            _ = rv_network_create(nil)
            messageAfterFailing = String(cString: rv_last_error())
        }
        XCTAssertEqual(messageBeforeFailing, "")
        XCTAssertEqual(messageAfterFailing, "rv_network_create: the output handle is NULL")
        XCTAssertEqual(lastError(), "rv_release: the handle is NULL", "another thread's failure replaced this thread's message")
    }

    func testSeedMakesRandomInitialisationReproducible() throws {
        let group = try makeGroup(8, model: "v : 1")
        let ns = try makeNamespace()
        func draw() -> [Double] {
            XCTAssertEqual(rv_group_execute(group, "v = rand()", nil, -1, ns), RV_OK, lastError())
            return evaluate(group, "v", n: 8, ns: ns)
        }
        XCTAssertEqual(rv_seed(1234), RV_OK)
        let first = draw()
        XCTAssertEqual(rv_seed(1234), RV_OK)
        XCTAssertEqual(draw(), first)
        XCTAssertEqual(rv_seed(1235), RV_OK)
        XCTAssertNotEqual(draw(), first)
        // A negative seed asks for the operating system's entropy; it is not an error.
        XCTAssertEqual(rv_seed(-1), RV_OK)
        XCTAssertTrue(draw().allSatisfy { $0 >= 0 && $0 < 1 })
    }

    func testSinglePrecisionGroupsExposeFloat32StateOneByteFlagsAndDoubleSpikeTimes() throws {
        let (status, created) = createGroup(3, model: "v : 1", refractorySeconds: 1e-3, floatDtype: RV_DTYPE_FLOAT32)
        XCTAssertEqual(status, RV_OK, lastError())
        let group = try XCTUnwrap(created)
        for (name, dtype) in [("v", RV_DTYPE_FLOAT32), ("not_refractory", RV_DTYPE_BOOL), ("lastspike", RV_DTYPE_FLOAT64)] {
            var view = rv_array()
            XCTAssertEqual(rv_object_variable(group, name, &view), RV_OK, lastError())
            XCTAssertEqual(view.dtype, dtype, name)
            rv_release(view.owner)
        }
        assertStatus(createGroup(floatDtype: 7).0, RV_ERR_VALUE, mentions: ["rv_neurongroup_create", "float dtype", "got 7"])
    }

    func testNamespaceValuesReachCodeWithTheirDimensions() throws {
        let group = try makeGroup(3, model: "v : volt")
        let volt = exponents(Dimension(m: 2, kg: 1, s: -3, A: -1))
        let ns = try makeNamespace()
        XCTAssertEqual(rv_namespace_set(ns, "v0", -0.07, volt), RV_OK)
        XCTAssertEqual(rv_group_execute(group, "v = v0", nil, -1, ns), RV_OK, lastError())
        XCTAssertEqual(evaluate(group, "v", n: 3, ns: ns), [-0.07, -0.07, -0.07])
        // Setting a name again replaces it, dimension included: now v = v0 mixes units.
        XCTAssertEqual(rv_namespace_set(ns, "v0", 2, dimensionless), RV_OK)
        assertStatus(rv_group_execute(group, "v = v0", nil, -1, ns), RV_ERR_DIMENSION, mentions: ["v = v0", "units 1", "units V"])
    }
}
