/// Values of external names (`tau`, `v0_max`, `mV`, a `TimedArray` `ta`) supplied by the caller for
/// one run or one piece of code.
public final class Namespace {
    /// What an external name stands for.
    public enum Entry {
        /// A number in SI units with its physical dimension.
        case value(Double, Dimension)
        /// A function of time given by samples (called as `ta(t)` or `ta(t, i)`).
        case timedArray(TimedArray)
    }

    private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Sets `name` to a value in SI units with the given dimension.
    public func set(_ name: String, value: Double, dimension: Dimension) {
        entries[name] = .value(value, dimension)
    }

    /// Sets `name` to a timed array.
    public func set(_ name: String, timedArray: TimedArray) {
        entries[name] = .timedArray(timedArray)
    }

    /// The entry for `name`, if set.
    public func lookup(_ name: String) -> Entry? {
        entries[name]
    }

    /// The symbol `name` denotes in code running with time step `dt`, if set.
    func symbol(named name: String, dt: Double) -> Symbol? {
        switch entries[name] {
        case .value(let value, let dimension): return .constant(value, dimension)
        case .timedArray(let table): return .timedArray(table.sampler(groupDt: dt))
        case nil: return nil
        }
    }
}
