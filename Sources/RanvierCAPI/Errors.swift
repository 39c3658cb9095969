import CRanvier
import Glibc
import RanvierEngine

/// Each thread owns its message buffer; the key's destructor frees it when the thread exits.
private let lastErrorKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { free($0) }
    return key
}()

/// Returned when the thread has not failed yet, so callers never receive NULL.
private let emptyMessage: UnsafePointer<CChar> = UnsafePointer(strdup("")!)

/// Replaces the calling thread's last-error message.
func setLastError(_ message: String) {
    let copy = strdup(message)
    free(pthread_getspecific(lastErrorKey))
    pthread_setspecific(lastErrorKey, copy)
}

/// Runs one C-API entry point: any `RanvierError` becomes its status and the thread's message,
/// so no engine failure ever crosses into C as a trap.
func guarded(_ function: String, _ body: () throws -> Void) -> rv_status {
    do {
        try body()
        return RV_OK
    } catch let error as RanvierError {
        setLastError(error.message)
        return error.kind.rawValue
    } catch {
        setLastError("\(function): \(error)")
        return RV_ERR_VALUE
    }
}

/// Fails with a value error naming the NULL argument.
func require<T>(_ value: T?, _ what: String, in function: String) throws -> T {
    guard let value else { throw RanvierError(.value, "\(function): \(what) is NULL") }
    return value
}

/// A Swift string from a C argument, failing clearly on NULL.
func string(_ pointer: UnsafePointer<CChar>?, _ what: String, in function: String) throws -> String {
    String(cString: try require(pointer, what, in: function))
}

@_cdecl("rv_last_error")
public func rvLastError() -> UnsafePointer<CChar>? {
    guard let message = pthread_getspecific(lastErrorKey) else { return emptyMessage }
    return UnsafePointer(message.assumingMemoryBound(to: CChar.self))
}

@_cdecl("rv_api_version")
public func rvApiVersion(_ major: UnsafeMutablePointer<Int32>?, _ minor: UnsafeMutablePointer<Int32>?,
                         _ patch: UnsafeMutablePointer<Int32>?) -> rv_status {
    guarded("rv_api_version") {
        try require(major, "major", in: "rv_api_version").pointee = RV_API_VERSION_MAJOR
        try require(minor, "minor", in: "rv_api_version").pointee = RV_API_VERSION_MINOR
        try require(patch, "patch", in: "rv_api_version").pointee = RV_API_VERSION_PATCH
    }
}
