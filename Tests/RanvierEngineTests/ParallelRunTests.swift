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

    func testThreadCountsOutsideOneTo256AreValueErrors() {
        let network = Network()
        for bad in [0, -1, 257] {
            XCTAssertThrowsError(try network.setThreads(bad)) { error in
                XCTAssertTrue("\(error)".contains("between 1 and 256"), "\(error)")
            }
        }
    }
}
