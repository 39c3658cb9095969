import XCTest
@testable import RanvierEngine

/// Spike monitors recording variables at each spike, counts-only monitors, subgroup sources.
final class EventMonitorTests: XCTestCase {
    private func variables(_ names: [String], of group: Group) throws -> [RecordedVariable] {
        try RecordedVariable.resolve(names, in: group, for: "SpikeMonitor")
    }

    /// v grows by 0.3 per step from 0.15·i, so neuron i crosses 1 after step k when
    /// 0.15·i + 0.3·(k+1) > 1, far from equality: i = 0 at step 3, i = 1 and 2 at step 2, i = 3 and 4
    /// at step 1; then every fourth step from 0.
    private func rampGroup(size: Int = 3) throws -> NeuronGroup {
        let group = try NeuronGroup(size: size, model: "dv/dt = 0.3/dt : 1\nx = 2*v : 1\nflag : boolean",
                                    method: "euler", threshold: "v > 1", reset: "v = 0")
        try group.execute("v = 0.15*i", indices: nil, namespace: Namespace())
        return group
    }

    func testRecordedValuesAreTheValuesAtTheSpikeBeforeTheReset() throws {
        let group = try rampGroup()
        let monitor = SpikeMonitor(group: group, variables: try variables(["v", "x", "flag"], of: group))
        try Network().run([group, monitor], duration: 0.0004, namespace: Namespace())
        XCTAssertEqual(monitor.indices.elements, [1, 2, 0])
        XCTAssertEqual(monitor.times.elements.map { ($0 * 1e5).rounded() }, [20, 20, 30])
        let v = monitor.values["v"]!.elements, x = monitor.values["x"]!.elements
        for (recorded, expected) in zip(v, [1.05, 1.2, 1.2]) { XCTAssertEqual(recorded, expected, accuracy: 1e-12) }
        for (recorded, expected) in zip(x, [2.1, 2.4, 2.4]) { XCTAssertEqual(recorded, expected, accuracy: 1e-12) }
        XCTAssertEqual(monitor.values["flag"]!.elementType, .bool)
        XCTAssertEqual(monitor.values["flag"]!.elements, [0, 0, 0])
        // Neuron 1 was reset at step 2 and grew once since.
        XCTAssertEqual(group.variables["v"]!.storage![1], 0.3, accuracy: 1e-12)
    }

    func testWithoutRecordingOnlyCountsAndValuesGrow() throws {
        let group = try rampGroup()
        let monitor = SpikeMonitor(group: group, variables: try variables(["v"], of: group), record: false)
        try Network().run([group, monitor], duration: 0.001, namespace: Namespace())
        XCTAssertEqual(monitor.indices.count, 0)
        XCTAssertEqual(monitor.times.count, 0)
        // Ten steps: neuron 0 spikes at steps 3 and 7, neurons 1 and 2 at steps 2 and 6.
        XCTAssertEqual(Array(UnsafeBufferPointer(start: monitor.counts.pointer, count: 3)), [2, 2, 2])
        XCTAssertEqual(monitor.eventCount, 6)
        XCTAssertEqual(monitor.values["v"]!.count, 6)
    }

    func testSubgroupMonitorRecordsItsOwnIndicesAndValues() throws {
        let group = try rampGroup(size: 5)
        let sub = try Subgroup(parent: group, start: 2, stop: 4)
        let monitor = SpikeMonitor(group: sub, variables: try variables(["v", "x"], of: sub))
        try Network().run([group, monitor], duration: 0.0003, namespace: Namespace())
        // The slice holds neurons 2 and 3: neuron 3 spikes at step 1 (v = 1.05), neuron 2 at step 2 (1.2).
        XCTAssertEqual(monitor.indices.elements, [1, 0])
        XCTAssertEqual(monitor.values["v"]!.elements[0], 1.05, accuracy: 1e-12)
        XCTAssertEqual(monitor.values["v"]!.elements[1], 1.2, accuracy: 1e-12)
        XCTAssertEqual(monitor.values["x"]!.elements[1], 2.4, accuracy: 1e-12)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: monitor.counts.pointer, count: 2)), [1, 1])
    }

    func testFloat32VariablesAreRecordedAsFloat32() throws {
        let group = try NeuronGroup(size: 1, model: "dv/dt = 0.3/dt : 1", method: "euler", threshold: "v > 1", reset: "v = 0", floatType: .float32)
        let monitor = SpikeMonitor(group: group, variables: try variables(["v"], of: group))
        try Network().run([group, monitor], duration: 0.0004, namespace: Namespace())
        XCTAssertEqual(monitor.values["v"]!.elementType, .float32)
        let recorded = monitor.values["v"]!.elements
        XCTAssertEqual(recorded.count, 1)
        XCTAssertEqual(recorded[0], 1.2, accuracy: 1e-6)
        XCTAssertEqual(recorded[0], Double(Float(recorded[0])), "a float32 value")
    }

    func testUnknownVariableIsAnErrorNamingIt() throws {
        let group = try rampGroup()
        XCTAssertThrowsError(try variables(["w"], of: group)) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .unknownIdentifier)
            XCTAssertTrue("\(error)".contains("'w'"))
        }
    }

    func testEveryRecordedArrayIsListed() throws {
        let group = try rampGroup()
        let monitor = SpikeMonitor(group: group, variables: try variables(["v", "x"], of: group))
        try Network().run([group, monitor], duration: 0.0004, namespace: Namespace())
        XCTAssertEqual(monitor.recordedArrays.map(\.name), ["i", "t", "value:v", "value:x", "count"])
        XCTAssertEqual(monitor.recordedArrays.dropLast().map { $0.array.stateArray().count }, [3, 3, 3, 3])
    }
}
