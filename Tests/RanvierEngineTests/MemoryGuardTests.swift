import XCTest
@testable import RanvierEngine

/// Allocations larger than the machine can give are refused before they are made, with an error
/// that gives the estimate and what to change.
final class MemoryGuardTests: XCTestCase {
    func testTheMachineReportsSomeAvailableMemory() {
        let available = MemoryGuard.availableBytes()
        XCTAssertGreaterThan(available, 1e6)
    }

    func testAllocationsWithinWhatIsAvailablePass() throws {
        try MemoryGuard.check(1e6, for: "A small buffer", advice: "")
    }

    func testAllocationsBeyondWhatIsAvailableAreMemoryErrorsWithTheEstimate() {
        let tooMuch = MemoryGuard.availableBytes() * 2 + 1e12
        XCTAssertThrowsError(try MemoryGuard.check(tooMuch, for: "A huge buffer", advice: "Make it smaller.")) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .memory)
            XCTAssertTrue("\(error)".contains("A huge buffer"), "\(error)")
            XCTAssertTrue("\(error)".contains("GB"), "\(error)")
            XCTAssertTrue("\(error)".contains("Make it smaller."), "\(error)")
        }
        XCTAssertThrowsError(try MemoryGuard.check(.infinity, for: "x", advice: "")) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .memory)
        }
    }

    func testAGroupTooLargeForTheMachineIsRefusedBeforeAllocating() {
        XCTAssertThrowsError(try NeuronGroup(size: 1 << 40, model: "v : 1")) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .memory)
            XCTAssertTrue("\(error)".contains("NeuronGroup of 1099511627776 neurons"), "\(error)")
        }
    }

    func testAConnectionTooLargeForTheMachineIsRefusedBeforeAllocating() throws {
        let source = try NeuronGroup(size: 4_000_000, model: "v : 1", threshold: "v > 1")
        let synapses = try Synapses(source: source, target: source, model: "", pathways: [])
        XCTAssertThrowsError(try synapses.connect(condition: "", probability: "1", multiplicity: "999999", generator: "",
                                                  skipIfInvalid: false, namespace: Namespace())) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .memory)
            XCTAssertTrue("\(error)".contains("connect()"), "\(error)")
        }
        XCTAssertEqual(synapses.size, 0)
    }

    func testAGeneratorRangeTooLargeForTheMachineIsRefused() throws {
        let source = try NeuronGroup(size: 2, model: "v : 1", threshold: "v > 1")
        let synapses = try Synapses(source: source, target: source, model: "", pathways: [])
        XCTAssertThrowsError(try synapses.connect(condition: "", probability: "", multiplicity: "",
                                                  generator: "k for k in range(100000000000000) if k < 2",
                                                  skipIfInvalid: true, namespace: Namespace())) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .memory)
            XCTAssertTrue("\(error)".contains("range"), "\(error)")
        }
    }
}
