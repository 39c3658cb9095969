/// Contiguous storage for one per-element variable, allocated once so its address never moves
/// (Python reads and writes it zero-copy).
public final class DoubleBuffer {
    /// The first element; valid for the buffer's lifetime.
    public let pointer: UnsafeMutablePointer<Double>
    /// Number of elements.
    public let count: Int

    /// The buffer a view reads through (kept alive by the view); nil for buffers that own memory.
    private let viewed: DoubleBuffer?

    /// Allocates `count` elements set to `initial`.
    public init(count: Int, initial: Double = 0) {
        self.count = count
        pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: initial, count: Swift.max(count, 1))
        viewed = nil
    }

    /// A view of `count` elements of `buffer` starting at `offset` (a subgroup's slice).
    public init(viewing buffer: DoubleBuffer, offset: Int, count: Int) {
        self.count = count
        pointer = buffer.pointer + offset
        viewed = buffer
    }

    deinit { if viewed == nil { pointer.deallocate() } }

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

    /// A variable sharing this one's storage for elements `offset..<offset+count`.
    func view(offset: Int, count: Int) -> Variable {
        let variable = Variable(name: name, dimension: dimension, role: role, size: 0, isBoolean: isBoolean,
                                isInteger: isInteger, isShared: isShared, isConstant: isConstant, initial: initial)
        if let storage {
            variable.storage = isShared ? storage : DoubleBuffer(viewing: storage, offset: offset, count: count)
        }
        return variable
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
