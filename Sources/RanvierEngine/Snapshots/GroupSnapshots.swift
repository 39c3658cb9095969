// What neuron groups, subgroups and synapses keep in a snapshot: every stored variable (not
// subexpressions) under its name, plus engine arrays under names starting with "_" (which model
// variables cannot have): a group's spikes of the last step and spike schedule, synapses' indices
// and the spikes in flight in each pathway.

extension ValueBuffer {
    /// A copy of the elements, in their storage type.
    func stateArray() -> StateArray {
        switch elementType {
        case .float64: return StateArray(copying: typed(Double.self), count: count)
        case .float32: return StateArray(copying: typed(Float.self), count: count)
        case .bool: return StateArray(copying: typed(Flag.self), count: count)
        case .int32: return StateArray(copying: typed(Int32.self), count: count)
        }
    }

    /// `stored`, checked to hold `count` elements of this buffer's type.
    func checked(_ stored: StateArray, count: Int, name: String, of owner: String) throws -> StateArray {
        switch elementType {
        case .float64: return try ObjectState.checked(stored, name: name, as: Double.self, count: count, of: owner)
        case .float32: return try ObjectState.checked(stored, name: name, as: Float.self, count: count, of: owner)
        case .bool: return try ObjectState.checked(stored, name: name, as: Flag.self, count: count, of: owner)
        case .int32: return try ObjectState.checked(stored, name: name, as: Int32.self, count: count, of: owner)
        }
    }

    /// Overwrites the elements with `stored` (checked to fit).
    func restore(_ stored: StateArray) {
        stored.bytes.withUnsafeBytes { raw.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }
}

extension Group {
    /// Variables with storage, in declaration order.
    private var storedVariables: [Variable] { variableNames.compactMap { variables[$0] }.filter { $0.storage != nil } }

    /// Adds a copy of every stored variable to `state`.
    func addVariableStates(to state: ObjectState) {
        for variable in storedVariables { state.set(variable.name, variable.storage!.stateArray()) }
    }

    /// Checks that `state` has every stored variable for `size` elements and returns what copies
    /// them back (run once the variables have that size).
    func variableRestoration(from state: ObjectState, size: Int) throws -> () -> Void {
        let owner = elementDescription
        let checked = try storedVariables.map { variable -> (Variable, StateArray) in
            guard let stored = state[variable.name] else {
                throw RanvierError(.unknownIdentifier, "The stored state of \(owner) has no variable '\(variable.name)' (it was stored from a different model)")
            }
            return (variable, try variable.storage!.checked(stored, count: variable.isShared ? 1 : size, name: variable.name, of: owner))
        }
        return { for (variable, stored) in checked { variable.storage!.restore(stored) } }
    }
}

/// A list of indices from a snapshot, checked to lie in `0..<bound`.
private func checkedIndices<T: StateElement & BinaryInteger>(_ values: [T], below bound: Int, name: String, of owner: String) throws -> [T] {
    try checkIndices(StateArray(values), as: T.self, below: bound, name: name, of: owner)
    return values
}

/// Checks that the indices of `array` (elements of type `T`) lie in `0..<bound`, without copying them.
private func checkIndices<T: StateElement & BinaryInteger>(_ array: StateArray, as _: T.Type, below bound: Int, name: String, of owner: String) throws {
    let bad: T? = array.bytes.withUnsafeBytes { raw in
        var outside = false
        for k in 0..<array.count {
            let value = raw.loadUnaligned(fromByteOffset: k * MemoryLayout<T>.stride, as: T.self)
            outside = outside || value < 0 || Int(value) >= bound
        }
        guard outside else { return nil }
        return (0..<array.count).lazy.map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.stride, as: T.self) }
            .first { $0 < 0 || Int($0) >= bound }
    }
    if let bad {
        throw RanvierError(.index, "The stored array '\(name)' of \(owner) holds the index \(bad), outside 0..<\(bound) (it was stored from a different model)")
    }
}

extension NeuronGroup: Snapshotting {
    public func snapshotState() -> ObjectState {
        let state = ObjectState()
        addVariableStates(to: state)
        state.set("_spikes", StateArray(copying: spikes, count: spikeCount))
        if let schedule = spikeSchedule {
            state.set("_schedule_indices", StateArray(schedule.neurons))
            state.set("_schedule_times", StateArray(schedule.times))
            state.set("_schedule_period", StateArray([schedule.period]))
        }
        return state
    }

    /// The spike schedule a state holds (a SpikeGeneratorGroup's spikes, which `set_spikes` may have
    /// changed since), checked like the schedule given by the user; nil if it holds none.
    private func storedSchedule(in state: ObjectState) throws -> SpikeSchedule? {
        guard state["_schedule_indices"] != nil else { return nil }
        let neurons = try state.array("_schedule_indices", as: Int32.self, of: elementDescription).values(Int32.self)
        let times = try state.array("_schedule_times", as: Double.self, count: neurons.count, of: elementDescription).values(Double.self)
        let period = try state.array("_schedule_period", as: Double.self, count: 1, of: elementDescription).values(Double.self)[0]
        return try SpikeSchedule(groupSize: size, neurons: neurons.map(Int.init), times: times, period: period)
    }

    public func restoration(from state: ObjectState) throws -> () -> Void {
        let variables = try variableRestoration(from: state, size: size)
        let stored = try checkedIndices(state.array("_spikes", as: Int.self, of: elementDescription).values(Int.self),
                                        below: size, name: "_spikes", of: elementDescription)
        guard stored.count <= size else { throw RanvierError(.value, "The stored state of \(elementDescription) has more spikes than neurons") }
        let schedule = try storedSchedule(in: state)
        return {
            variables()
            self.spikeSchedule = schedule
            for (k, neuron) in stored.enumerated() { self.spikes[k] = neuron }
            self.spikeCount = stored.count
        }
    }
}

/// A subgroup's variables belong to its parent, which stores them (as in Brian2): nothing of its own.
extension Subgroup: Snapshotting {
    public func snapshotState() -> ObjectState { ObjectState() }
    public func restoration(from state: ObjectState) throws -> () -> Void { {} }
}

extension Synapses: Snapshotting {
    public func snapshotState() -> ObjectState {
        let state = ObjectState()
        state.set("_synaptic_pre", StateArray(copying: preIndex.storage.pointer, count: preIndex.count))
        state.set("_synaptic_post", StateArray(copying: postIndex.storage.pointer, count: postIndex.count))
        addVariableStates(to: state)
        for (index, spec) in pathwaySpecs.enumerated() where index < pathwayQueues.count {
            let (counts, synapses) = pathwayQueues[index].pendingEvents
            state.set("_queue_\(spec.name)_counts", StateArray(counts))
            state.set("_queue_\(spec.name)_synapses", StateArray(synapses))
        }
        return state
    }

    /// Restores the number of synapses too (fewer when the snapshot was taken before a `connect()`),
    /// and the spikes in flight in each pathway.
    public func restoration(from state: ObjectState) throws -> () -> Void {
        let owner = elementDescription
        let pre = try state.array("_synaptic_pre", as: Int32.self, of: owner)
        let post = try state.array("_synaptic_post", as: Int32.self, count: pre.count, of: owner)
        try checkIndices(pre, as: Int32.self, below: source.size, name: "_synaptic_pre", of: owner)
        try checkIndices(post, as: Int32.self, below: target.size, name: "_synaptic_post", of: owner)
        let count = pre.count
        let variables = try variableRestoration(from: state, size: count)
        let queues = try pathwaySpecs.map { spec -> SpikeQueue in
            guard let counts = state["_queue_\(spec.name)_counts"] else { return try SpikeQueue(maxDelaySteps: 0) }
            let steps = try ObjectState.checked(counts, name: "_queue_\(spec.name)_counts", as: Int.self, count: nil, of: owner).values(Int.self)
            let stored = try state.array("_queue_\(spec.name)_synapses", as: Int.self, of: owner)
            // Each step's count must fit in what is left of the list (no overflow from a bad file).
            var total = 0
            for n in steps {
                guard n >= 0, n <= stored.count - total else {
                    throw RanvierError(.value, "The stored spike queue of pathway '\(spec.name)' of \(owner) is malformed")
                }
                total += n
            }
            guard !steps.isEmpty, total == stored.count else {
                throw RanvierError(.value, "The stored spike queue of pathway '\(spec.name)' of \(owner) is malformed")
            }
            let synapses = try checkedIndices(stored.values(Int.self), below: count, name: "_queue_\(spec.name)_synapses", of: owner)
            return try SpikeQueue(pending: steps, synapses: synapses)
        }
        return {
            self.replaceSynapses(count: count, pre: { pre.copy(to: $0) }, post: { post.copy(to: $0) })
            variables()
            self.pathwayQueues = queues
        }
    }
}
