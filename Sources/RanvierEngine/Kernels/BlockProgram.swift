/// A mutable scalar shared between the network and compiled programs (the current time `t`).
public final class ScalarCell {
    public var value: Double
    public init(_ value: Double = 0) { self.value = value }
}

/// Where the values of one program slot come from.
public enum SlotKind {
    /// Scratch block for intermediate results.
    case register
    /// A value fixed for the program's lifetime, broadcast once.
    case constant(Double)
    /// A per-element array, read (and written) in place or gathered by index.
    case array(DoubleBuffer)
    /// A single stored value broadcast to every element at the start of each execution.
    case sharedArray(DoubleBuffer)
    /// A scalar that changes between executions (the time `t`).
    case scalar(ScalarCell)
    /// The element index `i`.
    case index
}

/// One step of a program, applied to a whole block of elements at once.
public enum ProgramStep {
    /// `slots[dst] = kernel(slots[a], slots[b], slots[c])` for every element of the block.
    case compute(BlockKernel, dst: Int, a: Int, b: Int, c: Int)
    /// `slots[dst] = slots[src]`.
    case copy(dst: Int, src: Int)
}

/// Number of elements processed per step: large enough to amortise per-step dispatch, small enough
/// for every register of a typical model to stay in the L1/L2 cache.
public let blockSize = 256

/// A compiled piece of model code: slots (registers, constants, arrays) and the block steps over them.
///
/// Programs are built by `ProgramBuilder` and run by `execute`; each owns its scratch memory, so a
/// program must not run on two threads at once.
public final class BlockProgram {
    public let slots: [SlotKind]
    public let steps: [ProgramStep]
    /// Array slots that steps write, scattered back after each block when running on gathered indices.
    let writtenArraySlots: [Int]
    /// Slot holding the value of the last compiled expression, if the caller asked for one.
    public let resultSlot: Int?

    private let pointers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    private let scratch: UnsafeMutablePointer<Double>
    private let scratchOffset: [Int]

    init(slots: [SlotKind], steps: [ProgramStep], resultSlot: Int?) {
        self.slots = slots
        self.steps = steps
        self.resultSlot = resultSlot
        var written = Set<Int>()
        for step in steps {
            let dst: Int
            switch step {
            case .compute(_, let d, _, _, _): dst = d
            case .copy(let d, _): dst = d
            }
            if case .array = slots[dst] { written.insert(dst) }
        }
        writtenArraySlots = written.sorted()
        // Every slot gets a scratch block (+1 dummy block for unused operands), so gathered arrays and
        // broadcasts need no allocation while running.
        scratchOffset = (0...slots.count).map { $0 * blockSize }
        scratch = .allocate(capacity: (slots.count + 1) * blockSize)
        scratch.initialize(repeating: 0, count: (slots.count + 1) * blockSize)
        pointers = .allocate(capacity: slots.count + 1)
        for s in 0...slots.count { pointers[s] = scratch + scratchOffset[s] }
        for (s, kind) in slots.enumerated() {
            if case .constant(let value) = kind { (scratch + scratchOffset[s]).update(repeating: value, count: blockSize) }
        }
    }

    deinit {
        scratch.deallocate()
        pointers.deallocate()
    }

    /// A view of one block during execution, for callers that consume results (e.g. spike detection).
    public struct Block {
        /// First element index (contiguous runs) or position in the index list (gathered runs).
        public let start: Int
        public let count: Int
        let pointers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
        /// The values of a slot for this block.
        public func values(_ slot: Int) -> UnsafeMutablePointer<Double> { pointers[slot] }
    }

    /// Runs the program over elements `0..<count`, reading and writing arrays in place.
    public func execute(count: Int, afterBlock: ((Block) -> Void)? = nil) {
        prepareBroadcasts()
        var start = 0
        while start < count {
            let n = Swift.min(blockSize, count - start)
            for (s, kind) in slots.enumerated() {
                switch kind {
                case .array(let buffer): pointers[s] = buffer.pointer + start
                case .index: fillIndex(s, n) { Double(start + $0) }
                default: break
                }
            }
            runSteps(n)
            afterBlock?(Block(start: start, count: n, pointers: pointers))
            start += n
        }
        restoreScratchPointers()
    }

    /// Runs the program for the listed elements only, gathering arrays before and scattering
    /// written arrays after each block. Indices must be valid for every array (checked by callers).
    public func execute(indices: UnsafeBufferPointer<Int>, afterBlock: ((Block) -> Void)? = nil) {
        prepareBroadcasts()
        var start = 0
        while start < indices.count {
            let n = Swift.min(blockSize, indices.count - start)
            let idx = indices.baseAddress! + start
            for (s, kind) in slots.enumerated() {
                switch kind {
                case .array(let buffer):
                    let dst = pointers[s]
                    for k in 0..<n { dst[k] = buffer.pointer[idx[k]] }
                case .index: fillIndex(s, n) { Double(idx[$0]) }
                default: break
                }
            }
            runSteps(n)
            for s in writtenArraySlots {
                guard case .array(let buffer) = slots[s] else { continue }
                let src = pointers[s]
                for k in 0..<n { buffer.pointer[idx[k]] = src[k] }
            }
            afterBlock?(Block(start: start, count: n, pointers: pointers))
            start += n
        }
    }

    @inline(__always)
    private func fillIndex(_ slot: Int, _ n: Int, _ value: (Int) -> Double) {
        let dst = pointers[slot]
        for k in 0..<n { dst[k] = value(k) }
    }

    private func prepareBroadcasts() {
        for (s, kind) in slots.enumerated() {
            switch kind {
            case .sharedArray(let buffer): pointers[s].update(repeating: buffer.pointer[0], count: blockSize)
            case .scalar(let cell): pointers[s].update(repeating: cell.value, count: blockSize)
            default: break
            }
        }
    }

    private func restoreScratchPointers() {
        for (s, kind) in slots.enumerated() {
            if case .array = kind { pointers[s] = scratch + scratchOffset[s] }
        }
    }

    @inline(__always)
    private func runSteps(_ n: Int) {
        for step in steps {
            switch step {
            case .compute(let kernel, let dst, let a, let b, let c):
                kernel(pointers[dst], pointers[a], pointers[b], pointers[c], n)
            case .copy(let dst, let src):
                pointers[dst].update(from: pointers[src], count: n)
            }
        }
    }
}
