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
