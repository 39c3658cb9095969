import CRanvier
import XCTest

/// Values at the limits of what a user can type (found by fuzzing, Tests/Fuzz/FUZZING.md) give a
/// result or a status naming the problem, never a trap.
final class CAPIInputLimitTests: CAPITestCase {
    /// A spike later than any step count can hold never comes, as in Brian2 (which accepts it).
    func testSpikeBeyondTheLastRepresentableStepNeverComes() throws {
        let group = try makeGroup(2, model: "v : 1")
        XCTAssertEqual(rv_neurongroup_set_spike_schedule(group, [0, 1], [1e15, 0], 2, 0), RV_OK, lastError())
        let spikes = try makeSpikeMonitor(group)
        let network = try makeNetwork(dt: 1e-4)
        XCTAssertEqual(run(network, [group, spikes], duration: 3e-4, ns: try makeNamespace()), RV_OK, lastError())
        let indices = array(spikes, "i")
        defer { _ = rv_release(indices.owner) }
        XCTAssertEqual(indices.rows, 1, "only neuron 1's spike at t = 0 is within the run")
        XCTAssertEqual(indices.data.assumingMemoryBound(to: Int32.self)[0], 1)
    }

    /// A period longer than any step count can hold is refused (Brian2: OverflowError).
    func testPeriodBeyondTheLastRepresentableStepIsAValueError() throws {
        let group = try makeGroup(2, model: "v : 1")
        XCTAssertEqual(rv_neurongroup_set_spike_schedule(group, [0], [0.001], 1, 1e300), RV_OK, lastError())
        let network = try makeNetwork(dt: 1e-4)
        assertStatus(run(network, [group], duration: 3e-4, ns: try makeNamespace()), RV_ERR_VALUE, mentions: ["period", "1e+300"])
    }

    /// An on_post delay of more steps than a run supports is refused at the run, like on_pre delays.
    func testOnPostDelayBeyondTheStepLimitIsAValueError() throws {
        let group = try makeGroup(2, model: "v : 1", threshold: "v > 1")
        var handle: rv_handle?
        XCTAssertEqual(rv_synapses_create(group, group, "w : 1", "", 0, RV_DTYPE_FLOAT64, &handle), RV_OK, lastError())
        let synapses = try own(handle)
        XCTAssertEqual(rv_synapses_add_pathway(synapses, "post", 0, "w += 1", 1e300), RV_OK, lastError())
        XCTAssertEqual(rv_synapses_connect_indices(synapses, [0], [1], 1), RV_OK, lastError())
        let network = try makeNetwork(dt: 1e-4)
        assertStatus(run(network, [group, synapses], duration: 3e-4, ns: try makeNamespace()), RV_ERR_VALUE,
                     mentions: ["pathway 'post'", "1e+300 s", "at most 10^9 steps"])
    }
}
