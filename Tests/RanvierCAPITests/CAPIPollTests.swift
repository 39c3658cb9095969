import CRanvier
import Glibc
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

/// What `stopNetworkAtCall` needs: the network, the call at which to stop it, the calls made.
private struct NetworkStopState {
    var network: rv_handle
    var stopAt: Int32
    var calls: Int32 = 0
}

/// A poll callback that ends the run normally (rv_network_stop) at a given call.
private let stopNetworkAtCall: rv_poll_callback = { context in
    let state = context!.assumingMemoryBound(to: NetworkStopState.self)
    state.pointee.calls += 1
    if state.pointee.calls == state.pointee.stopAt { _ = rv_network_stop(state.pointee.network) }
    return 0
}

/// Poll callbacks: a run's after every step (a stop from it ends the run normally after that step),
/// rv_synapses_connect_polled's once per source neuron (an interrupt creates no synapse).
final class CAPIPollTests: CAPITestCase {
    func testRunPollsAfterEveryStep() throws {
        for dt in [1e-4, 3e-5] {  // whatever the number of steps
            let group = try makeGroup(1)
            let network = try makeNetwork(dt: dt)
            let ns = try decayNamespace()
            var state: [Int32] = [Int32.max, 0]
            let status = state.withUnsafeMutableBytes { run(network, [group], duration: 0.01, ns: ns, poll: stopAtCall, context: $0.baseAddress) }
            XCTAssertEqual(status, RV_OK, lastError())
            XCTAssertEqual(Double(state[1]), (0.01 / dt).rounded(.up))
        }
    }

    func testStopFromThePollEndsTheRunNormallyAfterThatStep() throws {
        let group = try makeGroup(1, method: "exact")
        XCTAssertEqual(rv_group_execute(group, "v = 1", nil, -1, try decayNamespace()), RV_OK)
        let network = try makeNetwork(dt: 1e-4)
        let ns = try decayNamespace()
        var state = NetworkStopState(network: network, stopAt: 7)
        let status = withUnsafeMutablePointer(to: &state) { run(network, [group], duration: 1.0, ns: ns, poll: stopNetworkAtCall, context: $0) }
        XCTAssertEqual(status, RV_OK, lastError())
        XCTAssertEqual(state.calls, 7, "the run went on after the stop")
        XCTAssertEqual(time(network), 7e-4, accuracy: 1e-15)
        XCTAssertEqual(evaluate(group, "v", n: 1, ns: ns)[0], exp(-7e-4 / 0.01), accuracy: 1e-12)
    }

    /// Synapses from a group of 5 to a group of 4 neurons, with `w : 1`, already holding one synapse 0 -> 3.
    private func makeSynapses() throws -> rv_handle {
        let source = try makeGroup(5, model: "v : 1"), target = try makeGroup(4, model: "v : 1")
        var handle: rv_handle?
        XCTAssertEqual(rv_synapses_create(source, target, "w : 1", "", 0, RV_DTYPE_FLOAT64, &handle), RV_OK, lastError())
        let synapses = try own(handle)
        let pre: [Int64] = [0], post: [Int64] = [3]
        XCTAssertEqual(rv_synapses_connect_indices(synapses, pre, post, 1), RV_OK, lastError())
        return synapses
    }

    private func pairs(_ synapses: rv_handle, ns: rv_handle) -> [[Double]] {
        var size: Int64 = -1
        XCTAssertEqual(rv_object_size(synapses, &size), RV_OK, lastError())
        return ["i", "j"].map { evaluate(synapses, $0, n: Int(size), ns: ns) }
    }

    /// Every way of connecting that visits the sources: all pairs, a constant probability, a generator.
    private let connections: [(condition: String, p: String, j: String)] = [
        ("i != j", "", ""), ("", "1", ""), ("", "", "k for k in range(N_post)"),
    ]

    func testInterruptedConnectFailsAndCreatesNoSynapse() throws {
        for (condition, p, j) in connections {
            let synapses = try makeSynapses()
            let ns = try makeNamespace()
            var state: [Int32] = [2, 0]  // stop after the second source
            let status = state.withUnsafeMutableBytes {
                rv_synapses_connect_polled(synapses, condition, p, "", j, 0, ns, stopAtCall, $0.baseAddress)
            }
            assertStatus(status, RV_ERR_INTERRUPTED, mentions: ["connect()", "interrupted", "source neuron 1"])
            XCTAssertEqual(state[1], 2, "polled again after being told to stop (\(condition)\(p)\(j))")
            XCTAssertEqual(pairs(synapses, ns: ns), [[0], [3]], "\(condition)\(p)\(j)")
        }
    }

    func testConnectPolledOncePerSourceGivesTheSameSynapsesAsUnpolled() throws {
        for (condition, p, j) in connections {
            let polled = try makeSynapses(), unpolled = try makeSynapses()
            let ns = try makeNamespace()
            var state: [Int32] = [Int32.max, 0]
            let status = state.withUnsafeMutableBytes {
                rv_synapses_connect_polled(polled, condition, p, "", j, 0, ns, stopAtCall, $0.baseAddress)
            }
            XCTAssertEqual(status, RV_OK, lastError())
            XCTAssertEqual(state[1], 5, "one poll per source neuron (\(condition)\(p)\(j))")
            XCTAssertEqual(rv_synapses_connect(unpolled, condition, p, "", j, 0, ns), RV_OK, lastError())
            XCTAssertEqual(pairs(polled, ns: ns), pairs(unpolled, ns: ns), "\(condition)\(p)\(j)")
            XCTAssertEqual(pairs(polled, ns: ns)[0].count, 1 + (condition.isEmpty ? 20 : 16))
        }
    }

    func testConnectPolledWithoutCallbackIsNotPolledAndNullArgumentsFail() throws {
        let synapses = try makeSynapses()
        let ns = try makeNamespace()
        XCTAssertEqual(rv_synapses_connect_polled(synapses, "", "", "", "", 0, ns, nil, nil), RV_OK, lastError())
        XCTAssertEqual(pairs(synapses, ns: ns)[0].count, 21)
        assertStatus(rv_synapses_connect_polled(nil, "", "", "", "", 0, ns, nil, nil), RV_ERR_VALUE,
                     mentions: ["rv_synapses_connect_polled", "synapses is NULL"])
        assertStatus(rv_synapses_connect_polled(synapses, nil, "", "", "", 0, ns, nil, nil), RV_ERR_VALUE,
                     mentions: ["rv_synapses_connect_polled", "condition is NULL"])
    }
}
