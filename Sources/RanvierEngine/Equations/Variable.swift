/// Contiguous storage for one per-element variable, allocated once so its address never moves
/// (Python reads and writes it zero-copy).
public final class DoubleBuffer {
    /// The first element; valid for the buffer's lifetime.
    public let pointer: UnsafeMutablePointer<Double>
    /// Number of elements.
    public let count: Int

    /// Allocates `count` elements set to `initial`.
    public init(count: Int, initial: Double = 0) {
        self.count = count
        pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: initial, count: Swift.max(count, 1))
    }

    deinit { pointer.deallocate() }

    /// A buffer view for Swift code.
    public var values: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: pointer, count: count) }
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
    public internal(set) var storage: DoubleBuffer?

    /// Creates a variable; storage is allocated for every role but subexpressions.
    public init(name: String, dimension: Dimension, role: Role, size: Int, isBoolean: Bool = false,
                isInteger: Bool = false, isShared: Bool = false, isConstant: Bool = false, initial: Double = 0) {
        self.name = name
        self.dimension = dimension
        self.role = role
        self.isBoolean = isBoolean
        self.isInteger = isInteger
        self.isShared = isShared
        self.isConstant = isConstant
        storage = role == .subexpression ? nil : DoubleBuffer(count: isShared ? 1 : size, initial: initial)
        self.initial = initial
    }

    /// The value new elements start with.
    let initial: Double

    /// Grows per-element storage to `count` elements, keeping existing values.
    func resize(to count: Int) {
        guard let old = storage, !isShared, count != old.count else { return }
        let grown = DoubleBuffer(count: count, initial: initial)
        grown.pointer.update(from: old.pointer, count: Swift.min(old.count, count))
        storage = grown
    }
}
