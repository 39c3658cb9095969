import CRanvier
import Glibc
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

/// What a network operation's C callback sees: the times it was called at, when to stop the run or
/// fail, and whether its context was released.
private final class CallbackState {
    var times: [Double] = []
    var network: rv_handle?
    var stopAfter = Int.max
    var failAfter = Int.max
    var released = false
}

private let noteTime: rv_operation_callback = { context, t in
    let state = Unmanaged<CallbackState>.fromOpaque(context!).takeUnretainedValue()
    state.times.append(t)
    if state.times.count == state.stopAfter { XCTAssertEqual(rv_network_stop(state.network), RV_OK) }
    return state.times.count >= state.failAfter ? 1 : 0
}

private let noteRelease: rv_release_callback = { context in
    Unmanaged<CallbackState>.fromOpaque(context!).takeUnretainedValue().released = true
}

/// Clocks, run_regularly code and network operations through the C API.
final class CAPIClockTests: CAPITestCase {
    /// Contexts of the callbacks, alive until the handles (released after the test) are freed.
    private var states: [CallbackState] = []

    private func makeClock(_ dt: Double) throws -> rv_handle {
        var handle: rv_handle?
        XCTAssertEqual(rv_clock_create(dt, &handle), RV_OK, lastError())
        return try own(handle)
    }

    /// A network operation calling `noteTime` with `state` (kept alive with the test case).
    private func makeOperation(_ state: CallbackState) throws -> rv_handle {
        states.append(state)
        var handle: rv_handle?
        XCTAssertEqual(rv_network_operation_create(noteTime, noteRelease, Unmanaged.passUnretained(state).toOpaque(), &handle),
                       RV_OK, lastError())
        return try XCTUnwrap(handle)
    }

    func testClocksRefuseNonPositiveTimeStepsAndReportTheirState() throws {
        var handle: rv_handle?
        for bad in [0.0, -1e-4, .nan, .infinity] {
            assertStatus(rv_clock_create(bad, &handle), RV_ERR_VALUE, mentions: ["dt has to be a positive"])
        }
        let clock = try makeClock(2e-4)
        assertStatus(rv_clock_set_dt(clock, 0), RV_ERR_VALUE, mentions: ["dt has to be a positive"])
        XCTAssertEqual(rv_clock_set_dt(clock, 5e-4), RV_OK)
        var dt = 0.0, timestep: Int64 = -1
        XCTAssertEqual(rv_clock_state(clock, &dt, &timestep), RV_OK)
        XCTAssertEqual([dt, Double(timestep)], [5e-4, 0])
        assertStatus(rv_clock_state(clock, nil, &timestep), RV_ERR_VALUE, mentions: ["rv_clock_state", "dt is NULL"])
    }

    func testOnlyMonitorsAndOperationsTakeAClockOfTheirOwn() throws {
        let group = try makeGroup()
        let clock = try makeClock(1e-3)
        assertStatus(rv_object_set_clock(group, clock), RV_ERR_TYPE, mentions: ["rv_object_set_clock", "its own clock"])
        assertStatus(rv_object_set_clock(try makeStateMonitor(group, "v"), group), RV_ERR_TYPE, mentions: ["is not a clock"])
    }

    func testRunRegularlyRunsAtItsClocksSteps() throws {
        let group = try makeGroup(2, model: "x : 1")
        var handle: rv_handle?
        assertStatus(rv_run_regularly_create(group, "x += ", &handle), RV_ERR_SYNTAX, mentions: [])
        assertStatus(rv_run_regularly_create(group, nil, &handle), RV_ERR_VALUE, mentions: ["code is NULL"])
        XCTAssertEqual(rv_run_regularly_create(group, "x += 1", &handle), RV_OK, lastError())
        let counter = try own(handle)
        XCTAssertEqual(rv_object_set_clock(counter, try makeClock(2.5e-4)), RV_OK, lastError())
        let network = try makeNetwork()
        XCTAssertEqual(run(network, [group, counter], duration: 1e-3, ns: try makeNamespace()), RV_OK, lastError())
        let x = array(group, "x")
        defer { rv_release(x.owner) }
        XCTAssertEqual(doubles(x), [4, 4], "t = 0, 0.25, 0.5 and 0.75 ms")
    }

    func testNetworkOperationsGetTheirClocksTimesAndCanStopTheRun() throws {
        let state = CallbackState()
        let operation = try own(try makeOperation(state))
        XCTAssertEqual(rv_object_set_clock(operation, try makeClock(3e-4)), RV_OK, lastError())
        let network = try makeNetwork()
        state.network = network
        XCTAssertEqual(run(network, [operation], duration: 1e-3, ns: try makeNamespace()), RV_OK, lastError())
        XCTAssertEqual(state.times.map { ($0 * 1e5).rounded() }, [0, 30, 60, 90])
        XCTAssertEqual(time(network), 1e-3)
        state.stopAfter = 6
        XCTAssertEqual(run(network, [operation], duration: 1e-3, ns: try makeNamespace()), RV_OK, lastError())
        XCTAssertEqual(state.times.count, 6, "stopped after the second call of this run (t = 1.5 ms)")
        XCTAssertEqual(time(network), 1.8e-3, accuracy: 1e-15)
    }

    func testAFailingCallbackEndsTheRunWithACallbackStatusAndItsContextIsReleasedWithTheObject() throws {
        let state = CallbackState()
        state.failAfter = 3
        let operation = try makeOperation(state)
        let network = try makeNetwork()
        assertStatus(run(network, [operation], duration: 1e-3, ns: try makeNamespace()), RV_ERR_CALLBACK,
                     mentions: ["network operation failed"])
        XCTAssertEqual(time(network), 2e-4, accuracy: 1e-15)
        XCTAssertFalse(state.released)
        XCTAssertEqual(rv_release(operation), RV_OK)
        XCTAssertTrue(state.released)
        var handle: rv_handle?
        assertStatus(rv_network_operation_create(nil, nil, nil, &handle), RV_ERR_VALUE, mentions: ["callback is NULL"])
        assertStatus(rv_network_stop(nil), RV_ERR_VALUE, mentions: ["rv_network_stop", "network is NULL"])
    }
}
