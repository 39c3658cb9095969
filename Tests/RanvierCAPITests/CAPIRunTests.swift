import CRanvier
import Glibc
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

/// Failures of running: clocks, durations, schedules, integration methods, interruption.
final class CAPIRunTests: CAPITestCase {
    func testNegativeOrNonFiniteDurationIsAValueErrorAndTheClockStays() throws {
        let group = try makeGroup()
        let network = try makeNetwork()
        let ns = try decayNamespace()
        assertStatus(run(network, [group], duration: -1e-3, ns: ns), RV_ERR_VALUE, mentions: ["duration", "-0.001"])
        assertStatus(run(network, [group], duration: .nan, ns: ns), RV_ERR_VALUE, mentions: ["duration", "nan"])
        assertStatus(run(network, [group], duration: .infinity, ns: ns), RV_ERR_VALUE, mentions: ["duration", "inf"])
        XCTAssertEqual(time(network), 0)
        XCTAssertEqual(run(network, [group], duration: 0, ns: ns), RV_OK, "a run of zero duration is allowed")
        XCTAssertEqual(time(network), 0)
    }

    func testNonPositiveTimeStepIsAValueErrorAndKeepsThePreviousOne() throws {
        let network = try makeNetwork(dt: 2e-4)
        for bad in [0.0, -1e-4, .nan, .infinity] {
            assertStatus(rv_network_set_dt(network, bad), RV_ERR_VALUE, mentions: ["dt must be a positive time"])
        }
        var t = -1.0, dt = -1.0
        XCTAssertEqual(rv_network_time(network, &t, &dt), RV_OK)
        XCTAssertEqual(dt, 2e-4)
    }

    func testThreadCountsOutsideOneTo256AreValueErrors() throws {
        let network = try makeNetwork()
        XCTAssertEqual(rv_network_set_threads(network, 2), RV_OK)
        assertStatus(rv_network_set_threads(network, 0), RV_ERR_VALUE, mentions: ["between 1 and 256", "got 0"])
        assertStatus(rv_network_set_threads(network, 1000), RV_ERR_VALUE, mentions: ["between 1 and 256", "got 1000"])
    }

    func testSettingANegativeOrNonFiniteTimeIsAValueError() throws {
        let network = try makeNetwork()
        XCTAssertEqual(rv_network_set_time(network, 0.25), RV_OK)
        assertStatus(rv_network_set_time(network, -1), RV_ERR_VALUE, mentions: ["time", "-1.0"])
        assertStatus(rv_network_set_time(network, .nan), RV_ERR_VALUE, mentions: ["time", "nan"])
        XCTAssertEqual(time(network), 0.25)
    }

    func testUnknownScheduleSlotIsAValueErrorListingTheSlots() throws {
        let group = try makeGroup()
        let monitor = try makeStateMonitor(group, "v")
        assertStatus(rv_object_set_schedule(monitor, "middle", 0), RV_ERR_VALUE,
                     mentions: ["'middle'", "start, groups, thresholds, synapses, resets, end"])
        XCTAssertEqual(rv_object_set_schedule(monitor, "end", 3), RV_OK, lastError())
    }

    func testScheduleSlotDecidesWhetherAMonitorSeesTheStepsUpdate() throws {
        // v = 1 - t/tau exactly (a pure integrator); recording in `start` sees v before the step's
        // update (first sample 0), in `end` after it (first sample dt/tau).
        let group = try makeGroup(1, model: "dv/dt = 1/tau : 1")
        let atStart = try makeStateMonitor(group, "v")
        let atEnd = try makeStateMonitor(group, "v")
        XCTAssertEqual(rv_object_set_schedule(atEnd, "end", 0), RV_OK, lastError())
        let network = try makeNetwork(dt: 1e-4)
        XCTAssertEqual(run(network, [group, atStart, atEnd], duration: 3e-4, ns: try decayNamespace()), RV_OK, lastError())
        let startView = array(atStart, "v"), endView = array(atEnd, "v")
        defer { _ = rv_release(startView.owner); _ = rv_release(endView.owner) }
        let start = doubles(startView), end = doubles(endView)
        XCTAssertEqual(start.count, 3)
        for k in 0..<3 {
            XCTAssertEqual(start[k], Double(k) * 0.01, accuracy: 1e-15)
            XCTAssertEqual(end[k], Double(k + 1) * 0.01, accuracy: 1e-15)
        }
    }

    func testUnknownIntegrationMethodIsAValueErrorListingTheMethods() throws {
        let network = try makeNetwork()
        let ns = try decayNamespace()
        // Whether the name is checked at creation or at the run, the first failure must name it.
        let (created, group) = createGroup(method: "magic")
        let status = created != RV_OK ? created : run(network, [group!], duration: 1e-3, ns: ns)
        assertStatus(status, RV_ERR_VALUE, mentions: ["'magic'", "euler", "exact", "heun", "rk2", "rk4"])
    }

    func testExactRefusesEquationsThatDependOnTime() throws {
        let group = try makeGroup(model: "dv/dt = (sin(2*pi*t/tau) - v)/tau : 1", method: "exact")
        let network = try makeNetwork()
        assertStatus(run(network, [group], duration: 1e-3, ns: try decayNamespace()), RV_ERR_UNSUPPORTED_EQUATIONS,
                     mentions: ["'exact'", "time t", "euler"])
        XCTAssertEqual(time(network), 0)
    }

    func testMethodsRefuseEquationsTheyCannotIntegrate() throws {
        let network = try makeNetwork()
        let ns = try makeNamespace([("tau", 0.01, .time), ("sigma", 0.1, .dimensionless)])
        let cases: [(model: String, method: String, fragments: [String])] = [
            ("dv/dt = -v/tau + sigma*xi*tau**-0.5 : 1", "exact", ["'exact'", "stochastic"]),
            ("dv/dt = -v*v/tau : 1", "linear", ["'linear'", "not linear", "dv/dt = -v*v/tau : 1"]),
            ("dv/dt = -v/tau + sigma*xi*tau**-0.5 : 1", "rk4", ["'rk4'", "stochastic"]),
            ("dv/dt = -v/tau + sigma*xi*tau**-0.5 : 1", "rk2", ["'rk2'", "stochastic"]),
            ("dv/dt = -v/tau + v*sigma*xi*tau**-0.5 : 1", "euler", ["'euler'", "multiplicative", "heun"]),
            ("dv/dt = -v/tau + sigma*xi**2 : 1", "", ["noise", "linearly", "dv/dt = -v/tau + sigma*xi**2 : 1"]),
        ]
        for (model, method, fragments) in cases {
            let group = try makeGroup(model: model, method: method)
            assertStatus(run(network, [group], duration: 1e-3, ns: ns), RV_ERR_UNSUPPORTED_EQUATIONS, mentions: fragments)
        }
        XCTAssertEqual(time(network), 0)
    }

    func testPollCallbackInterruptsTheRunAndKeepsTheTimeReached() throws {
        let group = try makeGroup(1, method: "exact")
        XCTAssertEqual(rv_group_execute(group, "v = 1", nil, -1, try decayNamespace()), RV_OK)
        let monitor = try makeStateMonitor(group, "v")
        let network = try makeNetwork(dt: 1e-4)
        let ns = try decayNamespace()
        var state: [Int32] = [3, 0]  // stop at the third poll; calls counted in state[1]
        let status = state.withUnsafeMutableBytes { run(network, [group, monitor], duration: 1.0, ns: ns, poll: stopAtCall, context: $0.baseAddress) }
        assertStatus(status, RV_ERR_INTERRUPTED, mentions: ["interrupted", "t = "])
        XCTAssertEqual(state[1], 3, "the run went on polling after being told to stop")
        let reached = time(network)
        let steps = (reached / 1e-4).rounded()
        XCTAssertGreaterThan(steps, 0)
        XCTAssertLessThan(reached, 1.0)
        XCTAssertEqual(reached, steps * 1e-4, accuracy: 1e-15, "the time reached is a whole number of steps")
        XCTAssertTrue(lastError().contains("\(reached)"), "the message does not give the time reached (\(reached)): \(lastError())")
        // The state is the one at the time reached, and every step taken was recorded.
        let v = evaluate(group, "v", n: 1, ns: ns)[0]
        XCTAssertEqual(v, exp(-reached / 0.01), accuracy: 1e-12)
        var samples: Int64 = 0
        XCTAssertEqual(rv_object_size(monitor, &samples), RV_OK)
        XCTAssertEqual(Double(samples), steps)
        // A later run continues from there.
        XCTAssertEqual(run(network, [group, monitor], duration: 2e-3, ns: ns), RV_OK, lastError())
        XCTAssertEqual(time(network), reached + 2e-3, accuracy: 1e-12)
        XCTAssertEqual(evaluate(group, "v", n: 1, ns: ns)[0], exp(-(reached + 2e-3) / 0.01), accuracy: 1e-12)
    }

    func testPollCallbackThatNeverStopsLetsTheRunFinish() throws {
        let group = try makeGroup(1)
        let network = try makeNetwork(dt: 1e-4)
        let ns = try decayNamespace()
        var state: [Int32] = [Int32.max, 0]
        let status = state.withUnsafeMutableBytes {
            run(network, [group], duration: 0.01, ns: ns, poll: stopAtCall, context: $0.baseAddress)
        }
        XCTAssertEqual(status, RV_OK, lastError())
        XCTAssertGreaterThan(state[1], 0, "the callback was never called during 100 steps")
        XCTAssertEqual(time(network), 0.01, accuracy: 1e-15)
    }

    func testSpikesAndResetsThroughTheCAPIFollowTheClosedForm() throws {
        // dv/dt = (2 - v)/tau from 0 reaches 1 after tau·ln 2 = 6.93 ms = 69.3 steps of 0.1 ms.
        // Step k integrates to (k+1)·dt and its threshold, run after the update, stamps the spike
        // with the step's start k·dt: the first spike is in step 70 - 1 = 69. The reset to 0 runs in
        // that step, so each later spike needs another 70 updates: steps 69, 139, 209 in 25 ms.
        let group = try makeGroup(1, model: "dv/dt = (2 - v)/tau : 1", method: "exact", threshold: "v > 1", reset: "v = 0")
        let spikes = try makeSpikeMonitor(group)
        let network = try makeNetwork(dt: 1e-4)
        XCTAssertEqual(run(network, [group, spikes], duration: 0.025, ns: try decayNamespace()), RV_OK, lastError())
        let times = array(spikes, "t"), indices = array(spikes, "i"), counts = array(spikes, "count")
        defer { [times, indices, counts].forEach { _ = rv_release($0.owner) } }
        XCTAssertEqual(times.dtype, RV_DTYPE_FLOAT64)
        XCTAssertEqual(indices.dtype, RV_DTYPE_INT32)
        XCTAssertEqual(times.read_only, 1)
        XCTAssertEqual(times.dimensions.0, 0)
        XCTAssertEqual(times.dimensions.2, 1)
        XCTAssertEqual(doubles(times).map { ($0 * 1e4).rounded() }, [69, 139, 209])
        XCTAssertEqual(indices.rows, 3)
        XCTAssertEqual(counts.data.assumingMemoryBound(to: Int32.self)[0], 3)
    }

    // MARK: Inputs that crash the engine (each runs in a child process)

    /// Runs a group through the C API in a child process: returns the run's status, or 200 when
    /// the status was right but the message lacks `fragment`.
    private func childRun(model: String = "dv/dt = -v/tau : 1", method: String = "", dt: Double = 1e-4, startTime: Double = 0,
                          duration: Double, tau: Double = 0.01, withMonitor: Bool = false, stopAtFirstPoll: Bool = false,
                          fragment: String = "") -> ChildOutcome {
        inChildProcess {
            var group: rv_handle?, network: rv_handle?, ns: rv_handle?, monitor: rv_handle?
            guard rv_neurongroup_create(1, model, method, "", "", "", 0, RV_DTYPE_FLOAT64, &group) == RV_OK,
                  rv_network_create(&network) == RV_OK, rv_network_set_dt(network, dt) == RV_OK,
                  rv_network_set_time(network, startTime) == RV_OK, rv_namespace_create(&ns) == RV_OK,
                  rv_namespace_set(ns, "tau", tau, exponents(.time)) == RV_OK,
                  !withMonitor || rv_statemonitor_create(group, "v", nil, -1, &monitor) == RV_OK else { return 201 }
            var objects: [rv_handle?] = [group]
            if withMonitor { objects.append(monitor) }
            var state: [Int32] = [1, 0]
            let status = state.withUnsafeMutableBytes {
                rv_network_run(network, objects, Int64(objects.count), duration, ns, stopAtFirstPoll ? stopAtCall : nil, $0.baseAddress)
            }
            return status != RV_OK && !fragment.isEmpty && !lastError().contains(fragment) ? 200 : status
        }
    }

    func testDurationTooLongForTheClockIsAValueErrorNotACrash() {
        // Network.run converts (t + duration)/dt to Int: 1e300 s / 1e-4 s overflows Int and traps.
        XCTAssertEqual(childRun(duration: 1e300, fragment: "duration"), .returned(RV_ERR_VALUE))
        // The same conversion traps for a start time set far ahead, or a tiny dt.
        XCTAssertEqual(childRun(startTime: 1e300, duration: 1e-3, fragment: "time"), .returned(RV_ERR_VALUE))
        XCTAssertEqual(childRun(dt: 1e-300, duration: 1, fragment: "dt"), .returned(RV_ERR_VALUE))
    }

    func testMonitorOfAVeryLongRunDoesNotCrashWhenReservingMemory() {
        // A StateMonitor reserves steps × neurons values up front: for 1e12 s at dt = 0.1 ms that is
        // 1e16 doubles, which cannot be allocated and traps. The run should either start (and here
        // be stopped by the first poll) or refuse the run with an error.
        let outcome = childRun(duration: 1e12, withMonitor: true, stopAtFirstPoll: true)
        XCTAssertTrue([.returned(RV_ERR_INTERRUPTED), .returned(RV_ERR_VALUE)].contains(outcome), "\(outcome)")
    }

    func testCoupledExactSystemWithZeroTimeConstantDoesNotCrash() {
        // tau = 0 makes the coefficient -1/tau infinite; Matrix.exponential converts log2 of the
        // infinite norm to Int and traps. A single equation gives non-finite values instead (as numpy
        // does in Brian2); the coupled one must not take the process down either.
        let single = childRun(model: "dv/dt = -v/tau : 1", method: "exact", duration: 1e-3, tau: 0)
        XCTAssertTrue([.returned(RV_OK), .returned(RV_ERR_VALUE)].contains(single), "\(single)")
        // (Every entry must be infinite, not NaN: a NaN norm skips the conversion.)
        let coupled = childRun(model: "dv/dt = (1 + w - v)/tau : 1\ndw/dt = (1 - w)/tau : 1", method: "exact", duration: 1e-3, tau: 0)
        XCTAssertTrue([.returned(RV_OK), .returned(RV_ERR_VALUE)].contains(coupled), "\(coupled)")
    }
}
