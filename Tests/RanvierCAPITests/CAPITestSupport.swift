import CRanvier
import Glibc
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

// Helpers shared by the C-API tests. The tests call the functions through the names `ranvier.h`
// declares (`rv_release`...), which resolve to the `@_cdecl` implementations: the same symbols the
// Python extension calls.

/// The engine's dimension type (XCTest's Foundation also exports a `Dimension`).
typealias Dimension = RanvierEngine.Dimension

/// The calling thread's last error message.
func lastError() -> String {
    String(cString: rv_last_error())
}

/// Asserts that a C-API call failed with `expected` and that the thread's message contains every
/// fragment (so the message names the problem, not only the status).
func assertStatus(_ status: rv_status, _ expected: rv_status, mentions fragments: [String],
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(status, expected, "status \(status), message: \(lastError())", file: file, line: line)
    let message = lastError()
    for fragment in fragments {
        XCTAssertTrue(message.contains(fragment), "'\(fragment)' missing from the message: \(message)", file: file, line: line)
    }
}

/// The seven exponents of a dimension, as the C API takes them.
func exponents(_ dimension: Dimension) -> [Double] {
    dimension.exponents
}

/// Holds a weak reference to the engine object behind a handle, to observe when it is freed.
final class WeakObject {
    weak var object: AnyObject?

    init(_ handle: rv_handle) {
        object = Unmanaged<AnyObject>.fromOpaque(handle).takeUnretainedValue()
    }

    var isAlive: Bool { object != nil }
}

/// Handles created by one test, released (and checked to release cleanly) when it ends.
class CAPITestCase: XCTestCase {
    private var owned: [rv_handle] = []

    override func tearDown() {
        for handle in owned.reversed() {
            XCTAssertEqual(rv_release(handle), RV_OK, lastError())
        }
        owned = []
        super.tearDown()
    }

    /// Takes ownership of a handle for the rest of the test.
    @discardableResult
    func own(_ handle: rv_handle?) throws -> rv_handle {
        let handle = try XCTUnwrap(handle, "expected a handle; last error: \(lastError())")
        owned.append(handle)
        return handle
    }

    /// A namespace with `tau` = 10 ms, the time constant of the default model.
    func decayNamespace() throws -> rv_handle {
        try makeNamespace([("tau", 0.01, .time)])
    }

    /// A namespace holding `entries` (name, SI value, dimension).
    func makeNamespace(_ entries: [(String, Double, Dimension)] = [], file: StaticString = #filePath, line: UInt = #line) throws -> rv_handle {
        var handle: rv_handle?
        XCTAssertEqual(rv_namespace_create(&handle), RV_OK, lastError(), file: file, line: line)
        let ns = try own(handle)
        for (name, value, dimension) in entries {
            XCTAssertEqual(rv_namespace_set(ns, name, value, exponents(dimension)), RV_OK, lastError(), file: file, line: line)
        }
        return ns
    }

    /// Creates a group, returning the status and (on success) the owned handle.
    func createGroup(_ n: Int64 = 4, model: String = "dv/dt = -v/tau : 1", method: String = "", threshold: String = "",
                     reset: String = "", refractory: String = "", refractorySeconds: Double = 0,
                     floatDtype: Int32 = RV_DTYPE_FLOAT64) -> (rv_status, rv_handle?) {
        var handle: rv_handle?
        let status = rv_neurongroup_create(n, model, method, threshold, reset, refractory, refractorySeconds, floatDtype, &handle)
        if status == RV_OK { owned.append(handle!) }
        return (status, handle)
    }

    /// A group that must be created successfully.
    func makeGroup(_ n: Int64 = 4, model: String = "dv/dt = -v/tau : 1", method: String = "", threshold: String = "",
                   reset: String = "", refractory: String = "", refractorySeconds: Double = 0,
                   file: StaticString = #filePath, line: UInt = #line) throws -> rv_handle {
        let (status, handle) = createGroup(n, model: model, method: method, threshold: threshold, reset: reset,
                                           refractory: refractory, refractorySeconds: refractorySeconds)
        XCTAssertEqual(status, RV_OK, lastError(), file: file, line: line)
        return try XCTUnwrap(handle)
    }

    func makeNetwork(dt: Double = 1e-4, file: StaticString = #filePath, line: UInt = #line) throws -> rv_handle {
        var handle: rv_handle?
        XCTAssertEqual(rv_network_create(&handle), RV_OK, lastError(), file: file, line: line)
        let network = try own(handle)
        XCTAssertEqual(rv_network_set_dt(network, dt), RV_OK, lastError(), file: file, line: line)
        return network
    }

    func makeStateMonitor(_ group: rv_handle, _ variables: String, indices: [Int64]? = nil,
                          file: StaticString = #filePath, line: UInt = #line) throws -> rv_handle {
        var handle: rv_handle?
        let status = indices.map { list in rv_statemonitor_create(group, variables, list, Int64(list.count), &handle) }
            ?? rv_statemonitor_create(group, variables, nil, -1, &handle)
        XCTAssertEqual(status, RV_OK, lastError(), file: file, line: line)
        return try own(handle)
    }

    func makeSpikeMonitor(_ group: rv_handle, file: StaticString = #filePath, line: UInt = #line) throws -> rv_handle {
        var handle: rv_handle?
        XCTAssertEqual(rv_spikemonitor_create(group, "", 1, &handle), RV_OK, lastError(), file: file, line: line)
        return try own(handle)
    }

    /// Runs `objects` on `network` and returns the status.
    func run(_ network: rv_handle, _ objects: [rv_handle], duration: Double, ns: rv_handle,
             poll: rv_poll_callback? = nil, context: UnsafeMutableRawPointer? = nil) -> rv_status {
        let list: [rv_handle?] = objects
        return rv_network_run(network, list, Int64(list.count), duration, ns, poll, context)
    }

    /// The network's current time.
    func time(_ network: rv_handle) -> Double {
        var t = -1.0, dt = -1.0
        XCTAssertEqual(rv_network_time(network, &t, &dt), RV_OK, lastError())
        return t
    }

    /// Reads an array view; the caller owns (and must release) `owner`.
    func array(_ object: rv_handle, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> rv_array {
        var view = rv_array()
        XCTAssertEqual(rv_object_variable(object, name, &view), RV_OK, lastError(), file: file, line: line)
        return view
    }

    /// Copies the float64 values of an array view.
    func doubles(_ view: rv_array) -> [Double] {
        let values = view.data.assumingMemoryBound(to: Double.self)
        return (0..<Int(view.rows * view.cols)).map { values[$0] }
    }

    /// Evaluates an expression for every neuron of a group of `n` neurons.
    func evaluate(_ group: rv_handle, _ expression: String, n: Int, ns: rv_handle,
                  file: StaticString = #filePath, line: UInt = #line) -> [Double] {
        var out = [Double](repeating: .nan, count: n)
        XCTAssertEqual(rv_group_evaluate(group, expression, nil, -1, ns, &out), RV_OK, lastError(), file: file, line: line)
        return out
    }
}

/// Runs `body` on a new POSIX thread and waits for it to finish.
func onNewThread(_ body: @escaping () -> Void) {
    let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let created = pthread_create(&thread, nil, { argument in
        Unmanaged<ThreadBody>.fromOpaque(argument!).takeRetainedValue().body()
        return nil
    }, box)
    XCTAssertEqual(created, 0)
    pthread_join(thread, nil)
}

private final class ThreadBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// How a child process ended.
enum ChildOutcome: Equatable {
    /// It returned; the value is the status its body produced.
    case returned(Int32)
    /// A signal killed it (a Swift trap is SIGILL or SIGTRAP).
    case crashed(signal: Int32)
}

/// Runs `body` in a forked child process and reports how it ended. Only `testBug_` tests use it, for
/// inputs that crash the engine: a trap in the test process itself would end the whole test run and
/// hide every other result. The body's value must fit in an exit status (0...255).
func inChildProcess(_ body: () -> Int32) -> ChildOutcome {
    fflush(stdout)
    fflush(stderr)
    let pid = fork()
    if pid == 0 { _exit(body()) }
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
    let signal = status & 0x7f
    return signal == 0 ? .returned((status >> 8) & 0xff) : .crashed(signal: signal)
}

/// A poll callback whose context points to two Int32: the call at which to ask for a stop, and a
/// counter of the calls made.
let stopAtCall: rv_poll_callback = { context in
    let state = context!.assumingMemoryBound(to: Int32.self)
    state[1] += 1
    return state[1] >= state[0] ? 1 : 0
}
