// Provisional C API: every function of ranvier.h exists with its C signature so that the Python
// extension can be built and tested end to end before the engine is wired in. Only the error,
// version and lifetime functions are real; the rest report RV_ERR_NOT_IMPLEMENTED. The engine lead
// replaces this file with the real implementation.
import CRanvier

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - last error (thread-local, kept in a malloc'd C buffer so the pointer stays stable)

/// Each thread owns its message buffer; the key's destructor frees it when the thread exits.
private let lastErrorKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { free($0) }
    return key
}()

/// Returned when the thread has not failed yet, so callers never receive NULL.
private let emptyMessage: UnsafePointer<CChar> = UnsafePointer(strdup("")!)

/// Replaces the calling thread's last-error message.
private func setLastError(_ message: String) {
    let copy = strdup(message)
    free(pthread_getspecific(lastErrorKey))
    pthread_setspecific(lastErrorKey, copy)
}

/// Records that `function` is not available yet and returns the matching status.
private func notImplemented(_ function: String) -> rv_status {
    setLastError("\(function) is not implemented yet")
    return RV_ERR_NOT_IMPLEMENTED
}

// MARK: - errors and lifetime

@_cdecl("rv_last_error")
public func rvLastError() -> UnsafePointer<CChar>? {
    guard let message = pthread_getspecific(lastErrorKey) else { return emptyMessage }
    return UnsafePointer(message.assumingMemoryBound(to: CChar.self))
}

@_cdecl("rv_release")
public func rvRelease(_ handle: rv_handle?) -> rv_status {
    guard let handle else {
        setLastError("rv_release: the handle is NULL")
        return RV_ERR_VALUE
    }
    Unmanaged<AnyObject>.fromOpaque(handle).release()
    return RV_OK
}

@_cdecl("rv_api_version")
public func rvApiVersion(_ major: UnsafeMutablePointer<Int32>?, _ minor: UnsafeMutablePointer<Int32>?,
                         _ patch: UnsafeMutablePointer<Int32>?) -> rv_status {
    guard let major, let minor, let patch else {
        setLastError("rv_api_version: an output pointer is NULL")
        return RV_ERR_VALUE
    }
    major.pointee = RV_API_VERSION_MAJOR
    minor.pointee = RV_API_VERSION_MINOR
    patch.pointee = RV_API_VERSION_PATCH
    return RV_OK
}

// MARK: - random numbers

@_cdecl("rv_seed")
public func rvSeed(_ seed: Int64) -> rv_status {
    notImplemented("rv_seed")
}

// MARK: - namespaces

@_cdecl("rv_namespace_create")
public func rvNamespaceCreate(_ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    notImplemented("rv_namespace_create")
}

@_cdecl("rv_namespace_set")
public func rvNamespaceSet(_ ns: rv_handle?, _ name: UnsafePointer<CChar>?, _ value: Double,
                           _ dimensions: UnsafePointer<Double>?) -> rv_status {
    notImplemented("rv_namespace_set")
}

// MARK: - neuron groups

@_cdecl("rv_neurongroup_create")
public func rvNeuronGroupCreate(_ n: Int64, _ model: UnsafePointer<CChar>?, _ method: UnsafePointer<CChar>?,
                                _ threshold: UnsafePointer<CChar>?, _ reset: UnsafePointer<CChar>?,
                                _ refractory: UnsafePointer<CChar>?, _ refractorySeconds: Double,
                                _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    notImplemented("rv_neurongroup_create")
}

@_cdecl("rv_group_external_names")
public func rvGroupExternalNames(_ group: rv_handle?,
                                 _ out: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> rv_status {
    notImplemented("rv_group_external_names")
}

@_cdecl("rv_code_external_names")
public func rvCodeExternalNames(_ group: rv_handle?, _ code: UnsafePointer<CChar>?, _ isExpression: Int32,
                                _ out: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> rv_status {
    notImplemented("rv_code_external_names")
}

@_cdecl("rv_group_execute")
public func rvGroupExecute(_ group: rv_handle?, _ code: UnsafePointer<CChar>?, _ indices: UnsafePointer<Int64>?,
                           _ nIndices: Int64, _ ns: rv_handle?) -> rv_status {
    notImplemented("rv_group_execute")
}

@_cdecl("rv_group_evaluate")
public func rvGroupEvaluate(_ group: rv_handle?, _ expression: UnsafePointer<CChar>?,
                            _ indices: UnsafePointer<Int64>?, _ nIndices: Int64, _ ns: rv_handle?,
                            _ out: UnsafeMutablePointer<Double>?) -> rv_status {
    notImplemented("rv_group_evaluate")
}

@_cdecl("rv_object_variable_names")
public func rvObjectVariableNames(_ object: rv_handle?,
                                  _ out: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> rv_status {
    notImplemented("rv_object_variable_names")
}

@_cdecl("rv_object_variable")
public func rvObjectVariable(_ object: rv_handle?, _ name: UnsafePointer<CChar>?,
                             _ out: UnsafeMutablePointer<rv_array>?) -> rv_status {
    notImplemented("rv_object_variable")
}

@_cdecl("rv_group_variable_dimensions")
public func rvGroupVariableDimensions(_ group: rv_handle?, _ name: UnsafePointer<CChar>?,
                                      _ dimensions: UnsafeMutablePointer<Double>?,
                                      _ kind: UnsafeMutablePointer<Int32>?) -> rv_status {
    notImplemented("rv_group_variable_dimensions")
}

@_cdecl("rv_object_size")
public func rvObjectSize(_ object: rv_handle?, _ out: UnsafeMutablePointer<Int64>?) -> rv_status {
    notImplemented("rv_object_size")
}

// MARK: - monitors

@_cdecl("rv_statemonitor_create")
public func rvStateMonitorCreate(_ group: rv_handle?, _ variables: UnsafePointer<CChar>?,
                                 _ indices: UnsafePointer<Int64>?, _ nIndices: Int64,
                                 _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    notImplemented("rv_statemonitor_create")
}

@_cdecl("rv_spikemonitor_create")
public func rvSpikeMonitorCreate(_ group: rv_handle?, _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    notImplemented("rv_spikemonitor_create")
}

// MARK: - scheduling and running

@_cdecl("rv_object_set_schedule")
public func rvObjectSetSchedule(_ object: rv_handle?, _ when: UnsafePointer<CChar>?, _ order: Int32) -> rv_status {
    notImplemented("rv_object_set_schedule")
}

@_cdecl("rv_network_create")
public func rvNetworkCreate(_ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    notImplemented("rv_network_create")
}

@_cdecl("rv_network_set_dt")
public func rvNetworkSetDt(_ network: rv_handle?, _ dt: Double) -> rv_status {
    notImplemented("rv_network_set_dt")
}

@_cdecl("rv_network_time")
public func rvNetworkTime(_ network: rv_handle?, _ t: UnsafeMutablePointer<Double>?,
                          _ dt: UnsafeMutablePointer<Double>?) -> rv_status {
    notImplemented("rv_network_time")
}

@_cdecl("rv_network_set_time")
public func rvNetworkSetTime(_ network: rv_handle?, _ t: Double) -> rv_status {
    notImplemented("rv_network_set_time")
}

@_cdecl("rv_network_run")
public func rvNetworkRun(_ network: rv_handle?, _ objects: UnsafePointer<rv_handle?>?, _ nObjects: Int64,
                         _ duration: Double, _ ns: rv_handle?, _ poll: rv_poll_callback?,
                         _ pollContext: UnsafeMutableRawPointer?) -> rv_status {
    notImplemented("rv_network_run")
}
