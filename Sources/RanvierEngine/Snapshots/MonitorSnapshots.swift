/// An array a monitor records into, as snapshots see it: copied when stored, replaced when restored.
public protocol RecordedArray {
    func stateArray() -> StateArray
    /// Checks `stored` and returns what puts it back; `fixedCount` arrays (one value per neuron)
    /// must keep their length.
    func restoration(from stored: StateArray, name: String, of owner: String) throws -> () -> Void
}

extension GrowableArray: RecordedArray where T: StateElement {
    public func stateArray() -> StateArray { StateArray(copying: storage.pointer, count: count) }

    public func restoration(from stored: StateArray, name: String, of owner: String) throws -> () -> Void {
        let checked = try ObjectState.checked(stored, name: name, as: T.self, count: nil, of: owner)
        return { self.replaceAll(count: checked.count) { checked.copy(to: $0) } }
    }
}

/// A fixed array with one value per recorded element (a SpikeMonitor's counts): restored in place.
extension Allocation: RecordedArray where T: StateElement {
    public func stateArray() -> StateArray { StateArray(copying: pointer, count: capacity) }

    public func restoration(from stored: StateArray, name: String, of owner: String) throws -> () -> Void {
        let checked = try ObjectState.checked(stored, name: name, as: T.self, count: capacity, of: owner)
        return { checked.copy(to: self.pointer) }
    }
}

extension Recording: RecordedArray {
    private var recorded: RecordedArray {
        switch self {
        case .float64(let values): return values
        case .float32(let values): return values
        case .bool(let values): return values
        }
    }

    public func stateArray() -> StateArray { recorded.stateArray() }

    public func restoration(from stored: StateArray, name: String, of owner: String) throws -> () -> Void {
        try recorded.restoration(from: stored, name: name, of: owner)
    }
}

/// A monitor's recordings, listed in one place (`recordedArrays`): a snapshot copies each of them
/// and restoring puts each back, so a monitor rewinds to what it had recorded when it was stored.
/// A monitor that records a new array only adds it to its list.
public protocol RecordingMonitor: Snapshotting {
    var recordedArrays: [(name: String, array: RecordedArray)] { get }
}

extension RecordingMonitor {
    public func snapshotState() -> ObjectState {
        let state = ObjectState()
        for (name, array) in recordedArrays { state.set(name, array.stateArray()) }
        return state
    }

    public func restoration(from state: ObjectState) throws -> () -> Void {
        let owner = "a \(type(of: self))"
        let steps = try recordedArrays.map { name, array in
            guard let stored = state[name] else {
                throw RanvierError(.unknownIdentifier, "The stored state of \(owner) has no array '\(name)' (it was stored from a different model)")
            }
            return try array.restoration(from: stored, name: name, of: owner)
        }
        return { for step in steps { step() } }
    }
}

extension StateMonitor: RecordingMonitor {
    public var recordedArrays: [(name: String, array: RecordedArray)] {
        [("t", times)] + variableNames.map { ($0, recordings[$0]!) }
    }
}

extension SpikeMonitor: RecordingMonitor {
    public var recordedArrays: [(name: String, array: RecordedArray)] {
        [("i", indices), ("t", times), ("count", counts)]
    }
}

extension PopulationRateMonitor: RecordingMonitor {
    public var recordedArrays: [(name: String, array: RecordedArray)] {
        [("t", times), ("rate", rates)]
    }
}
