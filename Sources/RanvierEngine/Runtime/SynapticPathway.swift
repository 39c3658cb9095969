/// Runs one pathway of a `Synapses` object each step, in Brian2's `synapses` slot: pushes the
/// synapses of this step's source spikes into the spike queue (with their delays), then executes the
/// pathway code for the synapses due now.
final class SynapticPathway {
    /// Spikes on their way; kept by the synapses so that the next run continues delivering them.
    let queue: SpikeQueue
    private let source: SpikeSource
    /// Synapses of each source neuron: `synapseList[offsets[n]..<offsets[n+1]]` (CSR, in synapse order;
    /// 32-bit, like the synapses' neuron indices, to keep memory per synapse low). When the synapses
    /// are already ordered by source neuron (as connect() makes them) the list would be 0, 1, 2...:
    /// it is left empty and the ranges are the synapse indices themselves.
    private let offsets: [Int]
    private let synapseList: [Int32]
    /// Per-synapse delays in steps; empty when every synapse has the same delay (`uniformDelay`), which
    /// saves memory and lets spikes be pushed in bulk per spiking neuron.
    private let delaySteps: [Int]
    private let uniformDelay: Int?
    private let deliver: Delivery

    /// `gates` names, for targets that may only change where a condition holds, that condition's
    /// variable (see `ProgramBuilder.compile(statements:gates:)`).
    init(synapses: Synapses, spec: PathwaySpec, code: [Statement], userCode: [Statement], gates: [String: String],
         pending: SpikeQueue?, scope: GroupScope, context: RunContext) throws {
        let description = "the \(spec.isPre ? "on_pre" : "on_post") code of \(synapses.elementDescription)" + (["pre", "post"].contains(spec.name) ? "" : " (pathway '\(spec.name)')")
        try CodeChecks.checkStatements(userCode, scope: scope, context: description)
        // addPathway checked that the triggering group spikes.
        guard let spikeSource = spec.isPre ? synapses.source : synapses.target as? SpikeSource else {
            throw RanvierError(.type, "The pathway '\(spec.name)' reacts to postsynaptic spikes, but the target group of \(synapses.elementDescription) does not spike")
        }
        source = spikeSource
        let sourceMap = spec.isPre ? synapses.preIndex : synapses.postIndex
        guard sourceMap.count <= Int(Int32.max) else {
            throw RanvierError(.value, "\(synapses.elementDescription) has more synapses than a run supports (at most 2^31 - 1)")
        }
        (offsets, synapseList) = SynapticPathway.compressedRows(sourceMap, sourceSize: source.size)
        let dt = context.dt
        let toSteps = { (delay: Double) in Int((delay / dt).rounded()) }
        if spec.isPre {
            let delays = synapses.delays
            if let bad = delays.first(where: { !$0.isFinite || $0 < 0 || $0 / dt > 1e9 }) {
                throw RanvierError(.value, "Synaptic delays must be finite, non-negative times of at most 10^9 steps; \(synapses.elementDescription) has a delay of \(bad) s")
            }
            // Per-synapse steps only when the delays differ (they cost a word per synapse).
            let first = delays.first.map(toSteps) ?? 0
            uniformDelay = delays.allSatisfy { toSteps($0) == first } ? first : nil
            delaySteps = uniformDelay == nil ? delays.map(toSteps) : []
        } else {
            // Synapses.addPathway checked that it is finite and non-negative; in steps it must fit too.
            guard spec.delay / dt <= 1e9 else {
                throw RanvierError(.value, "Synaptic delays must be finite, non-negative times of at most 10^9 steps; the pathway '\(spec.name)' of \(synapses.elementDescription) has a delay of \(spec.delay) s")
            }
            uniformDelay = toSteps(spec.delay)
            delaySteps = []
        }
        queue = try SpikeQueue(maxDelaySteps: uniformDelay ?? delaySteps.max() ?? 0)
        queue.description = "The spike queue of \(description)"
        if let pending { try queue.takePending(from: pending) }
        deliver = try SynapticPathway.compile(code, gates: gates, synapses: synapses, scope: scope, time: context.time,
                                              context: description)
    }

    /// Groups synapse indices by their source neuron; the list is empty when it would be the identity.
    static func compressedRows(_ map: IndexMap, sourceSize: Int) -> ([Int], [Int32]) {
        var offsets = [Int](repeating: 0, count: sourceSize + 1)
        let m = map.storage.pointer
        for s in 0..<map.count { offsets[Int(m[s]) + 1] += 1 }
        for n in 0..<sourceSize { offsets[n + 1] += offsets[n] }
        if (1..<Swift.max(map.count, 1)).allSatisfy({ m[$0 - 1] <= m[$0] }) { return (offsets, []) }
        var next = offsets
        var list = [Int32](repeating: 0, count: map.count)
        for s in 0..<map.count {
            let n = Int(m[s])
            list[next[n]] = Int32(truncatingIfNeeded: s)
            next[n] += 1
        }
        return (offsets, list)
    }

    /// The code as a function of the due synapse list: a native loop for `x_post += w`-style code,
    /// otherwise a block program run on conflict-free chunks (no two synapses of a chunk write the
    /// same neuron's variable), which gives the same result as processing synapses one by one.
    private static func compile(_ code: [Statement], gates: [String: String], synapses: Synapses, scope: GroupScope,
                                time: ScalarCell, context: String) throws -> Delivery {
        if gates.isEmpty, let accumulate = try accumulationKernel(code, synapses: synapses, scope: scope) { return accumulate }
        let builder = ProgramBuilder(resolver: scope, time: time, context: context)
        try builder.compile(statements: code, gates: gates)
        let program = builder.build()
        let writtenMaps = program.writtenMaps
        guard !writtenMaps.isEmpty else { return Delivery(list: { due, _ in program.execute(indices: due) }) }
        let splitter = ConflictSplitter(maps: writtenMaps.map { ($0, $0 === synapses.preIndex ? synapses.source.size : synapses.target.size) })
        return Delivery(list: { due, _ in splitter.forEachChunk(of: due) { program.execute(indices: $0) } })
    }

    /// `target_var += w` (or `+= constant`) onto a neuron variable: applied synapse by synapse, to a
    /// list of synapses or to a range of consecutive ones.
    private static func accumulationKernel(_ code: [Statement], synapses: Synapses, scope: GroupScope) throws -> Delivery? {
        guard code.count == 1, code[0].op == .add,
              case .mappedArray(let targetVariable, let map)? = scope.symbol(named: code[0].target),
              let target = targetVariable.storage, target.elementType.isFloatingPoint else { return nil }
        let neuron = map.storage.pointer
        func adding<I: SynapticIncrement>(_ increment: I) -> Delivery {
            switch target.elementType {
            case .float32: return accumulation(of: increment, into: target.typed(Float.self), count: target.count, of: neuron)
            default: return accumulation(of: increment, into: target.typed(Double.self), count: target.count, of: neuron)
            }
        }
        if case .name(let name) = code[0].value, case .array(let weight)? = scope.symbol(named: name),
           let weights = weight.storage, weights.elementType.isFloatingPoint {
            return weights.elementType == .float32 ? adding(Weights(values: weights.typed(Float.self)))
                                                   : adding(Weights(values: weights.typed(Double.self)))
        }
        guard let constant = try DimensionChecker(resolver: scope, context: "").check(code[0].value).constantValue else { return nil }
        return adding(ConstantIncrement(value: constant))
    }

    /// `target[neuron[s]] += increment(s)` for the due synapses `s` whose neuron is in the given range.
    private static func accumulation<I: SynapticIncrement, T: StoredValue>(of increment: I, into target: UnsafeMutablePointer<T>,
                                                                          count: Int, of neuron: UnsafeMutablePointer<Int32>) -> Delivery {
        func accumulate<Due: Sequence>(_ due: Due, into neurons: Range<Int>) where Due.Element == Int {
            for s in due {
                let n = Int(neuron[s])
                if neurons.contains(n) { target[n] = T(storing: target[n].asDouble + increment[s]) }
            }
        }
        return Delivery(list: { accumulate($0, into: $1) }, range: { accumulate($0, into: $1) }, targetCount: count)
    }

    func step() throws {
        let spikes = source.spikeList
        let offset = source.spikeIndexOffset
        if uniformDelay == 0, synapseList.isEmpty, let deliverRange = deliver.range {
            // No delay and synapses in source order: each spike's synapses are a range delivered at
            // once, in the order the queue would have (after anything carried over from a last run).
            let carried = queue.due
            if carried.count > 0 || spikes.count > 0 {
                deliver.inParts { neurons in
                    if carried.count > 0 { deliver.list(UnsafeBufferPointer(start: carried.storage.pointer, count: carried.count), neurons) }
                    for k in 0..<spikes.count {
                        let neuron = spikes[k] - offset
                        deliverRange(offsets[neuron]..<offsets[neuron + 1], neurons)
                    }
                }
            }
            queue.advance()
            return
        }
        try synapseList.withUnsafeBufferPointer { list in
            for k in 0..<spikes.count {
                let neuron = spikes[k] - offset
                let range = offsets[neuron]..<offsets[neuron + 1]
                switch (uniformDelay, list.isEmpty) {
                case (let delay?, true): try queue.push(range, delaySteps: delay)
                case (let delay?, false): try queue.push(UnsafeBufferPointer(rebasing: list[range]), delaySteps: delay)
                case (nil, true): for synapse in range { try queue.push(synapse, delaySteps: delaySteps[synapse]) }
                case (nil, false):
                    for position in range {
                        let synapse = Int(list[position])
                        try queue.push(synapse, delaySteps: delaySteps[synapse])
                    }
                }
            }
        }
        let due = queue.due
        if due.count > 0 { deliver.inParts { deliver.list(UnsafeBufferPointer(start: due.storage.pointer, count: due.count), $0) } }
        queue.advance()
    }
}

/// What synapse `s` adds to its target in an accumulation kernel.
private protocol SynapticIncrement {
    subscript(_ s: Int) -> Double { get }
}

/// A per-synapse weight (`x_post += w`).
private struct Weights<W: StoredValue>: SynapticIncrement {
    let values: UnsafeMutablePointer<W>
    @inline(__always) subscript(_ s: Int) -> Double { values[s].asDouble }
}

/// The same value for every synapse (`x_post += 0.5*mV`).
private struct ConstantIncrement: SynapticIncrement {
    let value: Double
    @inline(__always) subscript(_ s: Int) -> Double { value }
}

/// What a pathway does with the synapses due in a step: given as a list of indices, or (for the native
/// kernels) as a range of consecutive synapses, which needs no list. The native kernels can also
/// restrict themselves to the target neurons of a range, so that threads sharing the delivery write
/// disjoint neurons: each neuron then receives its synapses' effects in the same order as with one
/// thread, and the results do not depend on the number of threads.
struct Delivery {
    /// Applies the listed synapses to the targets in the given range of neurons.
    let list: (UnsafeBufferPointer<Int>, Range<Int>) -> Void
    /// Applies a range of synapses to the targets in the given range of neurons.
    var range: ((Range<Int>, Range<Int>) -> Void)? = nil
    /// The number of target neurons when deliveries may be split between threads by target.
    var targetCount: Int? = nil

    /// Runs `body` for ranges of target neurons covering all of them: on several threads for large
    /// target groups whose kernel restricts itself to the given neurons, else once for all.
    func inParts(_ body: (Range<Int>) -> Void) {
        guard let targetCount else { return body(0..<Int.max) }
        let pool = WorkerPool.shared, parts = pool.parts(for: targetCount)
        if parts == 1 { return body(0..<targetCount) }
        pool.forEachPart(parts) { body(WorkerPool.partition(targetCount, parts: parts, part: $0)) }
    }
}

/// Splits a list of synapses into consecutive chunks in which no neuron index of the written maps
/// repeats, so block execution of each chunk equals sequential execution.
final class ConflictSplitter {
    private let maps: [(map: IndexMap, stamps: UnsafeMutablePointer<Int>)]
    private var chunk = 0

    init(maps: [(IndexMap, Int)]) {
        self.maps = maps.map { map, size in
            let stamps = UnsafeMutablePointer<Int>.allocate(capacity: Swift.max(size, 1))
            stamps.initialize(repeating: -1, count: Swift.max(size, 1))
            return (map, stamps)
        }
    }

    deinit { for entry in maps { entry.stamps.deallocate() } }

    func forEachChunk(of list: UnsafeBufferPointer<Int>, _ body: (UnsafeBufferPointer<Int>) -> Void) {
        var start = 0
        chunk += 1
        for k in 0..<list.count {
            let synapse = list[k]
            let conflict = maps.contains { $0.stamps[Int($0.map.storage.pointer[synapse])] == chunk }
            if conflict {
                body(UnsafeBufferPointer(rebasing: list[start..<k]))
                start = k
                chunk += 1
            }
            for entry in maps { entry.stamps[Int(entry.map.storage.pointer[synapse])] = chunk }
        }
        if start < list.count { body(UnsafeBufferPointer(rebasing: list[start..<list.count])) }
    }
}

/// A `(summed)` variable: each step, the target neurons' variable becomes the sum over their synapses.
final class SummedVariable {
    private let program: BlockProgram
    private let value: Int
    private let targetValues: ValueBuffer
    private let map: IndexMap
    private let synapseCount: Int

    init(synapses: Synapses, declaration: ModelDefinition.Declaration, scope: GroupScope, time: ScalarCell) throws {
        let (group, name) = try synapses.summedTarget(declaration)
        guard case .subexpression(let expression) = declaration.equation.kind else {
            throw RanvierError(.syntax, "The summed variable '\(declaration.name)' must be defined by an expression")
        }
        let builder = ProgramBuilder(resolver: scope, time: time, context: "the summed variable '\(declaration.name)'")
        value = try builder.compile(expression)
        program = builder.build(result: value)
        targetValues = group.variables[name]!.storage!
        map = group === synapses.target && declaration.name.hasSuffix("_post") ? synapses.postIndex : synapses.preIndex
        synapseCount = synapses.size
    }

    func update() {
        switch targetValues.elementType {
        case .float64: update(Double.self)
        case .float32: update(Float.self)
        case .bool: update(Flag.self)
        case .int32: update(Int32.self)
        }
    }

    private func update<T: StoredValue>(_: T.Type) {
        let target = targetValues.typed(T.self)
        target.update(repeating: T(storing: 0), count: targetValues.count)
        let neuron = map.storage.pointer
        program.execute(count: synapseCount) { block in
            let values = block.values(self.value)
            for k in 0..<block.count {
                let n = Int(neuron[block.start + k])
                target[n] = T(storing: target[n].asDouble + values[k])
            }
        }
    }
}
