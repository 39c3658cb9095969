import CRanvier
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

/// Runs whose recordings cannot fit in memory return RV_ERR_MEMORY: before the run when the size is
/// known in advance, else at the step where a recording outgrows memory, with what it recorded kept.
final class CAPIMemoryTests: CAPITestCase {
    override func tearDown() {
        MemoryGuard.simulatedAvailableBytes = nil
        super.tearDown()
    }

    func testAStateMonitorThatCannotFitIsRefusedBeforeTheRun() throws {
        // 10^6 neurons for 10 s of 0.1 ms steps: 800 GB.
        let group = try makeGroup(1_000_000, model: "v : 1")
        let monitor = try makeStateMonitor(group, "v")
        let network = try makeNetwork()
        assertStatus(run(network, [group, monitor], duration: 10, ns: try makeNamespace()), RV_ERR_MEMORY,
                     mentions: ["StateMonitor", "1000000 elements", "100000 steps", "GB"])
        XCTAssertEqual(time(network), 0)
    }

    func testASpikeMonitorOutgrowingMemoryEndsTheRunWithItsSpikesReadable() throws {
        let size = 200_000
        let group = try makeGroup(Int64(size), model: "v : 1", threshold: "v > -1")
        let monitor = try makeSpikeMonitor(group)
        let network = try makeNetwork()
        MemoryGuard.simulatedAvailableBytes = 100e6
        assertStatus(run(network, [group, monitor], duration: 1, ns: try makeNamespace()), RV_ERR_MEMORY,
                     mentions: ["SpikeMonitor's recording at t = ", "The run stopped at this step"])
        let steps = Int((time(network) / 1e-4).rounded())
        XCTAssertGreaterThan(steps, 2)
        XCTAssertLessThan(steps, 100)
        let indices = array(monitor, "i")
        defer { rv_release(indices.owner) }
        XCTAssertEqual(Int(indices.rows * indices.cols), steps * size)
    }

    func testCopiesOfCallersArraysThatCannotFitAreRefused() throws {
        let group = try makeGroup(1000, model: "v : 1")
        let ns = try makeNamespace()
        let indices = [Int64](0..<1000), values = [Double](repeating: 1, count: 1000)
        let dimensionless = [Double](repeating: 0, count: 7)
        // 8 kB each; pretend 4 kB is left.
        MemoryGuard.simulatedAvailableBytes = 4000
        var monitor: rv_handle?
        assertStatus(rv_statemonitor_create(group, "v", indices, 1000, &monitor), RV_ERR_MEMORY, mentions: ["1000 indices"])
        assertStatus(rv_namespace_set_timed_array(ns, "stimulus", values, 1000, 0, 1e-4, dimensionless), RV_ERR_MEMORY,
                     mentions: ["TimedArray of 1000 values"])
        MemoryGuard.simulatedAvailableBytes = nil
        XCTAssertEqual(rv_statemonitor_create(group, "v", indices, 1000, &monitor), RV_OK, lastError())
        _ = try own(monitor)
        XCTAssertEqual(rv_namespace_set_timed_array(ns, "stimulus", values, 1000, 0, 1e-4, dimensionless), RV_OK, lastError())
    }
}
