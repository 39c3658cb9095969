import CRanvier
import Glibc
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

/// Snapshots through the C API: take, restore, files, and the errors of each.
final class CAPISnapshotTests: CAPITestCase {
    private func take(_ network: rv_handle, _ objects: [rv_handle], _ names: String) throws -> rv_handle {
        var snapshot: rv_handle?
        let list: [rv_handle?] = objects
        XCTAssertEqual(rv_snapshot_take(network, list, Int64(list.count), names, &snapshot), RV_OK, lastError())
        return try own(snapshot)
    }

    private func restore(_ snapshot: rv_handle, _ network: rv_handle, _ objects: [rv_handle], _ names: String, random: Int32 = 0) -> rv_status {
        let list: [rv_handle?] = objects
        return rv_snapshot_restore(snapshot, network, list, Int64(list.count), names, random)
    }

    func testRestoringPutsBackTheTimeTheVariablesAndTheRecordings() throws {
        let group = try makeGroup(2, model: "dv/dt = (2 - v)/tau : 1", threshold: "v > 1", reset: "v = 0")
        let monitor = try makeSpikeMonitor(group)
        let network = try makeNetwork()
        let ns = try decayNamespace()
        let snapshot = try take(network, [group, monitor], "g\nm")
        XCTAssertEqual(run(network, [group, monitor], duration: 0.05, ns: ns), RV_OK, lastError())
        var spikes = array(monitor, "t")
        XCTAssertGreaterThan(spikes.rows, 0)
        rv_release(spikes.owner)
        XCTAssertEqual(restore(snapshot, network, [group, monitor], "g\nm"), RV_OK, lastError())
        XCTAssertEqual(time(network), 0)
        spikes = array(monitor, "t")
        XCTAssertEqual(spikes.rows, 0)
        rv_release(spikes.owner)
        let v = array(group, "v")
        XCTAssertEqual(doubles(v), [0, 0])
        rv_release(v.owner)
        var bytes: Int64 = -1
        XCTAssertEqual(rv_snapshot_byte_count(snapshot, &bytes), RV_OK)
        XCTAssertGreaterThan(bytes, 0)
    }

    func testNamesThatDoNotMatchAreUnknownNameErrors() throws {
        let group = try makeGroup()
        let network = try makeNetwork()
        let snapshot = try take(network, [group], "g")
        assertStatus(restore(snapshot, network, [group], "h"), RV_ERR_UNKNOWN_NAME, mentions: ["'h'", "names of all objects"])
        assertStatus(restore(snapshot, network, [], ""), RV_ERR_UNKNOWN_NAME, mentions: ["not present in the network: g"])
        assertStatus(restore(snapshot, network, [group], "g\nh"), RV_ERR_VALUE, mentions: ["1 objects but 2 names"])
        var out: rv_handle?
        let list: [rv_handle?] = [group, group]
        assertStatus(rv_snapshot_take(network, list, 2, "g\ng", &out), RV_ERR_VALUE, mentions: ["'g' is used more than once"])
    }

    func testWrongHandlesAndNullsAreErrorsNotTraps() throws {
        let group = try makeGroup()
        let network = try makeNetwork()
        let ns = try decayNamespace()
        var out: rv_handle?
        let list: [rv_handle?] = [ns]
        assertStatus(rv_snapshot_take(network, list, 1, "n", &out), RV_ERR_TYPE, mentions: ["object 0", "state to store"])
        assertStatus(rv_snapshot_take(network, nil, 1, "g", &out), RV_ERR_VALUE, mentions: ["the object list is NULL"])
        assertStatus(rv_snapshot_take(network, list, -1, "", &out), RV_ERR_VALUE, mentions: ["negative object count"])
        assertStatus(rv_snapshot_restore(group, network, nil, 0, "", 0), RV_ERR_TYPE, mentions: ["the snapshot", "is not a snapshot"])
        assertStatus(rv_snapshot_write(nil, "/tmp/x", "default"), RV_ERR_VALUE, mentions: ["the snapshot is NULL"])
        assertStatus(rv_snapshot_read(nil, "default", &out), RV_ERR_VALUE, mentions: ["path is NULL"])
    }

    func testAFileRoundTripRestoresAnotherNetworkBuiltTheSameWay() throws {
        let path = "/tmp/ranvier-capi-snapshot-\(getpid())"
        defer { unlink(path) }
        let ns = try decayNamespace()
        let group = try makeGroup(3, model: "dv/dt = (2 - v)/tau : 1", threshold: "v > 1", reset: "v = 0")
        let network = try makeNetwork()
        XCTAssertEqual(run(network, [group], duration: 0.0123, ns: ns), RV_OK, lastError())
        XCTAssertEqual(rv_snapshot_write(try take(network, [group], "neurongroup"), path, "mid"), RV_OK, lastError())
        let stored = array(group, "v")
        let expected = doubles(stored)
        rv_release(stored.owner)

        let rebuilt = try makeGroup(3, model: "dv/dt = (2 - v)/tau : 1", threshold: "v > 1", reset: "v = 0")
        let other = try makeNetwork()
        var read: rv_handle?
        assertStatus(rv_snapshot_read(path, "other", &read), RV_ERR_UNKNOWN_NAME, mentions: ["'other'"])
        assertStatus(rv_snapshot_read(path + "-missing", "mid", &read), RV_ERR_IO, mentions: ["No such file"])
        XCTAssertEqual(rv_snapshot_read(path, "mid", &read), RV_OK, lastError())
        XCTAssertEqual(restore(try own(read), other, [rebuilt], "neurongroup"), RV_OK, lastError())
        XCTAssertEqual(time(other), 0.0123, accuracy: 1e-12)
        let restored = array(rebuilt, "v")
        XCTAssertEqual(doubles(restored), expected)
        rv_release(restored.owner)
        let file = fopen(path, "wb")!
        fputs("not a snapshot", file)
        fclose(file)
        assertStatus(rv_snapshot_read(path, "mid", &read), RV_ERR_VALUE, mentions: ["is not a Ranvier snapshot file"])
    }

    func testASpikeScheduleReadsBackSortedByTimeAndFollowsARestore() throws {
        let group = try makeGroup(3, model: "")
        let network = try makeNetwork()
        var count: Int64 = -1, period = -1.0
        assertStatus(rv_neurongroup_spike_schedule(group, nil, nil, 0, &count, &period), RV_ERR_VALUE, mentions: ["no spike schedule"])
        let first: [Int64] = [2, 0, 1], firstTimes = [0.003, 0.001, 0.002]
        XCTAssertEqual(rv_neurongroup_set_spike_schedule(group, first, firstTimes, 3, 0.01), RV_OK, lastError())
        let snapshot = try take(network, [group], "g")
        XCTAssertEqual(rv_neurongroup_set_spike_schedule(group, [1], [0.005], 1, 0), RV_OK, lastError())
        XCTAssertEqual(restore(snapshot, network, [group], "g"), RV_OK, lastError())
        XCTAssertEqual(rv_neurongroup_spike_schedule(group, nil, nil, 0, &count, &period), RV_OK, lastError())
        XCTAssertEqual([count], [3])
        XCTAssertEqual(period, 0.01)
        var indices = [Int64](repeating: -1, count: 3), times = [Double](repeating: -1, count: 3)
        XCTAssertEqual(rv_neurongroup_spike_schedule(group, &indices, &times, 3, &count, &period), RV_OK, lastError())
        XCTAssertEqual(indices, [0, 1, 2])
        XCTAssertEqual(times, [0.001, 0.002, 0.003])
        assertStatus(rv_neurongroup_spike_schedule(group, nil, &times, 3, &count, &period), RV_ERR_VALUE, mentions: ["index array is NULL"])
        assertStatus(rv_neurongroup_spike_schedule(group, &indices, &times, -1, &count, &period), RV_ERR_VALUE, mentions: ["capacity"])
    }
}
