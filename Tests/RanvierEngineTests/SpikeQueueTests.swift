import XCTest
@testable import RanvierEngine

/// The ring of pending synapse events.
final class SpikeQueueTests: XCTestCase {
    private func drain(_ queue: SpikeQueue, steps: Int) -> [[Int]] {
        (0..<steps).map { _ in
            defer { queue.advance() }
            return queue.due.elements
        }
    }

    func testZeroDelayIsDueInTheSameStep() throws {
        let queue = try SpikeQueue(maxDelaySteps: 0)
        try queue.push(7, delaySteps: 0)
        XCTAssertEqual(drain(queue, steps: 2), [[7], []])
    }

    func testOneStepAndManyStepDelaysArriveInOrderOfPushWithinAStep() throws {
        let queue = try SpikeQueue(maxDelaySteps: 5)
        try queue.push(1, delaySteps: 1)
        try queue.push(2, delaySteps: 5)
        try queue.push(3, delaySteps: 1)
        XCTAssertEqual(drain(queue, steps: 7), [[], [1, 3], [], [], [], [2], []])
    }

    func testSlotsAreReusedAcrossTheRingWithoutLosingEvents() throws {
        let queue = try SpikeQueue(maxDelaySteps: 2)
        var received: [[Int]] = []
        for step in 0..<6 {
            try queue.push(step, delaySteps: 2)
            try queue.push(100 + step, delaySteps: 0)
            received.append(queue.due.elements)
            queue.advance()
        }
        XCTAssertEqual(received, [[100], [101], [0, 102], [1, 103], [2, 104], [3, 105]])
    }

    func testBulkPushOfARunKeepsItsOrder() throws {
        let queue = try SpikeQueue(maxDelaySteps: 1)
        try [4, 5, 6].withUnsafeBufferPointer { try queue.push($0, delaySteps: 1) }
        try queue.push(9, delaySteps: 1)
        XCTAssertEqual(drain(queue, steps: 2), [[], [4, 5, 6, 9]])
    }
}
