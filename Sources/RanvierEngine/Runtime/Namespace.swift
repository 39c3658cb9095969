/// Values of external names (`tau`, `v0_max`, `mV`) supplied by the caller for one run or one
/// piece of code, each with its physical dimension.
public final class Namespace {
    private(set) var values: [String: (value: Double, dimension: Dimension)] = [:]

    public init() {}

    /// Sets `name` to a value in SI units with the given dimension.
    public func set(_ name: String, value: Double, dimension: Dimension) {
        values[name] = (value, dimension)
    }

    /// The entry for `name`, if set.
    public func lookup(_ name: String) -> (value: Double, dimension: Dimension)? {
        values[name]
    }
}
