import XCTest
@testable import RanvierEngine

/// Clocks of their own: operations run at their clock's steps, several clocks advance as Brian2's
/// do, run_regularly code and callbacks run, stop and fail as Brian2's network operations do.
final class ClockTests: XCTestCase {
    /// A callback operation that notes `label` and its clock's time (rounded to 0.01 ms steps).
    private func recorder(_ label: String, into log: Box, on clock: Clock? = nil,
                          slot: ScheduleSlot? = nil, order: Int = 0) -> CallbackOperation {
        let operation = CallbackOperation { t in log.entries.append("\(label)@\(Int((t * 1e5).rounded()))"); return true }
        operation.clock = clock
        if let slot { operation.scheduleOverride = (slot, order) }
        return operation
    }

    final class Box { var entries: [String] = [] }

    private var milliseconds: Namespace {
        let namespace = Namespace()
        namespace.set("ms", value: 1e-3, dimension: .time)
        return namespace
    }

    func testStepAtATimeRoundsWithinTheToleranceAndOtherwiseRoundsUp() throws {
        let clock = try Clock(dt: 1e-4)
        XCTAssertEqual(try clock.step(at: 3e-4), 3, "0.3 ms is 3 steps although 3e-4/1e-4 is not exactly 3")
        XCTAssertEqual(try clock.step(at: 3.5e-4), 4, "a time between steps goes to the next step")
        XCTAssertEqual(try clock.step(at: 3e-4 + 1e-9), 3, "within 1e-4 dt counts as the step")
    }

    func testOperationsOfDueClocksRunInScheduleOrderAtEachClocksSteps() throws {
        // Default clock 0.1 ms, a 0.2 ms clock and a 0.15 ms one (not a multiple): at t = 0, 0.3 and
        // 0.6 ms several are due, and their operations run by slot, then order.
        let log = Box()
        let network = Network()
        let twice = try Clock(dt: 2e-4), odd = try Clock(dt: 1.5e-4)
        let objects: [SimulationObject] = [
            recorder("end", into: log, slot: .end),
            recorder("twice", into: log, on: twice, slot: .groups),
            recorder("odd", into: log, on: odd, slot: .start, order: 1),
            recorder("default", into: log),
        ]
        try network.run(objects, duration: 6e-4, namespace: Namespace())
        XCTAssertEqual(log.entries, [
            "default@0", "odd@0", "twice@0", "end@0",
            "default@10", "end@10",
            "odd@15",
            "default@20", "twice@20", "end@20",
            "default@30", "odd@30", "end@30",
            "default@40", "twice@40", "end@40",
            "odd@45",
            "default@50", "end@50",
        ])
        XCTAssertEqual(network.t, 6e-4, "a completed run ends at its start plus its duration")
        XCTAssertEqual(odd.timestep, 4, "the 0.15 ms clock stops at its first step at or after the end")
    }

    func testRunRegularlyRunsFromTimeZeroAtItsClocksPeriodAcrossRuns() throws {
        let group = try NeuronGroup(size: 3, model: "x : 1")
        let every = try RegularOperation(group: group, code: "x += 1")
        every.clock = try Clock(dt: 3e-4)
        let network = Network()
        try network.run([group, every], duration: 1e-3, namespace: Namespace())
        XCTAssertEqual(group.variables["x"]!.storage![2], 4, "t = 0, 0.3, 0.6 and 0.9 ms")
        try network.run([group, every], duration: 1e-3, namespace: Namespace())
        XCTAssertEqual(group.variables["x"]!.storage![2], 7, "t = 1.2, 1.5 and 1.8 ms: no step is repeated")
    }

    func testRunRegularlyWritesAreSeenByTheThresholdOfAFusedGroup() throws {
        // Brian2 2.11: this LIF with `v = 0.8` run regularly between its update and its threshold
        // spikes at 0, 4 and 8 ms (each time its refractory period ends).
        let group = try NeuronGroup(size: 1, model: "dv/dt = (1.5 - v)/(8*ms) : 1 (unless refractory)", method: "exact",
                                    threshold: "v > 0.7", reset: "v = 0", refractoriness: .duration(0.004))
        let clamp = try RegularOperation(group: group, code: "v = 0.8")
        clamp.scheduleOverride = (.groups, 1)
        let spikes = SpikeMonitor(group: group)
        try Network().run([group, clamp, spikes], duration: 0.010, namespace: milliseconds)
        XCTAssertEqual(spikes.times.elements.map { ($0 * 1e4).rounded() / 10 }, [0, 4, 8])
        XCTAssertFalse(group.usesFusedKernel, "a write between update and threshold rules out the one-pass kernel")
    }

    func testCallbacksAreAssumedToWriteEveryVariableInTheirSlot() throws {
        let group = try NeuronGroup(size: 1, model: "dv/dt = (1.5 - v)/(8*ms) : 1 (unless refractory)", method: "exact",
                                    threshold: "v > 0.7", reset: "v = 0", refractoriness: .duration(0.004))
        let storage = group.variables["v"]!.storage!
        let clamp = CallbackOperation { _ in storage[0] = 0.8; return true }
        clamp.scheduleOverride = (.groups, 1)
        let spikes = SpikeMonitor(group: group)
        try Network().run([group, clamp, spikes], duration: 0.010, namespace: milliseconds)
        XCTAssertEqual(spikes.times.elements.map { ($0 * 1e4).rounded() / 10 }, [0, 4, 8])
        XCTAssertFalse(group.usesFusedKernel)
        try Network().run([group, spikes], duration: 0.001, namespace: milliseconds)
        XCTAssertTrue(group.usesFusedKernel, "without the callback the one-pass kernel is chosen again")
    }

    func testStopEndsTheRunAfterTheCurrentStep() throws {
        let log = Box()
        let network = Network()
        let stopper = CallbackOperation { t in
            if t > 3.5e-4 { network.stop() }
            return true
        }
        try network.run([stopper, recorder("end", into: log, slot: .end)], duration: 1e-3, namespace: Namespace())
        XCTAssertEqual(log.entries.last, "end@40", "the rest of the step in which stop() was called runs")
        XCTAssertEqual(network.t, 5e-4, accuracy: 1e-15)
        network.stop()  // between runs: no effect on the next run
        try network.run([recorder("next", into: log)], duration: 2e-4, namespace: Namespace())
        XCTAssertEqual(log.entries.suffix(2), ["next@50", "next@60"])
        XCTAssertEqual(network.t, 7e-4, accuracy: 1e-15)
    }

    func testAFailingCallbackEndsTheRunAtTheTimeOfItsStep() throws {
        let log = Box()
        let network = Network()
        let failing = CallbackOperation { t in t < 2.5e-4 }
        let objects: [SimulationObject] = [failing, recorder("end", into: log, slot: .end)]
        XCTAssertThrowsError(try network.run(objects, duration: 1e-3, namespace: Namespace())) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .callback)
        }
        XCTAssertEqual(log.entries, ["end@0", "end@10", "end@20"], "nothing after the failing call runs")
        XCTAssertEqual(network.t, 3e-4, accuracy: 1e-15)
        try network.run([recorder("again", into: log)], duration: 1e-4, namespace: Namespace())
        XCTAssertEqual(log.entries.last, "again@30", "the network stays usable")
    }

    func testStateMonitorOnItsOwnClockRecordsThatClocksTimes() throws {
        let group = try NeuronGroup(size: 1, model: "x : 1")
        let count = try RegularOperation(group: group, code: "x += 1")
        let monitor = try StateMonitor(group: group, variables: ["x"], indices: [0])
        monitor.clock = try Clock(dt: 2e-4)
        try Network().run([group, count, monitor], duration: 1e-3, namespace: Namespace())
        XCTAssertEqual(monitor.times.elements, (0..<5).map { Double($0) * 2e-4 })
        // Recorded in `start` after the run_regularly of the same slot (its object comes first).
        XCTAssertEqual(monitor.recordings["x"]!.elements, [1, 3, 5, 7, 9])
    }

    func testChangingDtNeedsTheCurrentTimeToBeAWholeNumberOfNewSteps() throws {
        // Brian2: after 10.1 ms with dt 0.1 ms, dt = 0.2 ms fails (10.1 is not a multiple of 0.2);
        // 0.05 ms is fine.
        let group = try NeuronGroup(size: 1, model: "x : 1")
        let network = Network()
        try network.run([group], duration: 0.0101, namespace: Namespace())
        network.dt = 2e-4
        XCTAssertThrowsError(try network.run([group], duration: 1e-3, namespace: Namespace())) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .value)
            XCTAssertTrue("\($0)".contains("not a multiple of 0.0002 s"), "\($0)")
        }
        network.dt = 5e-5
        try network.run([group], duration: 1e-3, namespace: Namespace())
        XCTAssertEqual(network.defaultClock.timestep, 222)
    }

    func testExactUpdatesFollowParametersACallbackChangesMidRun() throws {
        // v relaxes towards v0 with tau = 10 ms; v0 of neuron 0 goes from 1 to 2 at t = 5 ms, so
        // v(10 ms) = 2 - (2 - v(5 ms)) e^(-1/2) with v(5 ms) = 1 - e^(-1/2); neuron 1 keeps v0 = 1.
        let group = try NeuronGroup(size: 2, model: "dv/dt = (v0 - v)/(10*ms) : 1\nv0 : 1", method: "exact")
        let v0 = group.variables["v0"]!.storage!
        v0[0] = 1
        v0[1] = 1
        let change = CallbackOperation { t in
            if abs(t - 0.005) < 1e-9 { v0[0] = 2 }
            return true
        }
        try Network().run([group, change], duration: 0.010, namespace: milliseconds)
        let v = group.variables["v"]!.storage!
        let half = exp(-0.5)
        XCTAssertEqual(v[0], 2 - (2 - (1 - half)) * half, accuracy: 1e-12)
        XCTAssertEqual(v[1], 1 - exp(-1.0), accuracy: 1e-12)
    }
}
