import CRanvier
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

/// Spike monitors with recorded variables or counts only, record_single_timestep, model variable
/// names and PoissonInput through the C API.
final class CAPIMonitorInputTests: CAPITestCase {
    /// v ramps by 0.3 per step from 0.15·i and resets at 1: neuron 1 spikes at step 2 with v = 1.05.
    private func rampGroup() throws -> rv_handle {
        let group = try makeGroup(2, model: "dv/dt = 0.3/dt : 1\nx = 2*v : 1", method: "euler", threshold: "v > 1", reset: "v = 0")
        XCTAssertEqual(rv_group_execute(group, "v = 0.15*i", nil, -1, try makeNamespace()), RV_OK, lastError())
        return group
    }

    func testSpikeMonitorRecordsVariablesAtTheSpike() throws {
        let group = try rampGroup()
        var handle: rv_handle?
        XCTAssertEqual(rv_spikemonitor_create(group, "v\nx", 1, &handle), RV_OK, lastError())
        let monitor = try own(handle)
        XCTAssertEqual(run(try makeNetwork(), [group, monitor], duration: 3e-4, ns: try makeNamespace()), RV_OK, lastError())
        let v = array(monitor, "v"), x = array(monitor, "x")
        defer { rv_release(v.owner); rv_release(x.owner) }
        XCTAssertEqual(v.dtype, RV_DTYPE_FLOAT64)
        XCTAssertEqual(doubles(v).count, 1)
        XCTAssertEqual(doubles(v)[0], 1.05, accuracy: 1e-12)
        XCTAssertEqual(doubles(x)[0], 2.1, accuracy: 1e-12)
    }

    func testCountsOnlyMonitorHasNoIndicesOrTimes() throws {
        let group = try rampGroup()
        var handle: rv_handle?
        XCTAssertEqual(rv_spikemonitor_create(group, "", 0, &handle), RV_OK, lastError())
        let monitor = try own(handle)
        XCTAssertEqual(run(try makeNetwork(), [group, monitor], duration: 3e-4, ns: try makeNamespace()), RV_OK, lastError())
        var view = rv_array()
        assertStatus(rv_object_variable(monitor, "i", &view), RV_ERR_UNKNOWN_NAME, mentions: ["'i'", "count"])
        let counts = array(monitor, "count")
        defer { rv_release(counts.owner) }
        let values = counts.data.assumingMemoryBound(to: Int32.self)
        XCTAssertEqual([values[0], values[1]], [0, 1])
        var size: Int64 = -1
        XCTAssertEqual(rv_object_size(monitor, &size), RV_OK)
        XCTAssertEqual(size, 1)
    }

    func testSpikeMonitorOfAGroupWithoutThresholdIsAValueError() throws {
        var handle: rv_handle?
        assertStatus(rv_spikemonitor_create(try makeGroup(), "", 1, &handle), RV_ERR_VALUE, mentions: ["event 'spike'", "threshold"])
    }

    func testSpikeMonitorOfAnUnknownVariableIsAnUnknownNameError() throws {
        var handle: rv_handle?
        assertStatus(rv_spikemonitor_create(try rampGroup(), "w", 1, &handle), RV_ERR_UNKNOWN_NAME, mentions: ["'w'", "SpikeMonitor"])
    }

    func testRecordSingleTimestepNeedsARunThenRecordsTheEndTime() throws {
        let group = try makeGroup(1)
        XCTAssertEqual(rv_group_execute(group, "v = 1", nil, -1, try makeNamespace()), RV_OK, lastError())
        let monitor = try makeStateMonitor(group, "v")
        assertStatus(rv_statemonitor_record_single_timestep(monitor), RV_ERR_TYPE, mentions: ["after the network has been run"])
        XCTAssertEqual(run(try makeNetwork(), [group, monitor], duration: 2e-4, ns: try decayNamespace()), RV_OK, lastError())
        XCTAssertEqual(rv_statemonitor_record_single_timestep(monitor), RV_OK, lastError())
        let t = array(monitor, "t"), v = array(monitor, "v")
        defer { rv_release(t.owner); rv_release(v.owner) }
        XCTAssertEqual(doubles(t).map { ($0 * 1e5).rounded() }, [0, 10, 20])
        XCTAssertEqual(doubles(v)[2], exp(-0.02), accuracy: 1e-12)
    }

    func testModelVariableNamesIncludeSubexpressionsAndRefractoryVariables() throws {
        let group = try makeGroup(1, model: "dv/dt = -v/tau : 1\nx = 2*v : 1\nc : 1", threshold: "v > 1", refractory: "", refractorySeconds: 1e-3)
        var text: UnsafePointer<CChar>?
        XCTAssertEqual(rv_group_model_variable_names(group, &text), RV_OK, lastError())
        XCTAssertEqual(String(cString: text!).split(separator: "\n").sorted(), ["c", "lastspike", "not_refractory", "v", "x"])
        var subgroup: rv_handle?
        XCTAssertEqual(rv_subgroup_create(group, 0, 1, &subgroup), RV_OK, lastError())
        XCTAssertEqual(rv_group_model_variable_names(try own(subgroup), &text), RV_OK, lastError())
        XCTAssertEqual(String(cString: text!).split(separator: "\n").sorted(), ["c", "lastspike", "not_refractory", "v", "x"],
                       "a subgroup has its parent's model")
    }

    func testPoissonInputChecksItsArguments() throws {
        let group = try makeGroup(2, model: "v : volt")
        var handle: rv_handle?
        let volt = exponents(Dimension(m: 2, kg: 1, s: -3, A: -1))
        assertStatus(rv_poissoninput_create(group, "w", 10, 5, "", 1e-3, volt, &handle), RV_ERR_UNKNOWN_NAME, mentions: ["w is not a variable"])
        assertStatus(rv_poissoninput_create(group, "v", 0, 5, "", 1e-3, volt, &handle), RV_ERR_VALUE, mentions: ["N has to be an integer >= 1"])
        assertStatus(rv_poissoninput_create(group, "v", 10, -5, "", 1e-3, volt, &handle), RV_ERR_VALUE, mentions: ["rate cannot be negative"])
        assertStatus(rv_poissoninput_create(group, "v", 10, .nan, "", 1e-3, volt, &handle), RV_ERR_VALUE, mentions: ["rate cannot be negative"])
        assertStatus(rv_poissoninput_create(group, "v", 10, 5, "", 1e-3, exponents(.time), &handle), RV_ERR_DIMENSION, mentions: ["same unit", "'v'"])
        assertStatus(rv_poissoninput_create(group, "v", 10, 5, "1 +", 0, volt, &handle), RV_ERR_SYNTAX, mentions: [])
    }

    func testPoissonInputWithCertainEventsAddsNTimesTheWeightEachStep() throws {
        // rate·dt = 1: every input fires every step, so each step adds exactly N·weight.
        let group = try makeGroup(3, model: "v : volt\nw : volt")
        let ns = try makeNamespace([("mV", 1e-3, Dimension(m: 2, kg: 1, s: -3, A: -1))])
        XCTAssertEqual(rv_group_execute(group, "w = i*mV", nil, -1, ns), RV_OK, lastError())
        var handle: rv_handle?
        XCTAssertEqual(rv_poissoninput_create(group, "v", 4, 1e4, "2*w", 0, exponents(.dimensionless), &handle), RV_OK, lastError())
        let input = try own(handle)
        XCTAssertEqual(run(try makeNetwork(), [group, input], duration: 5e-4, ns: ns), RV_OK, lastError())
        let v = evaluate(group, "v/mV", n: 3, ns: ns)
        for (value, expected) in zip(v, [0.0, 40, 80]) { XCTAssertEqual(value, expected, accuracy: 1e-9) }
    }

    func testPoissonInputWithRateTimesDtAboveOneFailsTheRun() throws {
        let group = try makeGroup(1, model: "v : 1")
        var handle: rv_handle?
        XCTAssertEqual(rv_poissoninput_create(group, "v", 1, 2e4, "1", 0, exponents(.dimensionless), &handle), RV_OK, lastError())
        let input = try own(handle)
        assertStatus(run(try makeNetwork(), [group, input], duration: 1e-4, ns: try makeNamespace()), RV_ERR_VALUE, mentions: ["at most 1"])
    }
}
