import CRanvier
import Glibc
import XCTest
@testable import RanvierCAPI

/// Fuzzes the C API with generated model strings, code strings and extreme numbers: every call must
/// return a status of ranvier.h (with a message when it fails), never trap, never hang. Objects that
/// get created are run for a few steps, so inputs reach dimension checks, integration, compilation
/// and the time-step loop.
final class CAPIFuzzTests: XCTestCase {
    /// The highest status ranvier.h defines.
    static let lastStatus = RV_ERR_CALLBACK

    /// Units the Python layer would put in a namespace, so that generated code using them can run.
    static let units: [String: (Double, [Double])] = [
        "ms": (1e-3, [0, 0, 1, 0, 0, 0, 0]), "second": (1, [0, 0, 1, 0, 0, 0, 0]), "Hz": (1, [0, 0, -1, 0, 0, 0, 0]),
        "mV": (1e-3, [2, 1, -3, -1, 0, 0, 0]), "volt": (1, [2, 1, -3, -1, 0, 0, 0]), "nA": (1e-9, [0, 0, 0, 1, 0, 0, 0]),
        "metre": (1, [1, 0, 0, 0, 0, 0, 0]), "tau": (0.01, [0, 0, 1, 0, 0, 0, 0]), "pi": (Double.pi, [0, 0, 0, 0, 0, 0, 0]),
    ]

    /// Handles of the input being run, released after it.
    private var handles: [rv_handle] = []

    private func check(_ status: rv_status, _ call: String, _ input: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        XCTAssertTrue((RV_OK...Self.lastStatus).contains(status), "\(call): status \(status) on \(input.debugDescription)", file: file, line: line)
        if status != RV_OK {
            XCTAssertFalse(String(cString: rv_last_error()).isEmpty, "\(call) failed without a message on \(input.debugDescription)", file: file, line: line)
        }
        return status == RV_OK
    }

    private func keep(_ handle: rv_handle?) -> rv_handle? {
        if let handle { handles.append(handle) }
        return handle
    }

    private func releaseAll() {
        for handle in handles.reversed() { XCTAssertEqual(rv_release(handle), RV_OK) }
        handles = []
    }

    /// A namespace giving every external name of `group` a value (dimensionless, or one of a few
    /// dimensions picked by the stream), so runs get past name look-up.
    private func namespace(for group: rv_handle?, code: [String], stream: inout FuzzInputStream) -> rv_handle? {
        var ns: rv_handle?
        guard rv_namespace_create(&ns) == RV_OK, let ns = keep(ns) else { return nil }
        var names: [String] = []
        var out: UnsafePointer<CChar>?
        if let group, rv_group_external_names(group, &out) == RV_OK, let out { names += String(cString: out).split(separator: "\n").map(String.init) }
        for text in code {
            if let group, rv_code_external_names(group, text, 0, &out) == RV_OK, let out { names += String(cString: out).split(separator: "\n").map(String.init) }
            if let group, rv_code_external_names(group, text, 1, &out) == RV_OK, let out { names += String(cString: out).split(separator: "\n").map(String.init) }
        }
        let dimensions: [[Double]] = [[0, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0], [2, 1, -3, -1, 0, 0, 0], [0, 0, -1, 0, 0, 0, 0]]
        for name in Set(names) {
            if let (value, dimension) = Self.units[name], stream.below(4) != 0 {
                _ = rv_namespace_set(ns, name, value, dimension)
                continue
            }
            let value = stream.below(3) == 0 ? stream.double() : 0.01
            _ = rv_namespace_set(ns, name, value, dimensions[stream.below(dimensions.count)])
        }
        return ns
    }

    /// Runs `objects` for a few steps; a run that would go on longer is stopped by the poll callback.
    private func runBriefly(_ objects: [rv_handle?], ns: rv_handle?, duration: Double, input: String) {
        var network: rv_handle?
        guard rv_network_create(&network) == RV_OK, let network = keep(network) else { return }
        _ = rv_network_set_dt(network, 1e-4)
        var deadline = fuzzNow() + 0.2
        let status = withUnsafeMutablePointer(to: &deadline) { context in
            rv_network_run(network, objects, Int64(objects.count), duration, ns, { context in
                fuzzNow() > context!.assumingMemoryBound(to: Double.self).pointee ? 1 : 0
            }, context)
        }
        _ = check(status, "rv_network_run", input)
    }

    func testNeuronGroupsFromGeneratedCodeReturnStatuses() {
        var stream = FuzzInputStream(kind: .equations, seed: FuzzSettings.seed &+ 1)
        var code = FuzzInputStream(kind: .statements, seed: FuzzSettings.seed &+ 2)
        fuzz("neurongroup", inputs: FuzzSettings.inputs(default: 3000), { stream.next() }) { fuzzed in
            defer { releaseAll() }
            // The fuzzed text goes into one slot; the others are valid or generated, so that a
            // generated threshold or reset meets a model that compiles.
            let slot = code.below(4)
            let model = slot == 0 ? fuzzed : "dv/dt = (I - v)/(10*ms) : 1 (unless refractory)\nI : 1\nw : volt\nn : integer"
            let threshold = slot == 1 ? fuzzed : code.below(2) == 0 ? "" : code.grammatical(.expression)
            let reset = slot == 2 ? fuzzed : code.below(2) == 0 ? "" : code.next()
            let refractory = slot == 3 ? fuzzed : code.below(3) == 0 ? code.grammatical(.expression) : ""
            let methods = ["", "exact", "euler", "rk2", "rk4", "heun", "exponential_euler", "milstein", "linear", "nonsense"]
            let method = methods[code.below(methods.count)], size = 1 + Int64(code.below(4)), dtype = Int32(code.below(2) * 3)
            let refractorySeconds = code.below(4) == 0 ? code.double() : 0
            var input = "n: \(size)\nmodel: \(model)\nmethod: \(method)\nthreshold: \(threshold)\nreset: \(reset)\n"
            input += "refractory: \(refractory)\nrefractory seconds: \(refractorySeconds)\nfloat dtype: \(dtype)"
            noteFuzzInput(input)
            var group: rv_handle?
            let status = rv_neurongroup_create(size, model, method, threshold, reset, refractory, refractorySeconds, dtype, &group)
            guard check(status, "rv_neurongroup_create", input), let group = keep(group) else { return false }
            let statements = code.next(), expression = code.grammatical(.expression)
            noteFuzzInput(input + "\ncode: \(statements)\nexpression: \(expression)")
            let ns = namespace(for: group, code: [statements, expression], stream: &code)
            _ = check(rv_group_execute(group, statements, nil, -1, ns), "rv_group_execute", input + "\ncode: \(statements)")
            var values = [Double](repeating: 0, count: 4)
            _ = check(rv_group_evaluate(group, expression, nil, -1, ns, &values), "rv_group_evaluate", input + "\nexpression: \(expression)")
            var monitor: rv_handle?
            let variables = ["v", "v\nw", "", "t", "lastspike", code.grammatical(.expression)][code.below(6)]
            var objects: [rv_handle?] = [group]
            if check(rv_statemonitor_create(group, variables, nil, -1, &monitor), "rv_statemonitor_create", input), let monitor = keep(monitor) {
                objects.append(monitor)
            }
            runBriefly(objects, ns: ns, duration: 3e-4, input: input)
            return true
        }
    }

    func testSynapsesFromGeneratedCodeReturnStatuses() {
        var stream = FuzzInputStream(kind: .statements, seed: FuzzSettings.seed &+ 3)
        var other = FuzzInputStream(kind: .generator, seed: FuzzSettings.seed &+ 4)
        fuzz("synapses", inputs: FuzzSettings.inputs(default: 3000), { stream.next() }) { onPre in
            defer { releaseAll() }
            var source: rv_handle?, target: rv_handle?
            guard rv_neurongroup_create(3, "dv/dt = -v/(10*ms) : 1\nx : 1", "", "v > 0.5", "v = 0", "", 0, 0, &source) == RV_OK,
                  rv_neurongroup_create(4, "v : 1\nx : 1", "", "", "", "", 0, 0, &target) == RV_OK else {
                XCTFail(String(cString: rv_last_error())); return false
            }
            _ = keep(source); _ = keep(target)
            let model = other.below(3) == 0 ? other.grammatical(.equations) : "w : 1"
            let condition = other.below(2) == 0 ? other.grammatical(.expression) : ""
            let p = other.below(3) == 0 ? other.grammatical(.expression) : ""
            let n = other.below(4) == 0 ? other.grammatical(.expression) : ""
            let generator = other.below(2) == 0 ? other.next() : ""
            let input = "model: \(model)\non_pre: \(onPre)\ncondition: \(condition)\np: \(p)\nn: \(n)\nj: \(generator)"
            noteFuzzInput(input)
            var synapses: rv_handle?
            guard check(rv_synapses_create(source, target, model, "", other.below(4) == 0 ? other.double() : 0, 0, &synapses),
                        "rv_synapses_create", input), let synapses = keep(synapses) else { return false }
            _ = check(rv_synapses_add_pathway(synapses, "pre", 1, onPre, 0), "rv_synapses_add_pathway", input)
            if other.below(4) == 0 {
                _ = check(rv_synapses_add_pathway(synapses, "post", 0, other.next(), other.double()), "rv_synapses_add_pathway(post)", input)
            }
            let ns = namespace(for: synapses, code: [onPre, condition, p, n, generator], stream: &other)
            var out: UnsafePointer<CChar>?
            _ = check(rv_synapses_connect_external_names(synapses, condition, p, n, generator, &out), "rv_synapses_connect_external_names", input)
            let connected = check(rv_synapses_connect(synapses, condition, p, n, generator, Int32(other.below(2)), ns), "rv_synapses_connect", input)
            _ = rv_group_execute(source, "v = 1", nil, -1, ns)
            runBriefly([source, target, synapses], ns: ns, duration: 5e-4, input: input)
            return connected
        }
    }

    /// Extreme numbers (NaN, infinities, huge counts and times, Int64 limits) in every numeric argument.
    func testExtremeNumbersInNumericArgumentsReturnStatuses() {
        var stream = FuzzInputStream(kind: .expression, seed: FuzzSettings.seed &+ 5)
        let calls = 14
        var callIndex = 0, a: Int64 = 0, b: Int64 = 0, x = 0.0, y = 0.0, z = 0.0, duration = 0.0
        let draw = { () -> String in
            (callIndex, a, b) = (stream.below(calls), stream.integer(), stream.integer())
            (x, y, z) = (stream.double(), stream.double(), stream.double())
            duration = stream.below(3) == 0 ? stream.double() : 3e-4
            return "call \(callIndex) with integers \(a), \(b), doubles \(x), \(y), \(z), then a run of \(duration) s"
        }
        fuzz("numbers", inputs: FuzzSettings.inputs(default: 3000), draw) { input in
            defer { releaseAll() }
            var group: rv_handle?, object: rv_handle?, network: rv_handle?
            guard rv_neurongroup_create(4, "dv/dt = (2 - v)/tau : 1", "", "v > 1", "v = 0", "", 0, 0, &group) == RV_OK,
                  rv_network_create(&network) == RV_OK else { XCTFail(String(cString: rv_last_error())); return false }
            _ = keep(group); _ = keep(network)
            let status: rv_status
            var objects: [rv_handle?] = [group]
            switch callIndex {
            case 0:
                status = rv_neurongroup_create(a, "v : 1", "", "", "", "", x, 0, &object)
            case 1:
                status = rv_subgroup_create(group, a, b, &object)
            case 2:
                let indices: [Int64] = [a, b, 0]
                let times: [Double] = [x, y, 0]
                status = rv_neurongroup_set_spike_schedule(group, indices, times, 3, z)
            case 3:
                status = rv_network_set_dt(network, x)
            case 4:
                status = rv_network_set_time(network, x)
            case 5:
                status = rv_clock_create(x, &object)
            case 6:
                let indices: [Int64] = [a, b]
                status = rv_group_execute(group, "v = 1", indices, 2, nil)
            case 7:
                var synapses: rv_handle?
                guard rv_synapses_create(group, group, "w : 1", "", x, 0, &synapses) == RV_OK, let synapses = keep(synapses) else {
                    _ = check(RV_ERR_VALUE, "rv_synapses_create", input); return false
                }
                _ = check(rv_synapses_add_pathway(synapses, "pre", 1, "v_post += w", 0), "rv_synapses_add_pathway", input)
                _ = check(rv_synapses_add_pathway(synapses, "post", 0, "w += 1", y), "rv_synapses_add_pathway(post)", input)
                let i: [Int64] = [a, 0], j: [Int64] = [b, 1]
                status = rv_synapses_connect_indices(synapses, i, j, 2)
                objects.append(synapses)
            case 8:
                status = rv_poissoninput_create(group, "v", a, x, "", y, [0, 0, 0, 0, 0, 0, 0], &object)
            case 9:
                let indices: [Int64] = [a, b]
                status = rv_statemonitor_create(group, "v", indices, 2, &object)
            case 10:
                status = rv_network_set_threads(network, Int32(truncatingIfNeeded: a))
            case 11:
                var ns: rv_handle?
                _ = rv_namespace_create(&ns)
                _ = keep(ns)
                // The C API cannot know the length of the caller's array: keep rows x columns within it.
                let values = [x, y, 1, 2]
                let (needed, overflow) = a.multipliedReportingOverflow(by: max(b, 1))
                let (rows, columns) = a > 0 && b >= 0 && !overflow && needed > Int64(values.count) ? (4, 0) : (a, b)
                status = rv_namespace_set_timed_array(ns, "ta", values, rows, columns, z, [0, 0, 0, 0, 0, 0, 0])
            case 12:
                status = rv_object_set_schedule(group, ["start", "groups", "thresholds", "synapses", "resets", "end", "", "nope"][Int(b & 7)],
                                                Int32(truncatingIfNeeded: a))
            default:
                var spikes: [Double] = [x, y]
                var indices: [Int64] = [0, 1]
                var count: Int64 = 0, period = 0.0
                _ = rv_neurongroup_set_spike_schedule(group, [0, 1], [0.001, 0.002], 2, 0)
                status = rv_neurongroup_spike_schedule(group, &indices, &spikes, a, &count, &period)
            }
            let accepted = check(status, "call \(callIndex)", input)
            if accepted, let made = keep(object), callIndex == 8 || callIndex == 9 { objects.append(made) }
            // A run after the call: the numbers reach the time-step loop too (durations are extreme as well).
            var deadline = fuzzNow() + 0.2
            var ns: rv_handle?
            _ = rv_namespace_create(&ns)
            _ = keep(ns)
            _ = rv_namespace_set(ns, "tau", 0.01, Self.units["tau"]!.1)
            let run = withUnsafeMutablePointer(to: &deadline) { context in
                rv_network_run(network, objects, Int64(objects.count), duration, ns, { context in
                    fuzzNow() > context!.assumingMemoryBound(to: Double.self).pointee ? 1 : 0
                }, context)
            }
            _ = check(run, "rv_network_run(\(duration))", input)
            return accepted
        }
    }
}
