import XCTest
@testable import RanvierEngine

/// Allocations larger than the machine can give are refused before they are made, with an error
/// that gives the estimate and what to change.
final class MemoryGuardTests: XCTestCase {
    func testTheMachineReportsSomeAvailableMemory() {
        // Linux always has /proc/meminfo: infinity here would mean the guard reads nothing and refuses nothing.
        let available = MemoryGuard.availableBytes()
        XCTAssertTrue(available.isFinite, "MemAvailable was not read")
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

    override func tearDown() {
        MemoryGuard.simulatedAvailableBytes = nil
        super.tearDown()
    }

    func testAStateMonitorTooLargeForTheRunIsRefusedBeforeTheRunStarts() throws {
        // 10^5 neurons every step for 1 s: 10^4 rows of 10^5 doubles, 8 GB; pretend 1 GB is left.
        MemoryGuard.simulatedAvailableBytes = 1e9
        let group = try NeuronGroup(size: 100_000, model: "v : 1")
        let monitor = try StateMonitor(group: group, variables: ["v"], indices: nil)
        let network = Network()
        XCTAssertThrowsError(try network.run([group, monitor], duration: 1, namespace: Namespace())) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .memory)
            let message = "\(error)"
            XCTAssertTrue(message.contains("100000 elements at each of 10000 steps"), message)
            XCTAssertTrue(message.contains("8.0 GB"), message)
            XCTAssertTrue(message.contains("fewer elements") && message.contains("larger dt") && message.contains("shorter time"), message)
        }
        XCTAssertEqual(network.t, 0)
        XCTAssertEqual(monitor.times.count, 0)
        // The same monitor fits a shorter run.
        try network.run([group, monitor], duration: 0.0005, namespace: Namespace())
        XCTAssertEqual(monitor.times.count, 5)
    }

    func testAStateMonitorBeyondTheMachinesRealMemoryIsRefused() throws {
        // 10^6 neurons for 10 s of 0.1 ms steps would be 800 GB.
        let group = try NeuronGroup(size: 1_000_000, model: "v : 1")
        let monitor = try StateMonitor(group: group, variables: ["v"], indices: nil)
        XCTAssertThrowsError(try Network().run([group, monitor], duration: 10, namespace: Namespace())) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .memory)
        }
    }

    func testASpikeMonitorOutgrowingMemoryStopsTheRunAtThatStepWithItsRecordingIntact() throws {
        // Every one of 200,000 neurons spikes every step: 2.4 MB of indices and times per step.
        MemoryGuard.simulatedAvailableBytes = 100e6
        let size = 200_000
        let group = try NeuronGroup(size: size, model: "v : 1", threshold: "v > -1")
        let monitor = SpikeMonitor(group: group)
        let rates = PopulationRateMonitor(group: group)
        let network = Network()
        XCTAssertThrowsError(try network.run([group, monitor, rates], duration: 1, namespace: Namespace())) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .memory)
            let message = "\(error)"
            // The step it stopped at, without rounding noise (e.g. 0.0045, not 0.0045000000000000005).
            XCTAssertTrue(message.contains("SpikeMonitor's recording at t = \((network.t * 1e12).rounded() / 1e12) s would need"), message)
            XCTAssertFalse(message.contains("00000000"), message)
            XCTAssertTrue(message.contains("The run stopped at this step"), message)
        }
        // The run ended at the step that could not be recorded; every earlier step is there, whole.
        let steps = Int((network.t / network.dt).rounded())
        XCTAssertGreaterThan(steps, 2)
        XCTAssertLessThan(steps, 100)
        XCTAssertEqual(monitor.indices.count, steps * size)
        XCTAssertEqual(monitor.times.count, steps * size)
        XCTAssertEqual(monitor.eventCount, steps * size)
        XCTAssertEqual(monitor.indices.elements[size + 7], 7)
        XCTAssertEqual(monitor.times.elements.last!, network.t - network.dt, accuracy: 1e-12)
        XCTAssertEqual(rates.times.count, steps)
        // With the memory back, the monitor goes on recording from where it stopped.
        MemoryGuard.simulatedAvailableBytes = nil
        try network.run([group, monitor, rates], duration: 0.0002, namespace: Namespace())
        XCTAssertEqual(monitor.eventCount, (steps + 2) * size)
    }

    func testASpikeQueueForADelayOfABillionStepsIsRefused() throws {
        let source = try NeuronGroup(size: 1, model: "v : 1", threshold: "v > 1")
        let synapses = try Synapses(source: source, target: source, model: "",
                                    pathways: [PathwaySpec(name: "pre", isPre: true, code: "v_post += 1")])
        try synapses.connect(pre: [0], post: [0])
        let namespace = Namespace()
        namespace.set("second", value: 1, dimension: .time)
        try synapses.execute("delay = 100000*second", indices: nil, namespace: namespace)
        XCTAssertThrowsError(try Network().run([source, synapses], duration: 0.001, namespace: Namespace())) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .memory)
            XCTAssertTrue("\(error)".contains("spike queue for delays of up to 1000000000 steps"), "\(error)")
        }
    }

    func testExplicitSynapsesThatCannotBeStoredAreRefusedWithNothingAdded() throws {
        let group = try NeuronGroup(size: 2, model: "v : 1", threshold: "v > 1")
        let synapses = try Synapses(source: group, target: group, model: "w : 1", pathways: [])
        try synapses.connect(pre: [0], post: [1])
        // 100,001 synapses of indices (8 bytes), w and delay (8 bytes each): 2.4 MB; pretend 1 MB is left.
        MemoryGuard.simulatedAvailableBytes = 1e6
        let many = [Int](repeating: 1, count: 100_000)
        XCTAssertThrowsError(try synapses.connect(pre: many, post: many)) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .memory)
            XCTAssertTrue("\(error)".contains("Storing 100000 new synapses (100001 in all)"), "\(error)")
        }
        XCTAssertEqual(synapses.size, 1)
        XCTAssertEqual(synapses.preIndex.count, 1)
    }

    func testASpikeQueueOutgrowingMemoryStopsTheRunEvenWhenEachStepsListIsSmall() throws {
        // One neuron spiking every step onto 100,000 targets with a delay of 500 steps: each step's
        // list is 0.8 MB, far below a single check's threshold, but the lists add up.
        let source = try NeuronGroup(size: 1, model: "v : 1", threshold: "v > -1")
        let target = try NeuronGroup(size: 100_000, model: "v : 1")
        let synapses = try Synapses(source: source, target: target, model: "",
                                    pathways: [PathwaySpec(name: "pre", isPre: true, code: "v_post += 1")])
        try synapses.connect(pre: [Int](repeating: 0, count: 100_000), post: Array(0..<100_000))
        let namespace = Namespace()
        namespace.set("second", value: 1, dimension: .time)
        try synapses.execute("delay = 0.05*second", indices: nil, namespace: namespace)
        MemoryGuard.simulatedAvailableBytes = 10e6
        let network = Network()
        XCTAssertThrowsError(try network.run([source, target, synapses], duration: 1, namespace: Namespace())) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .memory)
            XCTAssertTrue("\(error)".contains("The spike queue of the on_pre code of"), "\(error)")
        }
        // 16 MB of lists is about 20 steps.
        let steps = Int((network.t / network.dt).rounded())
        XCTAssertGreaterThan(steps, 10)
        XCTAssertLessThan(steps, 40)
    }
}
