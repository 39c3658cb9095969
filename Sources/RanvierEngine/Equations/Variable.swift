/// How a variable's values are stored. The engine computes in double precision whatever the
/// storage; values are converted when loaded and rounded when stored.
public enum ElementType: Sendable {
    /// 8-byte floats (Brian2's default `float64`).
    case float64
    /// 4-byte floats (`prefs.core.default_float_dtype = float32`).
    case float32
    /// One byte, 0 or 1 (`not_refractory` and `boolean` variables, like Brian2's `bool`), read as
    /// `Flag`.
    case bool
    /// 4-byte signed integers (`integer` variables, Brian2's `int32`).
    case int32

    /// Whether values are floats (`float64` or `float32`), which the native kernels handle.
    public var isFloatingPoint: Bool { self == .float64 || self == .float32 }

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .float64: return 8
        case .float32, .int32: return 4
        case .bool: return 1
        }
    }
}

/// A type values can be stored as: converts to and from the `Double` the engine computes in.
protocol StoredValue {
    init(storing value: Double)
    var asDouble: Double { get }
}

extension Double: StoredValue {
    @inline(__always) init(storing value: Double) { self = value }
    @inline(__always) var asDouble: Double { self }
}

extension Float: StoredValue {
    @inline(__always) init(storing value: Double) { self = Float(value) }
    @inline(__always) var asDouble: Double { Double(self) }
}

extension Int32: StoredValue {
    /// Truncates toward zero, as Brian2's generated code and numpy convert a float to `int32`; NaN and
    /// values outside the range become `Int32.min`, the value x86-64 conversions give (never a trap).
    @inline(__always) init(storing value: Double) {
        self = value > -2147483649.0 && value < 2147483648.0 ? Int32(value.rounded(.towardZero)) : .min
    }
    @inline(__always) var asDouble: Double { Double(self) }
}

/// The byte of a `.bool` element: 1 for true, 0 for false. A byte rather than `Bool` so that kernels
/// compare it with 0, which vectorises into one mask per block of flags.
public typealias Flag = UInt8

extension Flag: StoredValue {
    @inline(__always) init(storing value: Double) { self = value != 0 ? 1 : 0 }
    @inline(__always) var asDouble: Double { self != 0 ? 1 : 0 }
}

/// Contiguous storage for one per-element variable, allocated once so its address never moves
/// (Python reads and writes it zero-copy).
public final class ValueBuffer {
    /// The first element; valid for the buffer's lifetime.
    public let raw: UnsafeMutableRawPointer
    public let elementType: ElementType
    /// Number of elements.
    public let count: Int

    /// The buffer a view reads through (kept alive by the view); nil for buffers that own memory.
    private let viewed: ValueBuffer?

    /// Allocates `count` elements set to `initial`.
    public init(count: Int, type: ElementType = .float64, initial: Double = 0) {
        self.count = count
        elementType = type
        raw = .allocate(byteCount: Swift.max(count, 1) * type.byteCount, alignment: 8)
        viewed = nil
        fill(with: initial, count: Swift.max(count, 1))
    }

    /// A view of `count` elements of `buffer` starting at `offset` (a subgroup's slice).
    public init(viewing buffer: ValueBuffer, offset: Int, count: Int) {
        self.count = count
        elementType = buffer.elementType
        raw = buffer.raw + offset * buffer.elementType.byteCount
        viewed = buffer
    }

    deinit { if viewed == nil { raw.deallocate() } }

    private func fill(with value: Double, count: Int) {
        switch elementType {
        case .float64: raw.initializeMemory(as: Double.self, repeating: value, count: count)
        case .float32: raw.initializeMemory(as: Float.self, repeating: Float(value), count: count)
        case .bool: raw.initializeMemory(as: Flag.self, repeating: Flag(storing: value), count: count)
        case .int32: raw.initializeMemory(as: Int32.self, repeating: Int32(storing: value), count: count)
        }
    }

    /// The elements as `T`, which must be the buffer's element type.
    @inline(__always) func typed<T: StoredValue>(_: T.Type) -> UnsafeMutablePointer<T> {
        raw.assumingMemoryBound(to: T.self)
    }

    /// The elements as doubles when they are stored as such (nil otherwise).
    public var doubles: UnsafeMutablePointer<Double>? {
        elementType == .float64 ? raw.assumingMemoryBound(to: Double.self) : nil
    }

    /// One element as a double (for set-up code, not for per-step loops).
    public subscript(_ k: Int) -> Double {
        get {
            switch elementType {
            case .float64: return typed(Double.self)[k]
            case .float32: return typed(Float.self)[k].asDouble
            case .bool: return typed(Flag.self)[k].asDouble
            case .int32: return typed(Int32.self)[k].asDouble
            }
        }
        set {
            switch elementType {
            case .float64: typed(Double.self)[k] = newValue
            case .float32: typed(Float.self)[k] = Float(storing: newValue)
            case .bool: typed(Flag.self)[k] = Flag(storing: newValue)
            case .int32: typed(Int32.self)[k] = Int32(storing: newValue)
            }
        }
    }

    /// Every element as doubles (a copy).
    public var allValues: [Double] { (0..<count).map { self[$0] } }

    /// Converts `n` elements at `positions` into `out`.
    @inline(__always) func load<E: ElementSelection>(_ positions: E, into out: UnsafeMutablePointer<Double>, count n: Int) {
        switch elementType {
        case .float64: let p = typed(Double.self); for k in 0..<n { out[k] = p[positions[k]] }
        case .float32: let p = typed(Float.self); for k in 0..<n { out[k] = p[positions[k]].asDouble }
        case .bool: let p = typed(Flag.self); for k in 0..<n { out[k] = p[positions[k]].asDouble }
        case .int32: let p = typed(Int32.self); for k in 0..<n { out[k] = p[positions[k]].asDouble }
        }
    }

    /// Stores `n` values from `values` at `positions`, rounding to the element type.
    @inline(__always) func store<E: ElementSelection>(_ values: UnsafePointer<Double>, at positions: E, count n: Int) {
        switch elementType {
        case .float64: let p = typed(Double.self); for k in 0..<n { p[positions[k]] = values[k] }
        case .float32: let p = typed(Float.self); for k in 0..<n { p[positions[k]] = Float(storing: values[k]) }
        case .bool: let p = typed(Flag.self); for k in 0..<n { p[positions[k]] = Flag(storing: values[k]) }
        case .int32: let p = typed(Int32.self); for k in 0..<n { p[positions[k]] = Int32(storing: values[k]) }
        }
    }

    /// Copies the first `n` elements of `other` (same element type) into this buffer.
    func copyElements(from other: ValueBuffer, count n: Int) {
        raw.copyMemory(from: other.raw, byteCount: n * elementType.byteCount)
    }
}

/// A named quantity of a group: a state variable, parameter, subexpression or internal variable.
public final class Variable {
    /// What defines the variable.
    public enum Role: Equatable {
        case differential, parameter, subexpression, `internal`
    }

    public let name: String
    public let dimension: Dimension
    public let role: Role
    public let isBoolean: Bool
    public let isInteger: Bool
    public let isShared: Bool
    public let isConstant: Bool
    /// Values (one per element, or one for shared variables); nil for subexpressions. Replaced by a
    /// larger buffer when synapses are added (the old buffer stays valid for views still holding it).
    public internal(set) var storage: ValueBuffer?

    /// Creates a variable; storage is allocated for every role but subexpressions, as bytes for
    /// boolean variables, as `int32` for integer ones and as `floatType` otherwise.
    public init(name: String, dimension: Dimension, role: Role, size: Int, isBoolean: Bool = false,
                isInteger: Bool = false, isShared: Bool = false, isConstant: Bool = false, initial: Double = 0,
                floatType: ElementType = .float64) {
        self.name = name
        self.dimension = dimension
        self.role = role
        self.isBoolean = isBoolean
        self.isInteger = isInteger
        self.isShared = isShared
        self.isConstant = isConstant
        self.floatType = floatType
        storage = role == .subexpression ? nil : ValueBuffer(count: isShared ? 1 : size, type: isBoolean ? .bool : isInteger ? .int32 : floatType, initial: initial)
        self.initial = initial
    }

    /// A variable sharing this one's storage for elements `offset..<offset+count`.
    func view(offset: Int, count: Int) -> Variable {
        let variable = Variable(name: name, dimension: dimension, role: role, size: 0, isBoolean: isBoolean,
                                isInteger: isInteger, isShared: isShared, isConstant: isConstant, initial: initial, floatType: floatType)
        if let storage {
            variable.storage = isShared ? storage : ValueBuffer(viewing: storage, offset: offset, count: count)
        }
        return variable
    }

    /// The value new elements start with.
    let initial: Double
    /// How non-boolean values are stored.
    let floatType: ElementType

    /// Grows per-element storage to `count` elements, keeping existing values.
    func resize(to count: Int) {
        guard let old = storage, !isShared, count != old.count else { return }
        let grown = ValueBuffer(count: count, type: old.elementType, initial: initial)
        grown.copyElements(from: old, count: Swift.min(old.count, count))
        storage = grown
    }
}
