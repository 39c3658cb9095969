/// An array a monitor records into, as snapshots see it: copied when stored, replaced when restored.
public protocol RecordedArray {
    /// Whether the array has a fixed length (one value per recorded element) instead of growing
    /// by rows as the monitor records.
    var hasFixedLength: Bool { get }
    func stateArray() -> StateArray
    /// Checks `stored` and returns what puts it back; `fixedCount` arrays (one value per neuron)
    /// must keep their length.
    func restoration(from stored: StateArray, name: String, of owner: String) throws -> () -> Void
}

extension GrowableArray: RecordedArray where T: StateElement {
    public var hasFixedLength: Bool { false }
    public func stateArray() -> StateArray { StateArray(copying: storage.pointer, count: count) }

    public func restoration(from stored: StateArray, name: String, of owner: String) throws -> () -> Void {
        let checked = try ObjectState.checked(stored, name: name, as: T.self, count: nil, of: owner)
        return { self.replaceAll(count: checked.count) { checked.copy(to: $0) } }
    }
}

/// A fixed array with one value per recorded element (a SpikeMonitor's counts): restored in place.
extension Allocation: RecordedArray where T: StateElement {
    public var hasFixedLength: Bool { true }
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
        case .int32(let values): return values
        }
    }

    public var hasFixedLength: Bool { false }
    public func stateArray() -> StateArray { recorded.stateArray() }

    public func restoration(from stored: StateArray, name: String, of owner: String) throws -> () -> Void {
        try recorded.restoration(from: stored, name: name, of: owner)
    }
}

/// A monitor's recordings, listed in one place (its `recordedArrays`, in its own file): a snapshot copies each of them
/// and restoring puts each back, so a monitor rewinds to what it had recorded when it was stored.
/// A monitor that records a new array only adds it to its list, with the number of values it
/// records per row (per step, or per spike): restoring checks that every growing array holds the
/// same number of rows, so a bad file cannot leave the arrays of a monitor inconsistent.
public protocol RecordingMonitor: Snapshotting {
    var recordedArrays: [(name: String, array: RecordedArray, valuesPerRow: Int)] { get }
}

extension RecordingMonitor {
    public func snapshotState() -> ObjectState {
        let state = ObjectState()
        for (name, array, _) in recordedArrays { state.set(name, array.stateArray()) }
        return state
    }

    public func restoration(from state: ObjectState) throws -> () -> Void {
        let owner = "a \(type(of: self))"
        var rows: (count: Int, name: String)?
        let steps = try recordedArrays.map { name, array, valuesPerRow in
            guard let stored = state[name] else {
                throw RanvierError(.unknownIdentifier, "The stored state of \(owner) has no array '\(name)' (it was stored from a different model)")
            }
            if !array.hasFixedLength {
                // Rows of no values (a StateMonitor recording no element) hold nothing at all.
                var consistent = stored.count == 0
                if valuesPerRow > 0 {
                    let (storedRows, remainder) = stored.count.quotientAndRemainder(dividingBy: valuesPerRow)
                    consistent = remainder == 0 && (rows?.count ?? storedRows) == storedRows
                    if rows == nil { rows = (storedRows, name) }
                }
                guard consistent else {
                    throw RanvierError(.value, "The stored recordings of \(owner) are inconsistent: '\(name)' has \(stored.count) values, not \(rows?.count ?? 0) rows of \(valuesPerRow)\(rows.map { " (as '\($0.name)')" } ?? "")")
                }
            }
            return try array.restoration(from: stored, name: name, of: owner)
        }
        return { for step in steps { step() } }
    }
}

extension StateMonitor: RecordingMonitor {}
extension EventMonitor: RecordingMonitor {}
extension PopulationRateMonitor: RecordingMonitor {}
