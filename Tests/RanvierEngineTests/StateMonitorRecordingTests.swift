import XCTest
@testable import RanvierEngine

/// StateMonitor: subexpressions, variables reached through synapses, record_single_timestep.
final class StateMonitorRecordingTests: XCTestCase {
    func testRecordsSubexpressionsAndPostsynapticVariablesThroughSynapses() throws {
        let source = try NeuronGroup(size: 2, model: "v : 1\nx = 3*v : 1")
        let target = try NeuronGroup(size: 3, model: "u : 1")
        try source.execute("v = i + 1", indices: nil, namespace: Namespace())
        try target.execute("u = 10*(i + 1)", indices: nil, namespace: Namespace())
        let synapses = try Synapses(source: source, target: target, model: "w : 1", pathways: [])
        try synapses.connect(pre: [0, 1, 1], post: [2, 0, 1])
        let onNeurons = try StateMonitor(group: source, variables: ["x"], indices: nil)
        let onSynapses = try StateMonitor(group: synapses, variables: ["u_post", "v_pre", "x_pre"], indices: [0, 2])
        try Network().run([source, target, synapses, onNeurons, onSynapses], duration: 1e-4, namespace: Namespace())
        XCTAssertEqual(onNeurons.recordings["x"]!.elements, [3, 6])
        XCTAssertEqual(onSynapses.recordings["u_post"]!.elements, [30, 20])
        XCTAssertEqual(onSynapses.recordings["v_pre"]!.elements, [1, 2])
        XCTAssertEqual(onSynapses.recordedVariables.map(\.dimension), [.dimensionless, .dimensionless, .dimensionless])
    }

    func testRecordSingleTimestepAddsTheValuesAtTheEndOfTheRun() throws {
        let group = try NeuronGroup(size: 1, model: "dv/dt = 1/second : 1", method: "euler")
        let monitor = try StateMonitor(group: group, variables: ["v"], indices: nil)
        XCTAssertThrowsError(try monitor.recordSingleTimestep()) { XCTAssertEqual(($0 as? RanvierError)?.kind, .type) }
        let namespace = Namespace()
        namespace.set("second", value: 1, dimension: .time)
        try Network().run([group, monitor], duration: 3e-4, namespace: namespace)
        try monitor.recordSingleTimestep()
        XCTAssertEqual(monitor.times.elements.map { ($0 * 1e5).rounded() }, [0, 10, 20, 30])
        let v = monitor.recordings["v"]!.elements
        XCTAssertEqual(v[3], 3e-4, accuracy: 1e-15)
        XCTAssertEqual(monitor.recordedArrays.map { $0.array.stateArray().count }, [4, 4], "the extra sample is in every recorded array")
    }

    func testARunMonitorIsFreedWithItsLastReference() throws {
        let group = try NeuronGroup(size: 1, model: "v : 1")
        weak var released: StateMonitor?
        try {
            let monitor = try StateMonitor(group: group, variables: ["v"], indices: nil)
            try Network().run([group, monitor], duration: 2e-4, namespace: Namespace())
            released = monitor
        }()
        XCTAssertNil(released, "the monitor's kept recording step must not keep the monitor alive")
    }
}
