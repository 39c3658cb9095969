import CRanvier
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

/// Who keeps engine memory alive: handles, and the owners handed out with every array view.
final class CAPILifetimeTests: CAPITestCase {
    func testStateMonitorArraysStayValidAfterALaterRunGrowsTheMonitor() throws {
        let group = try makeGroup(2, method: "exact")
        let ns = try decayNamespace()
        XCTAssertEqual(rv_group_execute(group, "v = 1 + i", nil, -1, ns), RV_OK, lastError())
        let monitor = try makeStateMonitor(group, "v")
        let network = try makeNetwork(dt: 1e-4)
        XCTAssertEqual(run(network, [group, monitor], duration: 2e-3, ns: ns), RV_OK, lastError())
        let oldV = array(monitor, "v"), oldT = array(monitor, "t")
        XCTAssertEqual([oldV.rows, oldV.cols, Int64(oldV.is_2d)], [20, 2, 1])
        XCTAssertEqual(oldT.rows, 20)
        let recordedV = doubles(oldV), recordedT = doubles(oldT)
        let oldVOwner = WeakObject(oldV.owner), oldTOwner = WeakObject(oldT.owner)

        XCTAssertEqual(run(network, [group, monitor], duration: 0.05, ns: ns), RV_OK, lastError())
        let newV = array(monitor, "v")
        defer { _ = rv_release(newV.owner) }
        XCTAssertEqual(newV.rows, 520)
        XCTAssertNotEqual(newV.data, oldV.data, "the monitor did not move to new memory, so this test checks nothing")
        // The old views still show what was recorded, because their owners keep that memory.
        XCTAssertTrue(oldVOwner.isAlive && oldTOwner.isAlive)
        XCTAssertEqual(doubles(oldV), recordedV)
        XCTAssertEqual(doubles(oldT), recordedT)
        XCTAssertEqual(Array(doubles(newV).prefix(40)), recordedV)
        // v_k(t) = (1 + k)·exp(-t/tau), recorded at t = 0, dt, ...
        for (step, t) in recordedT.enumerated() {
            XCTAssertEqual(t, Double(step) * 1e-4, accuracy: 1e-15)
            XCTAssertEqual(recordedV[2 * step + 1], 2 * exp(-t / 0.01), accuracy: 1e-12)
        }
        // Once the views are released, the old memory goes.
        XCTAssertEqual(rv_release(oldV.owner), RV_OK)
        XCTAssertEqual(rv_release(oldT.owner), RV_OK)
        XCTAssertFalse(oldVOwner.isAlive || oldTOwner.isAlive, "released array owners were not freed")
    }

    func testSpikeMonitorArraysStayValidAfterALaterRunGrowsTheMonitor() throws {
        // Every neuron spikes in every step (threshold always true): 4 spikes per step.
        let group = try makeGroup(4, model: "v : 1", threshold: "v > -1")
        let spikes = try makeSpikeMonitor(group)
        let network = try makeNetwork(dt: 1e-4)
        let ns = try makeNamespace()
        XCTAssertEqual(run(network, [group, spikes], duration: 2e-4, ns: ns), RV_OK, lastError())
        let oldI = array(spikes, "i")
        XCTAssertEqual(oldI.rows, 8)
        let oldIndices = (0..<8).map { oldI.data.assumingMemoryBound(to: Int32.self)[$0] }
        XCTAssertEqual(oldIndices, [0, 1, 2, 3, 0, 1, 2, 3])
        let owner = WeakObject(oldI.owner)
        XCTAssertEqual(run(network, [group, spikes], duration: 0.01, ns: ns), RV_OK, lastError())
        let newI = array(spikes, "i")
        defer { _ = rv_release(newI.owner) }
        XCTAssertEqual(newI.rows, 408)
        XCTAssertNotEqual(newI.data, oldI.data, "the monitor did not move to new memory, so this test checks nothing")
        XCTAssertTrue(owner.isAlive)
        XCTAssertEqual((0..<8).map { oldI.data.assumingMemoryBound(to: Int32.self)[$0] }, oldIndices)
        XCTAssertEqual(rv_release(oldI.owner), RV_OK)
        XCTAssertFalse(owner.isAlive)
    }

    func testReleasingEachHandleKindFreesItsObject() {
        var ns: rv_handle?, network: rv_handle?, group: rv_handle?, states: rv_handle?, spikes: rv_handle?
        XCTAssertEqual(rv_namespace_create(&ns), RV_OK)
        XCTAssertEqual(rv_network_create(&network), RV_OK)
        XCTAssertEqual(rv_neurongroup_create(3, "v : volt", "", "v > 1*volt", "", "", 0, RV_DTYPE_FLOAT64, &group), RV_OK, lastError())
        XCTAssertEqual(rv_statemonitor_create(group, "v", nil, -1, &states), RV_OK, lastError())
        XCTAssertEqual(rv_spikemonitor_create(group, "", 1, &spikes), RV_OK, lastError())
        var groupV = rv_array(), spikeCounts = rv_array(), monitorT = rv_array()
        XCTAssertEqual(rv_object_variable(group, "v", &groupV), RV_OK)
        XCTAssertEqual(rv_object_variable(spikes, "count", &spikeCounts), RV_OK)
        XCTAssertEqual(rv_object_variable(states, "t", &monitorT), RV_OK)
        let objects = [ns, network, group, states, spikes].map { WeakObject($0!) }
        let owners = [groupV, spikeCounts, monitorT].map { WeakObject($0.owner) }
        groupV.data.assumingMemoryBound(to: Double.self)[2] = 0.5

        XCTAssertEqual(rv_release(ns), RV_OK)
        XCTAssertEqual(rv_release(network), RV_OK)
        XCTAssertFalse(objects[0].isAlive, "namespace not freed")
        XCTAssertFalse(objects[1].isAlive, "network not freed")
        // Monitors hold their group: releasing the group's handle first keeps it alive.
        XCTAssertEqual(rv_release(group), RV_OK)
        XCTAssertTrue(objects[2].isAlive)
        XCTAssertEqual(rv_release(states), RV_OK)
        XCTAssertFalse(objects[3].isAlive, "state monitor not freed")
        XCTAssertTrue(objects[2].isAlive)
        XCTAssertEqual(rv_release(spikes), RV_OK)
        XCTAssertFalse(objects[4].isAlive, "spike monitor not freed")
        XCTAssertFalse(objects[2].isAlive, "group not freed once no handle or monitor holds it")
        // Array owners outlive the objects the arrays came from, and go when released.
        XCTAssertTrue(owners.allSatisfy(\.isAlive))
        XCTAssertEqual(groupV.data.assumingMemoryBound(to: Double.self)[2], 0.5)
        for view in [groupV, spikeCounts, monitorT] { XCTAssertEqual(rv_release(view.owner), RV_OK) }
        XCTAssertFalse(owners.contains(where: \.isAlive), "array owners not freed")
    }

    func testSubgroupsAndSynapsesKeepTheGroupsTheyReferToAlive() {
        var source: rv_handle?, target: rv_handle?, subgroup: rv_handle?, synapses: rv_handle?
        XCTAssertEqual(rv_neurongroup_create(4, "v : 1", "", "", "", "", 0, RV_DTYPE_FLOAT64, &source), RV_OK, lastError())
        XCTAssertEqual(rv_neurongroup_create(2, "v : 1", "", "", "", "", 0, RV_DTYPE_FLOAT64, &target), RV_OK, lastError())
        XCTAssertEqual(rv_subgroup_create(source, 1, 3, &subgroup), RV_OK, lastError())
        XCTAssertEqual(rv_synapses_create(subgroup, target, "w : 1", "", 0, RV_DTYPE_FLOAT64, &synapses), RV_OK, lastError())
        let objects = [source, target, subgroup, synapses].map { WeakObject($0!) }
        XCTAssertEqual(rv_release(source), RV_OK)
        XCTAssertEqual(rv_release(target), RV_OK)
        XCTAssertEqual(rv_release(subgroup), RV_OK)
        XCTAssertTrue(objects.allSatisfy(\.isAlive), "the synapses still refer to every group")
        XCTAssertEqual(rv_release(synapses), RV_OK)
        XCTAssertFalse(objects.contains(where: \.isAlive), "objects not freed after their last handle went")
    }

    func testGroupArraysAreWritableZeroCopyViewsWithDimensions() throws {
        let group = try makeGroup(3, model: "v : volt\nscale : 1 (shared)")
        let ns = try makeNamespace()
        let v = array(group, "v"), scale = array(group, "scale")
        defer { _ = rv_release(v.owner); _ = rv_release(scale.owner) }
        XCTAssertEqual([v.rows, v.cols, Int64(v.is_2d), Int64(v.read_only), Int64(v.is_shared)], [3, 1, 0, 0, 0])
        XCTAssertEqual([v.dimensions.0, v.dimensions.1, v.dimensions.2, v.dimensions.3], [2, 1, -3, -1])
        XCTAssertEqual([scale.rows, Int64(scale.is_shared)], [1, 1])
        // Writes through the view are what code reads, and the other way round.
        let values = v.data.assumingMemoryBound(to: Double.self)
        values[1] = 0.25
        scale.data.assumingMemoryBound(to: Double.self)[0] = 4
        XCTAssertEqual(evaluate(group, "v*scale", n: 3, ns: ns), [0, 1, 0])
        XCTAssertEqual(rv_group_execute(group, "v = -i*volt", nil, -1, try makeNamespace([("volt", 1, Dimension(m: 2, kg: 1, s: -3, A: -1))])), RV_OK, lastError())
        XCTAssertEqual([values[0], values[1], values[2]], [0, -1, -2])
    }
}
