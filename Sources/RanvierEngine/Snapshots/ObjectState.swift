/// Element types of the arrays a snapshot holds. The raw values are the type codes of the snapshot
/// file format (see `SnapshotFile`), so they never change.
public enum StateElementType: UInt8, Sendable {
    case float64 = 0, float32 = 1, uint8 = 2, int32 = 3, int64 = 4, uint64 = 5

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .float64, .int64, .uint64: return 8
        case .float32, .int32: return 4
        case .uint8: return 1
        }
    }
}

/// A type a snapshot array can hold.
public protocol StateElement {
    static var stateType: StateElementType { get }
}

extension Double: StateElement { public static var stateType: StateElementType { .float64 } }
extension Float: StateElement { public static var stateType: StateElementType { .float32 } }
extension UInt8: StateElement { public static var stateType: StateElementType { .uint8 } }
extension Int32: StateElement { public static var stateType: StateElementType { .int32 } }
extension Int: StateElement { public static var stateType: StateElementType { .int64 } }
extension UInt64: StateElement { public static var stateType: StateElementType { .uint64 } }

/// One array of a snapshot: a copy of an engine array's elements, with their type.
public struct StateArray {
    public let type: StateElementType
    public let count: Int
    /// The elements' bytes (`count * type.byteCount`), in the host's (little-endian) order.
    public let bytes: [UInt8]

    /// A copy of `count` elements at `pointer`.
    public init<T: StateElement>(copying pointer: UnsafePointer<T>, count: Int) {
        self.init(type: T.stateType, count: count,
                  bytes: Array(UnsafeRawBufferPointer(start: pointer, count: count * MemoryLayout<T>.stride)))
    }

    /// A copy of `values`.
    public init<T: StateElement>(_ values: [T]) {
        self = values.withUnsafeBufferPointer { StateArray(copying: $0.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: $0.count) }
    }

    /// An array of raw bytes already laid out as `count` elements of `type` (read from a file).
    init(type: StateElementType, count: Int, bytes: [UInt8]) {
        self.type = type
        self.count = count
        self.bytes = bytes
    }

    /// Copies the elements to `destination`, which has room for `count` elements of type `T`.
    public func copy<T: StateElement>(to destination: UnsafeMutablePointer<T>) {
        bytes.withUnsafeBytes { UnsafeMutableRawPointer(destination).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }

    /// The elements as `T` (a copy), which must be the array's type.
    public func values<T: StateElement>(_: T.Type) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { copy(to: base) }
            initialized = count
        }
    }
}

/// The state of one object in a snapshot: named arrays, in the order the object listed them.
public final class ObjectState {
    /// The arrays' names, in the order they were added (the order a file lists them in).
    public private(set) var names: [String] = []
    private var arrays: [String: StateArray] = [:]

    /// An empty state (an object without state of its own, such as a subgroup, keeps it so).
    public init() {}

    /// Adds (or replaces) the array `name`.
    public func set(_ name: String, _ array: StateArray) {
        if arrays[name] == nil { names.append(name) }
        arrays[name] = array
    }

    /// The array `name`, if the state has one.
    public subscript(_ name: String) -> StateArray? { arrays[name] }

    /// The array `name`, checked to hold elements of type `T` and, if given, `count` of them;
    /// `owner` names the object in the error (a file written for another model fails here).
    public func array<T: StateElement>(_ name: String, as type: T.Type, count: Int? = nil, of owner: String) throws -> StateArray {
        guard let array = arrays[name] else {
            throw RanvierError(.unknownIdentifier, "The stored state of \(owner) has no array '\(name)' (it was stored from a different model)")
        }
        return try ObjectState.checked(array, name: name, as: type, count: count, of: owner)
    }

    /// `array`, checked to hold elements of type `T` (and `count` of them, if given).
    static func checked<T: StateElement>(_ array: StateArray, name: String, as _: T.Type, count: Int?, of owner: String) throws -> StateArray {
        guard array.type == T.stateType else {
            throw RanvierError(.value, "The stored array '\(name)' of \(owner) holds \(array.type) values, expected \(T.stateType)")
        }
        if let count, array.count != count {
            throw RanvierError(.value, "The stored array '\(name)' of \(owner) has \(array.count) elements, but the object has \(count) (it was stored from a different model)")
        }
        return array
    }

    /// Total bytes of the arrays' elements.
    public var byteCount: Int { arrays.values.reduce(0) { $0 + $1.bytes.count } }
}

/// An engine object with state that `store()`/`restore()` keep: each object type lists its own.
public protocol Snapshotting: AnyObject {
    /// A copy of the object's state.
    func snapshotState() -> ObjectState
    /// Checks that `state` fits this object and returns what restores it. Nothing changes until the
    /// returned closure runs, so a network restores either every object or none.
    func restoration(from state: ObjectState) throws -> () -> Void
}
