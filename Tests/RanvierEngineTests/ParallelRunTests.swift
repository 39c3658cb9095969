import XCTest
@testable import RanvierEngine

/// Runs with several threads give exactly the results of one thread.
final class ParallelRunTests: XCTestCase {
    private let neurons = WorkerPool.minimumParallelElements + 4_321

    private func run(model: String, threads: Int, prepare: String) throws -> (indices: [Int32], times: [Double], v: [Double]) {
        let group = try NeuronGroup(size: neurons, model: model, method: "exact", threshold: "v > 1", reset: "v = 0",
                                    refractoriness: .duration(2e-3))
        let namespace = Namespace()
        namespace.set("tau", value: 0.01, dimension: .time)
        try group.execute(prepare, indices: nil, namespace: namespace)
        let monitor = SpikeMonitor(group: group)
        let network = Network()
        try network.setThreads(threads)
        try network.run([group, monitor], duration: 0.01, namespace: namespace)
        return (monitor.indices.elements, monitor.times.elements,
                Array(group.variables["v"]!.storage!.allValues.prefix(neurons)))
    }

    private func assertThreadCountDoesNotMatter(model: String, prepare: String) throws {
        let single = try run(model: model, threads: 1, prepare: prepare)
        XCTAssertGreaterThan(single.indices.count, 1_000)
        for threads in [2, 3] {
            let parallel = try run(model: model, threads: threads, prepare: prepare)
            XCTAssertEqual(parallel.indices, single.indices, "\(threads) threads")
            XCTAssertEqual(parallel.times, single.times, "\(threads) threads")
            XCTAssertEqual(parallel.v, single.v, "\(threads) threads")
        }
    }

    func testOneVariableLIFGivesTheSameSpikesWithAnyThreadCount() throws {
        try assertThreadCountDoesNotMatter(model: "dv/dt = (v0 - v)/tau : 1 (unless refractory)\nv0 : 1",
                                           prepare: "v0 = 1 + (i % 97)*0.02\nv = (i % 13)*0.07")
    }

    func testThreeVariableModelGivesTheSameSpikesWithAnyThreadCount() throws {
        try assertThreadCountDoesNotMatter(model: """
            dv/dt = (ge + gi - (v - 1.2))/tau : 1 (unless refractory)
            dge/dt = -ge/(0.5*tau) : 1
            dgi/dt = -gi/tau : 1
            """, prepare: "v = (i % 13)*0.07\nge = (i % 7)*0.1\ngi = -(i % 5)*0.05")
    }

    /// Recurrent synapses whose threads split the target neurons: several spikes reach the same
    /// neuron in one step, so its sum depends on the order of the additions, which must not change.
    private func runRecurrent(threads: Int) throws -> (indices: [Int32], ge: [Double], gi: [Double]) {
        let group = try NeuronGroup(size: neurons, model: """
            dv/dt = (ge + gi - (v - 1.1))/tau : 1 (unless refractory)
            dge/dt = -ge/(0.5*tau) : 1
            dgi/dt = -gi/tau : 1
            """, method: "exact", threshold: "v > 1", reset: "v = 0", refractoriness: .duration(2e-3))
        let namespace = Namespace()
        namespace.set("tau", value: 0.01, dimension: .time)
        try group.execute("v = (i % 101)*0.0099", indices: nil, namespace: namespace)
        let excitatory = try Synapses(source: group, target: group, model: "w : 1",
                                      pathways: [PathwaySpec(name: "pre", isPre: true, code: "ge_post += w")])
        let inhibitory = try Synapses(source: group, target: group, model: "",
                                      pathways: [PathwaySpec(name: "pre", isPre: true, code: "gi_post += -0.0123")])
        for synapses in [excitatory, inhibitory] {
            var pre: [Int] = [], post: [Int] = []
            for i in 0..<neurons { for k in 0..<4 { pre.append(i); post.append((i * 7 + k * 9_973) % neurons) } }
            try synapses.connect(pre: pre, post: post)
        }
        try excitatory.execute("w = 0.003 + 0.0007*(i % 11)", indices: nil, namespace: namespace)
        try inhibitory.execute("delay = (j % 3)*0.01*tau", indices: nil, namespace: namespace)
        let monitor = SpikeMonitor(group: group)
        let network = Network()
        try network.setThreads(threads)
        try network.run([group, excitatory, inhibitory, monitor], duration: 0.01, namespace: namespace)
        return (monitor.indices.elements, group.variables["ge"]!.storage!.allValues, group.variables["gi"]!.storage!.allValues)
    }

    func testSynapticDeliveryGivesTheSameResultsWithAnyThreadCount() throws {
        let single = try runRecurrent(threads: 1)
        XCTAssertGreaterThan(single.indices.count, 1_000)
        for threads in [2, 3] {
            let parallel = try runRecurrent(threads: threads)
            XCTAssertEqual(parallel.indices, single.indices, "\(threads) threads")
            XCTAssertEqual(parallel.ge, single.ge, "\(threads) threads")
            XCTAssertEqual(parallel.gi, single.gi, "\(threads) threads")
        }
    }

    func testThreadCountsOutsideOneTo256AreValueErrors() {
        let network = Network()
        for bad in [0, -1, 257] {
            XCTAssertThrowsError(try network.setThreads(bad)) { error in
                XCTAssertTrue("\(error)".contains("between 1 and 256"), "\(error)")
            }
        }
    }
}
