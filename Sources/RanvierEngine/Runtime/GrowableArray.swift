/// One fixed allocation of `T`, freed when the last reference goes; handed to Python as the owner of
/// the memory a numpy view points at.
public final class Allocation<T> {
    public let pointer: UnsafeMutablePointer<T>
    public let capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
    }

    deinit { pointer.deallocate() }
}

/// An append-only array for monitor recordings. Growing moves the data to a new `Allocation`; views
/// of the old one stay valid (showing the data recorded up to then) while their owner is held.
public final class GrowableArray<T> {
    public private(set) var storage: Allocation<T>
    public private(set) var count = 0

    public init() { storage = Allocation(capacity: 16) }

    /// Makes room for `extra` more elements without further allocation.
    public func reserve(_ extra: Int) {
        let needed = count + extra
        guard needed > storage.capacity else { return }
        grow(to: Swift.max(needed, storage.capacity * 2))
    }

    /// Makes room for `extra` more elements, like `reserve`, but when growth has added up (see
    /// `MemoryGuard.needsCheck`) first asks `MemoryGuard` whether the new allocation fits (doubling,
    /// else growing by an eighth), and throws a `.memory` error naming `what` and `advice` when even
    /// the smaller one does not: the elements stay as they are. For arrays that grow during a run;
    /// costs a comparison when no growth is needed.
    @inline(__always)
    public func makeRoom(_ extra: Int, for what: @autoclosure () -> String, advice: @autoclosure () -> String) throws {
        guard count + extra > storage.capacity else { return }
        try growChecked(extra, for: what(), advice: advice())
    }

    /// The slow path of `makeRoom` (small growths are checked only once they add up, see `MemoryGuard.needsCheck`).
    @inline(never)
    private func growChecked(_ extra: Int, for what: String, advice: String) throws {
        let (needed, overflow) = count.addingReportingOverflow(extra)
        let size = Double(MemoryLayout<T>.stride)
        guard !overflow else { throw RanvierError(.memory, "\(what) would need more memory than any machine has. \(advice)") }
        let doubled = Swift.max(needed, storage.capacity * 2), modest = Swift.max(needed, storage.capacity + storage.capacity / 8)
        let doubledBytes = Double(doubled) * size
        guard MemoryGuard.needsCheck(forGrowth: doubledBytes), !MemoryGuard.fits(doubledBytes + MemoryGuard.runHeadroomBytes) else {
            return grow(to: doubled)
        }
        try MemoryGuard.check(Double(modest) * size + MemoryGuard.runHeadroomBytes, for: what, advice: advice)
        grow(to: modest)
    }

    private func grow(to capacity: Int) {
        let grown = Allocation<T>(capacity: capacity)
        grown.pointer.initialize(from: storage.pointer, count: count)
        storage = grown
    }

    @inline(__always)
    public func append(_ value: T) {
        if count == storage.capacity { reserve(1) }
        (storage.pointer + count).initialize(to: value)
        count += 1
    }

    /// Appends `n` values produced by `fill`, which writes into the destination pointer.
    @inline(__always)
    public func append(count n: Int, _ fill: (UnsafeMutablePointer<T>) -> Void) {
        guard n > 0 else { return }
        reserve(n)
        fill(storage.pointer + count)
        count += n
    }

    /// Forgets every element (the memory stays allocated).
    public func removeAll() { count = 0 }

    /// Replaces the elements with `n` values written by `fill`, in the current memory when it has room
    /// (views of it see the new values), else in new memory.
    public func assign(count n: Int, _ fill: (UnsafeMutablePointer<T>) -> Void) {
        guard n <= storage.capacity else { return replaceAll(count: n, fill) }
        fill(storage.pointer)
        count = n
    }

    /// Replaces the elements with `n` values written by `fill` into new memory (views of the old
    /// memory keep showing the old elements, as after growing).
    public func replaceAll(count n: Int, _ fill: (UnsafeMutablePointer<T>) -> Void) {
        let replaced = Allocation<T>(capacity: Swift.max(n, 16))
        fill(replaced.pointer)
        storage = replaced
        count = n
    }

    /// The elements as a Swift array (a copy; for tests and small reads).
    public var elements: [T] { Array(UnsafeBufferPointer(start: storage.pointer, count: count)) }
}

