import Glibc

/// Name resolution while synapses are being created: `i`, `j`, the generator's loop variable and
/// pre/postsynaptic variables refer to the candidate pairs under consideration.
struct PairScope: SymbolResolver {
    let synapses: Synapses
    let namespace: Namespace
    let pre: IndexMap
    /// Postsynaptic indices of the candidates; nil while `j` is not known yet.
    let post: IndexMap?
    let loop: (name: String, values: IndexMap)?

    func symbol(named name: String) -> Symbol? {
        switch name {
        case "i": return .mappedIndex(pre)
        case "j": return post.map { .mappedIndex($0) }
        case "N_pre": return .constant(Double(synapses.source.size), .dimensionless)
        case "N_post": return .constant(Double(synapses.target.size), .dimensionless)
        default: break
        }
        if let loop, name == loop.name { return .mappedIndex(loop.values) }
        if name.hasSuffix("_pre"), let v = synapses.source.variables[String(name.dropLast(4))], v.storage != nil {
            return .mappedArray(v, pre)
        }
        if let post, synapses.variables[name] == nil {
            let targetName = name.hasSuffix("_post") ? String(name.dropLast(5)) : name
            if let v = synapses.target.variables[targetName], v.storage != nil { return .mappedArray(v, post) }
        }
        if synapses.variables[name] != nil { return nil }
        if let entry = namespace.symbol(named: name, dt: synapses.currentDt) { return entry }
        if let value = OperationTable.constants[name] { return .constant(value, .dimensionless) }
        return nil
    }
}

/// Candidate pairs for one source neuron, held in index maps that compiled programs read.
private final class Candidates {
    let pre = IndexMap(), post = IndexMap(), loop = IndexMap()

    /// Sets the candidates to `count` pairs of source `i`, with post and loop values still empty.
    func reset(source i: Int, count: Int) {
        for map in [pre, post, loop] { map.removeAll() }
        pre.append(count: count) { $0.update(repeating: Int32(i), count: count) }
    }

    /// Sets the candidates to source `i` with the given targets and loop values.
    func set(source i: Int, post targets: [Int32], loop values: [Int32]) {
        reset(source: i, count: targets.count)
        post.append(count: targets.count) { out in targets.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: targets.count) } }
        loop.append(count: values.count) { out in values.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: values.count) } }
    }
}

extension Synapses {
    /// Creates synapses for explicit (pre, post) index pairs (`connect(i=..., j=...)`).
    public func connect(pre: [Int], post: [Int]) throws {
        guard pre.count == post.count else {
            throw RanvierError(.value, "connect(i=..., j=...) needs as many presynaptic as postsynaptic indices, got \(pre.count) and \(post.count)")
        }
        try checkRange(pre, size: source.size, side: "presynaptic", name: "i", group: "source")
        try checkRange(post, size: target.size, side: "postsynaptic", name: "j", group: "target")
        var (preIndices, postIndices) = (pre.map(Int32.init), post.map(Int32.init))
        try appendSynapses(pre: &preIndices, post: &postIndices)
    }

    private func checkRange(_ indices: [Int], size: Int, side: String, name: String, group: String) throws {
        if let bad = indices.first(where: { $0 < 0 || $0 >= size }) {
            throw RanvierError(.index, "Cannot connect: \(side) index \(name)=\(bad) is outside the \(group)'s valid range 0 to \(size - 1)")
        }
    }

    /// External names that a connect() call's code strings use.
    public func connectExternalNames(condition: String, probability: String, multiplicity: String, generator: String) throws -> [String] {
        var used = Set<String>()
        var loopVariable: String?
        for text in [condition, probability, multiplicity] where !text.trimmingSpaces().isEmpty {
            used.formUnion(try ModelParser.parseExpression(text).externalCandidates)
        }
        if !generator.trimmingSpaces().isEmpty {
            let parsed = try ConnectionGenerator.parse(generator)
            loopVariable = parsed.variable
            used.formUnion(parsed.expression.externalCandidates)
            if let condition = parsed.condition { used.formUnion(condition.externalCandidates) }
            switch parsed.iterator {
            case .range(let a, let b, let c)?: for e in [a, b, c] { used.formUnion(e.externalCandidates) }
            case .sample(let a, let b, let c, let p, let size)?: for e in [a, b, c, p, size].compactMap({ $0 }) { used.formUnion(e.externalCandidates) }
            case nil: break
            }
        }
        let scope = PairScope(synapses: self, namespace: Namespace(), pre: IndexMap(), post: IndexMap(),
                              loop: loopVariable.map { ($0, IndexMap()) })
        // Default constants (pi, e...) are reported too, so that a user's own `e` takes precedence.
        return used.filter { name in
            if name == "True" || name == "False" { return false }
            return OperationTable.constants[name] != nil || scope.symbol(named: name) == nil
        }.sorted()
    }

    /// Creates synapses from a condition, a probability and a multiplicity (strings of code, "" for
    /// none), over all pairs or over the targets a generator (`j='k for k in range(...)'`) yields.
    /// `poll` is called after every source neuron; returning true ends the call with an `.interrupted`
    /// error and no synapse created (the pairs are collected first and added only at the end).
    public func connect(condition: String, probability: String, multiplicity: String, generator: String,
                        skipIfInvalid: Bool, namespace: Namespace, poll: (() -> Bool)? = nil) throws {
        let interruption = ConnectInterruption(poll: poll)
        let parse = { (text: String) throws -> Expr? in text.trimmingSpaces().isEmpty ? nil : try ModelParser.parseExpression(text) }
        let conditionExpr = try parse(condition)
        let probabilityExpr = try parse(probability) ?? .number(1, isInteger: true)
        let multiplicityExpr = try parse(multiplicity) ?? .number(1, isInteger: true)
        let generatorSpec = generator.trimmingSpaces().isEmpty ? nil : try ConnectionGenerator.parse(generator)
        let candidates = Candidates()
        let pairScope = PairScope(synapses: self, namespace: namespace, pre: candidates.pre, post: candidates.post,
                                  loop: generatorSpec?.variable.map { ($0, candidates.loop) })
        let checker = DimensionChecker(resolver: pairScope, context: "connect()")
        if let conditionExpr { try CodeChecks.requireBoolean(conditionExpr, scope: pairScope, context: "connection condition \"\(conditionExpr.sourceText)\"") }
        for (expr, what) in [(probabilityExpr, "probability p"), (multiplicityExpr, "multiplicity n")] {
            let type = try checker.check(expr)
            guard type.dimension.isDimensionless else {
                throw RanvierError(.dimension, "The connection \(what) \"\(expr.sourceText)\" has units \(type.dimension); it must be dimensionless")
            }
        }
        var chosen = ChosenPairs()
        if generatorSpec == nil, let p = try checker.check(probabilityExpr).constantValue,
           let n = try checker.check(multiplicityExpr).constantValue,
           let rows = try sourcesPassing(conditionExpr, namespace: namespace) {
            try connectRandomly(probability: p, multiplicity: n, rows: rows, into: &chosen, interruption: interruption)
        } else {
            let selector = try PairSelector(scope: pairScope, condition: conditionExpr, probability: probabilityExpr,
                                            multiplicity: multiplicityExpr)
            if let generatorSpec {
                try connectGenerated(generatorSpec, candidates: candidates, namespace: namespace, selector: selector,
                                     skipIfInvalid: skipIfInvalid, into: &chosen, interruption: interruption)
            } else {
                var growth = MemoryGrowthCheck()
                for i in 0..<source.size {
                    candidates.reset(source: i, count: target.size)
                    candidates.post.append(count: target.size) { out in for j in 0..<self.target.size { out[j] = Int32(j) } }
                    try selector.select(candidates, into: &chosen)
                    try growth.check(chosen.pre.count, sourcesDone: i + 1, of: source.size, synapses: self)
                    try interruption.check(source: i)
                }
            }
        }
        noteConnectCalled()
        try appendSynapses(pre: &chosen.pre, post: &chosen.post)
    }

    /// Independent connections with a fixed probability from the given sources, visiting only the chosen targets
    /// (geometrically distributed gaps), so sparse connectivity costs time per synapse, not per pair.
    /// For a condition that depends on the presynaptic side only (`'i < 3200'`), the sources that
    /// satisfy it (every source when there is no condition); nil when it involves `j` or the target.
    private func sourcesPassing(_ condition: Expr?, namespace: Namespace) throws -> [Int]? {
        guard let condition else { return Array(0..<source.size) }
        let sources = IndexMap()
        sources.append(count: source.size) { out in for i in 0..<self.source.size { out[i] = Int32(i) } }
        let scope = PairScope(synapses: self, namespace: namespace, pre: sources, post: nil, loop: nil)
        guard condition.identifiers.allSatisfy({ scope.symbol(named: $0) != nil }) else { return nil }
        let builder = ProgramBuilder(resolver: scope, time: codeTime, context: "connection condition")
        let slot = try builder.compile(condition)
        let program = builder.build(result: slot)
        var rows: [Int] = []
        program.execute(count: source.size) { block in
            let passes = block.values(slot)
            for k in 0..<block.count where passes[k] != 0 { rows.append(block.start + k) }
        }
        return rows
    }

    private func connectRandomly(probability p: Double, multiplicity n: Double, rows: [Int], into chosen: inout ChosenPairs,
                                 interruption: ConnectInterruption) throws {
        guard n.isFinite, n >= 0, n == n.rounded(), n < 1e6 else { throw RanvierError(.value, "The multiplicity n must be a non-negative integer, got \(n)") }
        guard p > 0, n > 0 else { return }
        let copies = Int(n)
        let expected = Double(rows.count) * Double(target.size) * Swift.min(p, 1) * n
        try checkMemory(forSynapses: expected)
        chosen.pre.reserveCapacity(Int(expected * 1.05) + 16)
        chosen.post.reserveCapacity(Int(expected * 1.05) + 16)
        let logMiss = p < 1 ? log1p(-p) : 0
        for i in rows {
            var j = -1
            while true {
                if p >= 1 {
                    j += 1
                } else {
                    let u = 1 - GlobalRandom.source.uniform()
                    let gap = (log(u) / logMiss).rounded(.down)
                    guard gap < Double(target.size) else { break }
                    j += 1 + Int(gap)
                }
                guard j < target.size else { break }
                for _ in 0..<copies {
                    chosen.pre.append(Int32(i))
                    chosen.post.append(Int32(j))
                }
            }
            try interruption.check(source: i)
        }
    }

    /// Refuses a connect() whose synapses would not fit in memory: the pairs collected while
    /// connecting plus each synapse's indices and variables.
    func checkMemory(forSynapses count: Double) throws {
        let bytesPerSynapse = 8.0 + 8 + variableNames.reduce(0.0) { $0 + Double(variables[$1]!.storage?.elementType.byteCount ?? 0) }
        try MemoryGuard.check((count + Double(size)) * bytesPerSynapse,
                              for: "connect() creating about \(count) synapses",
                              advice: "Use a lower connection probability or fewer neurons.")
    }

    private func connectGenerated(_ generator: ConnectionGenerator, candidates: Candidates, namespace: Namespace,
                                  selector: PairSelector, skipIfInvalid: Bool, into chosen: inout ChosenPairs,
                                  interruption: ConnectInterruption) throws {
        let sources = IndexMap()
        sources.append(count: source.size) { out in for i in 0..<self.source.size { out[i] = Int32(i) } }
        let sourceScope = PairScope(synapses: self, namespace: namespace, pre: sources, post: nil, loop: nil)
        let loopValues = try LoopValues(generator.iterator, scope: sourceScope, count: source.size)
        let targetScope = PairScope(synapses: self, namespace: namespace, pre: candidates.pre, post: nil,
                                    loop: generator.variable.map { ($0, candidates.loop) })
        let targetBuilder = ProgramBuilder(resolver: targetScope, time: codeTime, context: "the connection generator")
        let targetSlot = try targetBuilder.compile(generator.expression)
        let targetProgram = targetBuilder.build(result: targetSlot)
        let conditionSelector = try generator.condition.map {
            try PairSelector(scope: PairScope(synapses: self, namespace: namespace, pre: candidates.pre, post: candidates.post,
                                              loop: generator.variable.map { ($0, candidates.loop) }),
                             condition: $0, probability: .number(1, isInteger: true), multiplicity: .number(1, isInteger: true))
        }
        var targets: [Double] = []
        var growth = MemoryGrowthCheck()
        for i in 0..<source.size {
            let values = try loopValues.values(for: i)
            candidates.reset(source: i, count: values.count)
            candidates.loop.append(count: values.count) { out in for (k, v) in values.enumerated() { out[k] = Int32(truncatingIfNeeded: v) } }
            targets.removeAll(keepingCapacity: true)
            targetProgram.execute(count: values.count) { block in
                let computed = block.values(targetSlot)
                for k in 0..<block.count { targets.append(computed[k]) }
            }
            // The generator's `if` comes first (as in Brian2), evaluated with out-of-range targets clamped
            // so that postsynaptic variables stay readable; then the range check, then p and n.
            let loopValues = Array(UnsafeBufferPointer(start: candidates.loop.storage.pointer, count: candidates.loop.count))
            let passes: [Bool]
            if let conditionSelector {
                let clamped = targets.map { Int32(Swift.min(Swift.max($0.isFinite ? $0 : 0, 0), Double(self.target.size - 1))) }
                candidates.set(source: i, post: clamped, loop: loopValues)
                passes = conditionSelector.conditionHolds(candidates)
            } else {
                passes = Array(repeating: true, count: targets.count)
            }
            var keptLoop: [Int32] = [], keptTargets: [Int32] = []
            for (k, target) in targets.enumerated() where passes[k] {
                guard target >= 0, target < Double(self.target.size) else {
                    if skipIfInvalid { continue }
                    throw RanvierError(.index, "The connection generator \"\(generator.expression.sourceText)\" gives the postsynaptic index j=\(target) for i=\(i), outside the valid range 0 to \(self.target.size - 1); use skip_if_invalid=True to ignore such targets")
                }
                keptLoop.append(loopValues[k])
                keptTargets.append(Int32(target))
            }
            candidates.set(source: i, post: keptTargets, loop: keptLoop)
            try selector.select(candidates, into: &chosen)
            try growth.check(chosen.pre.count, sourcesDone: i + 1, of: source.size, synapses: self)
            try interruption.check(source: i)
        }
    }
}

/// The caller's poll while connect() visits the source neurons: one call per source (the callback
/// keeps it cheap, e.g. by reading a wall clock), an `.interrupted` error when it asks to stop.
private struct ConnectInterruption {
    let poll: (() -> Bool)?

    func check(source i: Int) throws {
        guard let poll, poll() else { return }
        throw RanvierError(.interrupted, "connect() was interrupted at source neuron \(i); no synapse was created")
    }
}

/// While pairs are chosen source by source, projects the final number of synapses from the sources
/// done so far and refuses it (through `checkMemory`) before memory runs out; checked each time the
/// count doubles, so the cost is negligible.
private struct MemoryGrowthCheck {
    private var nextCheck = 1 << 20

    mutating func check(_ chosen: Int, sourcesDone: Int, of sources: Int, synapses: Synapses) throws {
        guard chosen >= nextCheck else { return }
        nextCheck = chosen * 2
        try synapses.checkMemory(forSynapses: Double(chosen) / Double(sourcesDone) * Double(sources))
    }
}

/// Evaluates condition, probability and multiplicity for candidate pairs and keeps the chosen ones.
private final class PairSelector {
    private let program: BlockProgram
    private let condition: Int?
    private let probability: Int
    private let multiplicity: Int

    init(scope: PairScope, condition: Expr?, probability: Expr, multiplicity: Expr) throws {
        let builder = ProgramBuilder(resolver: scope, time: ScalarCell(), context: "connect()")
        self.condition = try condition.map { builder.keep(try builder.compile($0)) }
        self.probability = builder.keep(try builder.compile(probability))
        self.multiplicity = builder.keep(try builder.compile(multiplicity))
        program = builder.build()
    }

    /// Whether the condition holds for each candidate (all true without a condition).
    func conditionHolds(_ candidates: Candidates) -> [Bool] {
        var holds: [Bool] = []
        holds.reserveCapacity(candidates.pre.count)
        program.execute(count: candidates.pre.count) { block in
            let values = self.condition.map { block.values($0) }
            for k in 0..<block.count { holds.append(values.map { $0[k] != 0 } ?? true) }
        }
        return holds
    }

    /// Appends the chosen candidates (each as many times as its multiplicity) to `chosen`.
    func select(_ candidates: Candidates, into chosen: inout ChosenPairs) throws {
        let count = candidates.pre.count
        guard count > 0 else { return }
        let preValues = candidates.pre.storage.pointer, postValues = candidates.post.storage.pointer
        let loopValues = candidates.loop.storage.pointer, hasLoop = candidates.loop.count == count
        var result = chosen
        var invalidMultiplicity: Double?
        program.execute(count: count) { block in
            let passes = self.condition.map { block.values($0) }
            let p = block.values(self.probability), n = block.values(self.multiplicity)
            for k in 0..<block.count {
                if let passes, passes[k] == 0 { continue }
                if p[k] < 1 && !(GlobalRandom.source.uniform() < p[k]) { continue }
                let element = block.start + k
                // Non-finite or absurd multiplicities count as 0 here and are reported below.
                guard n[k].isFinite, n[k] < 1e6 else { invalidMultiplicity = n[k]; continue }
                for _ in 0..<Swift.max(Int(n[k]), 0) {
                    result.pre.append(preValues[element])
                    result.post.append(postValues[element])
                    if hasLoop { result.loop.append(loopValues[element]) }
                }
            }
        }
        if let invalidMultiplicity {
            throw RanvierError(.value, "The multiplicity n must be a non-negative integer, got \(invalidMultiplicity)")
        }
        chosen = result
    }
}

/// Pairs chosen by connect(), with the generator's loop value of each when there is one.
private struct ChosenPairs {
    var pre: [Int32] = [], post: [Int32] = [], loop: [Int32] = []
}

/// The loop variable's values per source neuron, from `range(...)` or `sample(...)` bounds that
/// may depend on `i` and presynaptic variables.
private struct LoopValues {
    private let iterator: ConnectionGenerator.Iterator?
    private let start: [Double], stop: [Double], step: [Double], parameter: [Double]

    init(_ iterator: ConnectionGenerator.Iterator?, scope: PairScope, count: Int) throws {
        self.iterator = iterator
        func evaluate(_ expr: Expr) throws -> [Double] {
            let builder = ProgramBuilder(resolver: scope, time: ScalarCell(), context: "the connection generator's bounds")
            let slot = try builder.compile(expr)
            let program = builder.build(result: slot)
            var values: [Double] = []
            values.reserveCapacity(count)
            program.execute(count: count) { block in for k in 0..<block.count { values.append(block.values(slot)[k]) } }
            return values
        }
        switch iterator {
        case .range(let a, let b, let c)?:
            (start, stop, step, parameter) = (try evaluate(a), try evaluate(b), try evaluate(c), [])
        case .sample(let a, let b, let c, let p, let size)?:
            (start, stop, step) = (try evaluate(a), try evaluate(b), try evaluate(c))
            parameter = try evaluate(p ?? size!)
        case nil:
            (start, stop, step, parameter) = ([], [], [], [])
        }
        if let bad = step.first(where: { $0 == 0 }) {
            throw RanvierError(.value, "The step of range()/sample() in a connection generator must not be 0, got \(bad)")
        }
    }

    /// The loop values for source neuron `i` (a single placeholder when there is no loop).
    func values(for i: Int) throws -> [Int] {
        guard let iterator else { return [0] }
        for bound in [start[i], stop[i], step[i]] + (parameter.isEmpty ? [] : [parameter[i]]) where !(Swift.abs(bound) < 1e15) {
            throw RanvierError(.value, "The bounds of range()/sample() in a connection generator must be finite numbers; got \(bound) for i=\(i)")
        }
        for bound in [start[i], stop[i], step[i]] where bound != bound.rounded() {
            throw RanvierError(.type, "The arguments of range()/sample() in a connection generator must be integers; got \(bound) for i=\(i)")
        }
        // Each value becomes a candidate pair: its loop value, indices and computed target.
        let count = Swift.max(((stop[i] - start[i]) / step[i]).rounded(.up), 0)
        try MemoryGuard.check(count * 40, for: "The connection generator's range for i=\(i) (\(count) values)",
                              advice: "Use a smaller range().")
        let all = Array(stride(from: Int(start[i]), to: Int(stop[i]), by: Int(step[i])))
        guard case .sample(_, _, _, let probability, _) = iterator else { return all }
        if probability != nil {
            return all.filter { _ in GlobalRandom.source.uniform() < parameter[i] }
        }
        // size=: Floyd's algorithm draws distinct positions without replacement.
        let wanted = Swift.min(Swift.max(Int(parameter[i]), 0), all.count)
        var chosen = Set<Int>()
        for upper in (all.count - wanted)..<all.count {
            let candidate = Int(GlobalRandom.source.uniform() * Double(upper + 1))
            chosen.insert(chosen.contains(candidate) ? upper : candidate)
        }
        return chosen.sorted().map { all[$0] }
    }
}
