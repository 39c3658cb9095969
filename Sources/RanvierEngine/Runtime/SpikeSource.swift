/// A group that emits spikes each step (neuron groups, their subgroups).
public protocol SpikeSource: Group {
    /// This step's spikes, in ascending order, as indices into `spikeIndexOffset`-shifted space:
    /// element `spikeList[k] - spikeIndexOffset` of this group spiked.
    var spikeList: UnsafeBufferPointer<Int> { get }
    var spikeIndexOffset: Int { get }
    /// Whether the group has a threshold at all (pathways from a group that cannot spike are an error).
    var canSpike: Bool { get }
}

extension NeuronGroup: SpikeSource {
    public var spikeList: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: spikes, count: spikeCount) }
    public var spikeIndexOffset: Int { 0 }
    public var canSpike: Bool { threshold != nil || spikeSchedule != nil }
}

/// A contiguous slice `start..<stop` of a neuron group (`P[:3200]`): its variables are views of the
/// parent's, its spikes are the parent's spikes in the slice, and its indices start at 0.
public final class Subgroup: Group, SpikeSource {
    /// Code on a subgroup runs at its parent's time.
    override var codeTime: ScalarCell { parent.codeTime }
    public let parent: NeuronGroup
    public let start: Int

    /// The subgroup of `parent` covering `start..<stop`.
    public init(parent: NeuronGroup, start: Int, stop: Int) throws {
        guard start >= 0, stop <= parent.size, start < stop else {
            throw RanvierError(.index, "A subgroup needs 0 <= start < stop <= \(parent.size), got \(start)..<\(stop)")
        }
        self.parent = parent
        self.start = start
        super.init(size: stop - start, floatType: parent.floatType)
        for name in parent.variableNames {
            add(parent.variables[name]!.view(offset: start, count: stop - start))
        }
        // As in Brian2, a subexpression stays the parent's: its i and N are the parent's.
        let parentNames: [String: Expr] = ["i": .binary(.add, .name("i"), .number(Double(start), isInteger: true)),
                                           "N": .number(Double(parent.size), isInteger: true)]
        subexpressionDefinitions = parent.subexpressionDefinitions.mapValues { $0.substituting(parentNames) }
    }

    override func ownSymbol(named name: String, dt: Double) -> Symbol? {
        super.ownSymbol(named: name, dt: dt) ?? indexSymbol(named: name)
    }

    public override var elementDescription: String { "a subgroup of \(size) neurons (\(start)..<\(start + size) of a group of \(parent.size))" }

    public var spikeList: UnsafeBufferPointer<Int> {
        let all = parent.spikeList
        let stop = start + size
        let lower = firstIndex(in: all) { $0 >= start }
        let upper = firstIndex(in: all) { $0 >= stop }
        return UnsafeBufferPointer(rebasing: all[lower..<upper])
    }

    public var spikeIndexOffset: Int { start }

    /// The parent's model names (the subgroup shares the parent's equations).
    public override var modelVariableNames: [String] { parent.modelVariableNames }
    public var canSpike: Bool { parent.canSpike }

    /// Binary search in an ascending list.
    private func firstIndex(in list: UnsafeBufferPointer<Int>, where isAtLeast: (Int) -> Bool) -> Int {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if isAtLeast(list[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
