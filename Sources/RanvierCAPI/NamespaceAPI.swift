import CRanvier
import RanvierEngine

/// The seven dimension exponents from a C array.
func dimension(_ pointer: UnsafePointer<Double>?, in function: String) throws -> Dimension {
    let base = try require(pointer, "the dimensions array", in: function)
    return Dimension((0..<Dimension.count).map { base[$0] })
}

/// Writes a dimension's seven exponents into a C array.
func write(_ dimension: Dimension, to pointer: UnsafeMutablePointer<Double>) {
    for (k, exponent) in dimension.exponents.enumerated() { pointer[k] = exponent }
}

@_cdecl("rv_seed")
public func rvSeed(_ seed: Int64) -> rv_status {
    guarded("rv_seed") { GlobalRandom.seed(seed) }
}

@_cdecl("rv_namespace_create")
public func rvNamespaceCreate(_ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    guarded("rv_namespace_create") {
        try require(out, "the output handle", in: "rv_namespace_create").pointee = retainedHandle(Namespace())
    }
}

@_cdecl("rv_namespace_set")
public func rvNamespaceSet(_ ns: rv_handle?, _ name: UnsafePointer<CChar>?, _ value: Double,
                           _ dimensions: UnsafePointer<Double>?) -> rv_status {
    let function = "rv_namespace_set"
    return guarded(function) {
        let namespace = try object(ns, as: Namespace.self, "the namespace", in: function)
        namespace.set(try string(name, "the name", in: function), value: value, dimension: try dimension(dimensions, in: function))
    }
}

@_cdecl("rv_namespace_set_timed_array")
public func rvNamespaceSetTimedArray(_ ns: rv_handle?, _ name: UnsafePointer<CChar>?, _ values: UnsafePointer<Double>?,
                                     _ rows: Int64, _ cols: Int64, _ dt: Double,
                                     _ dimensions: UnsafePointer<Double>?) -> rv_status {
    let function = "rv_namespace_set_timed_array"
    return guarded(function) {
        let namespace = try object(ns, as: Namespace.self, "the namespace", in: function)
        let label = try string(name, "the name", in: function)
        let (count, overflow) = rows.multipliedReportingOverflow(by: Swift.max(cols, 1))
        guard rows > 0, cols >= 0, !overflow else {
            throw RanvierError(.value, "A TimedArray needs a positive number of rows and a non-negative number of columns (got \(rows) and \(cols), in \(function))")
        }
        let samples = UnsafeBufferPointer(start: try require(values, "the values array", in: function), count: Int(count))
        let table = try TimedArray(values: samples, rows: Int(rows), columns: cols == 0 ? nil : Int(cols), dt: dt,
                                   dimension: try dimension(dimensions, in: function))
        namespace.set(label, timedArray: table)
    }
}
