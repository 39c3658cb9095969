import CRanvier
import Glibc
import RanvierEngine

/// Hands an engine object to C, retained once for the caller.
func retainedHandle(_ object: AnyObject) -> rv_handle {
    Unmanaged.passRetained(object).toOpaque()
}

/// The engine object behind a handle, checked to be of the expected type.
func object<T>(_ handle: rv_handle?, as type: T.Type, _ what: String, in function: String) throws -> T {
    let raw = try require(handle, what, in: function)
    guard let typed = Unmanaged<AnyObject>.fromOpaque(raw).takeUnretainedValue() as? T else {
        throw RanvierError(.type, "\(function): \(what) is not \(userFacingName(of: T.self))")
    }
    return typed
}

/// Strings handed back to C: kept per thread until the next string-returning call on that thread.
enum ReturnedString {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { free($0) }
        return key
    }()

    /// Stores `text` and writes a pointer to it into `out`.
    static func hand(_ text: String, to out: UnsafeMutablePointer<UnsafePointer<CChar>?>?, in function: String) throws {
        let destination = try require(out, "the output pointer", in: function)
        let copy = strdup(text)
        free(pthread_getspecific(key))
        pthread_setspecific(key, copy)
        destination.pointee = UnsafePointer(copy)
    }
}

@_cdecl("rv_release")
public func rvRelease(_ handle: rv_handle?) -> rv_status {
    guarded("rv_release") {
        Unmanaged<AnyObject>.fromOpaque(try require(handle, "the handle", in: "rv_release")).release()
    }
}

/// Copies `count` int64 indices from C, or nil for "all" (NULL pointer with a negative count).
func indexList(_ pointer: UnsafePointer<Int64>?, _ count: Int64, in function: String) throws -> [Int]? {
    if count < 0 { return nil }
    if count == 0 { return [] }
    let base = try require(pointer, "the index array", in: function)
    try MemoryGuard.check(Double(count) * Double(MemoryLayout<Int>.stride), for: "A copy of \(count) indices (in \(function))",
                          advice: "Pass fewer indices.")
    return (0..<Int(count)).map { Int(base[$0]) }
}

/// How messages name the kind of handle a function expected.
private func userFacingName<T>(of type: T.Type) -> String {
    switch String(describing: type) {
    case "ExposesArrays": return "an object with variables (a group, synapses or a monitor)"
    case "SimulationObject": return "an object that can be simulated (a group, synapses or a monitor)"
    case "SpikeSource": return "a group that spikes (a neuron group or subgroup)"
    case "Group": return "a group (neuron group, subgroup or synapses)"
    case "NeuronGroup": return "a neuron group"
    case "Synapses": return "a synapses object"
    case "Namespace": return "a namespace"
    case "Network": return "a network"
    case "Snapshotting": return "an object with a state to store (a group, synapses or a monitor)"
    case "Snapshot": return "a snapshot"
    case "Clock": return "a clock"
    case "RunsOnOwnClock": return "an object that can run on its own clock (a state monitor, run_regularly code or a network operation)"
    case let name: return "a \(name)"
    }
}
