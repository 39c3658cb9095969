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
    /// A per-element array, read (and written) in place when it holds doubles, else converted
    /// block by block.
    case array(ValueBuffer)
    /// A single stored value broadcast to every element at the start of each execution.
    case sharedArray(ValueBuffer)
    /// A scalar that changes between executions (the time `t`).
    case scalar(ScalarCell)
    /// The element index `i`.
    case index
    /// A per-element array of another group, reached through an index map (a synapse's
    /// presynaptic or postsynaptic neuron): element `e` reads `buffer[map[e]]`.
    case mappedArray(ValueBuffer, IndexMap)
    /// The mapped index itself (a synapse's `i` or `j`).
    case mappedIndex(IndexMap)
}

/// Indices from one element space into another (e.g. synapse -> presynaptic neuron). Growable, so
/// connect() can add synapses; programs read `pointer` when they start executing.
public typealias IndexMap = GrowableArray<Int32>

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
    /// Index maps through which steps write (e.g. a synapse program writing `v_post`).
    public var writtenMaps: [IndexMap] {
        var maps: [IndexMap] = []
        for s in writtenArraySlots {
            if case .mappedArray(_, let map) = slots[s], !maps.contains(where: { $0 === map }) { maps.append(map) }
        }
        return maps
    }
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
            switch slots[dst] {
            case .array, .mappedArray: written.insert(dst)
            default: break
            }
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
            runBlock(ContiguousElements(start: start), n: n, position: start, afterBlock: afterBlock)
            start += n
        }
        restoreScratchPointers()
    }

    /// Runs the program for the listed elements only, gathering arrays before and scattering
    /// written arrays after each block. Indices must be valid for every array (checked by callers),
    /// and written mapped arrays must not receive two writes to one target within a call unless
    /// the caller splits the list (see `SynapticPathway`).
    public func execute(indices: UnsafeBufferPointer<Int>, afterBlock: ((Block) -> Void)? = nil) {
        prepareBroadcasts()
        var start = 0
        while start < indices.count {
            let n = Swift.min(blockSize, indices.count - start)
            runBlock(GatheredElements(indices: indices.baseAddress! + start), n: n, position: start, afterBlock: afterBlock)
            start += n
        }
    }

    @inline(__always)
    private func runBlock<E: ElementSelection>(_ elements: E, n: Int, position: Int, afterBlock: ((Block) -> Void)?) {
        for (s, kind) in slots.enumerated() {
            switch kind {
            case .array(let buffer):
                if let start = elements.contiguousStart, let values = buffer.doubles {
                    pointers[s] = values + start
                } else {
                    buffer.load(elements, into: pointers[s], count: n)
                }
            case .mappedArray(let buffer, let map):
                buffer.load(MappedElements(map: map.storage.pointer, elements: elements), into: pointers[s], count: n)
            case .index:
                let dst = pointers[s]
                for k in 0..<n { dst[k] = Double(elements[k]) }
            case .mappedIndex(let map):
                let dst = pointers[s], m = map.storage.pointer
                for k in 0..<n { dst[k] = Double(m[elements[k]]) }
            default:
                break
            }
        }
        runSteps(n)
        for s in writtenArraySlots {
            let src = pointers[s]
            switch slots[s] {
            case .array(let buffer) where elements.contiguousStart == nil || buffer.doubles == nil:
                buffer.store(src, at: elements, count: n)
            case .mappedArray(let buffer, let map):
                buffer.store(src, at: MappedElements(map: map.storage.pointer, elements: elements), count: n)
            default:
                break
            }
        }
        afterBlock?(Block(start: position, count: n, pointers: pointers))
    }

    private func prepareBroadcasts() {
        for (s, kind) in slots.enumerated() {
            switch kind {
            case .sharedArray(let buffer): pointers[s].update(repeating: buffer[0], count: blockSize)
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

/// Which elements a block covers: a contiguous range or a list of indices.
protocol ElementSelection {
    /// The first element when the block is contiguous (arrays can then be used in place).
    var contiguousStart: Int? { get }
    subscript(_ k: Int) -> Int { get }
}

struct ContiguousElements: ElementSelection {
    let start: Int
    var contiguousStart: Int? { start }
    subscript(_ k: Int) -> Int { start + k }
}

struct GatheredElements: ElementSelection {
    let indices: UnsafePointer<Int>
    var contiguousStart: Int? { nil }
    subscript(_ k: Int) -> Int { indices[k] }
}

/// The elements an index map gives for a selection (a synapse's neuron, for each synapse of a block).
struct MappedElements<Selection: ElementSelection>: ElementSelection {
    let map: UnsafeMutablePointer<Int32>
    let elements: Selection
    var contiguousStart: Int? { nil }
    subscript(_ k: Int) -> Int { Int(map[elements[k]]) }
}
