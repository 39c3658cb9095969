import Glibc

/// A block kernel: computes `count` results into `out` from up to three operand blocks.
/// Unused operands point at a dummy block. `out` may alias an operand (operations are element-wise).
public typealias BlockKernel = (
    _ out: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
    _ c: UnsafePointer<Double>, _ count: Int
) -> Void

/// How an operation's result dimension follows from its arguments' (checked by `DimensionChecker`).
public enum DimensionRule: Sendable {
    /// Arguments must be dimensionless; the result is dimensionless (exp, log, sin...).
    case dimensionlessOnly
    /// All arguments share one dimension, which the result keeps (abs, floor, clip...).
    case sameAsArguments
    /// Any argument dimension; the result is dimensionless (sign).
    case anyToDimensionless
    /// The square root of the argument's dimension.
    case squareRoot
    /// Arguments are times; the result is a dimensionless count (timestep).
    case timesToCount
}

/// One operation of the code language: an operator or a built-in function, with its block kernel.
public struct Operation {
    public let name: String
    public let arity: Int
    public let dimensionRule: DimensionRule
    /// Whether the result is a truth value (comparisons, `and`, `not`).
    public let isBoolean: Bool
    /// Draws random numbers: never constant-folded, evaluated for every element.
    public let isRandom: Bool
    /// The operation on single values, used for constant folding and scalar code.
    public let scalar: (Double, Double, Double) -> Double
    /// The operation on a block of values.
    public let block: BlockKernel
}

// Block programs reuse registers, so an operation often writes over one of its operands. The
// vectoriser gives up on loops whose output may partially overlap an input; the in-place loops below
// (same pointer, element by element) are the ones it can still vectorise.

@inline(__always) private func map1(_ out: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ n: Int, _ f: (Double) -> Double) {
    if UnsafePointer(out) == a {
        for k in 0..<n { out[k] = f(out[k]) }
    } else {
        for k in 0..<n { out[k] = f(a[k]) }
    }
}

@inline(__always) private func map2(_ out: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int, _ f: (Double, Double) -> Double) {
    let inPlace = UnsafePointer(out)
    if inPlace == a && inPlace == b {
        for k in 0..<n { out[k] = f(out[k], out[k]) }
    } else if inPlace == a {
        for k in 0..<n { out[k] = f(out[k], b[k]) }
    } else if inPlace == b {
        for k in 0..<n { out[k] = f(a[k], out[k]) }
    } else {
        for k in 0..<n { out[k] = f(a[k], b[k]) }
    }
}

@inline(__always) private func truth(_ value: Bool) -> Double { value ? 1 : 0 }

/// Python's floor division and modulo (the result of `%` takes the divisor's sign).
@inline(__always) func pythonModulo(_ a: Double, _ b: Double) -> Double {
    let r = fmod(a, b)
    return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
}

/// Brian2's `timestep(t, dt)`: the integer step of a time, robust to rounding just below a step.
@inline(__always) func timestep(_ t: Double, _ dt: Double) -> Double {
    ((t + 1e-3 * dt) / dt).rounded(.towardZero)
}

private func unary(_ name: String, _ rule: DimensionRule = .dimensionlessOnly, _ f: @escaping (Double) -> Double) -> Operation {
    Operation(name: name, arity: 1, dimensionRule: rule, isBoolean: false, isRandom: false,
              scalar: { a, _, _ in f(a) }, block: { o, a, _, _, n in map1(o, a, n, f) })
}

private func binary(_ name: String, _ rule: DimensionRule, boolean: Bool = false, _ f: @escaping (Double, Double) -> Double) -> Operation {
    Operation(name: name, arity: 2, dimensionRule: rule, isBoolean: boolean, isRandom: false,
              scalar: { a, b, _ in f(a, b) }, block: { o, a, b, _, n in map2(o, a, b, n, f) })
}

/// Every operator and built-in function of the code language, in one table.
/// Adding a function to Ranvier means adding one line here (and, if its dimension behaviour is new,
/// a `DimensionRule` case).
public enum OperationTable {
    /// Arithmetic, comparison and logical operators, keyed by their source symbol.
    public static let operators: [String: Operation] = {
        let list: [Operation] = [
            binary("+", .sameAsArguments) { $0 + $1 },
            binary("-", .sameAsArguments) { $0 - $1 },
            // `*`, `/` and `**` have their own dimension arithmetic in DimensionChecker.
            binary("*", .sameAsArguments) { $0 * $1 },
            binary("/", .sameAsArguments) { $0 / $1 },
            binary("//", .sameAsArguments) { floor($0 / $1) },
            binary("%", .sameAsArguments) { pythonModulo($0, $1) },
            binary("**", .sameAsArguments) { pow($0, $1) },
            binary("<", .sameAsArguments, boolean: true) { truth($0 < $1) },
            binary("<=", .sameAsArguments, boolean: true) { truth($0 <= $1) },
            binary(">", .sameAsArguments, boolean: true) { truth($0 > $1) },
            binary(">=", .sameAsArguments, boolean: true) { truth($0 >= $1) },
            binary("==", .sameAsArguments, boolean: true) { truth($0 == $1) },
            binary("!=", .sameAsArguments, boolean: true) { truth($0 != $1) },
            binary("and", .sameAsArguments, boolean: true) { truth($0 != 0 && $1 != 0) },
            binary("or", .sameAsArguments, boolean: true) { truth($0 != 0 || $1 != 0) },
            Operation(name: "not", arity: 1, dimensionRule: .sameAsArguments, isBoolean: true, isRandom: false,
                      scalar: { a, _, _ in truth(a == 0) }, block: { o, a, _, _, n in map1(o, a, n) { truth($0 == 0) } }),
            unary("neg", .sameAsArguments) { -$0 },
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }()

    /// Built-in functions callable from code strings, keyed by name.
    public static let functions: [String: Operation] = {
        let list: [Operation] = [
            unary("exp", .dimensionlessOnly, vectorExp),
            unary("log", .dimensionlessOnly, Glibc.log),
            unary("log10", .dimensionlessOnly, Glibc.log10),
            unary("expm1", .dimensionlessOnly, vectorExpm1),
            unary("log1p", .dimensionlessOnly, Glibc.log1p),
            unary("exprel", .dimensionlessOnly, vectorExprel),
            unary("sin", .dimensionlessOnly, Glibc.sin),
            unary("cos", .dimensionlessOnly, Glibc.cos),
            unary("tan", .dimensionlessOnly, Glibc.tan),
            unary("sinh", .dimensionlessOnly, Glibc.sinh),
            unary("cosh", .dimensionlessOnly, Glibc.cosh),
            unary("tanh", .dimensionlessOnly, Glibc.tanh),
            unary("arcsin", .dimensionlessOnly, Glibc.asin),
            unary("arccos", .dimensionlessOnly, Glibc.acos),
            unary("arctan", .dimensionlessOnly, Glibc.atan),
            unary("sqrt", .squareRoot) { $0.squareRoot() },
            unary("abs", .sameAsArguments) { Swift.abs($0) },
            unary("floor", .sameAsArguments) { Glibc.floor($0) },
            unary("ceil", .sameAsArguments) { Glibc.ceil($0) },
            unary("sign", .anyToDimensionless) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) },
            unary("int", .dimensionlessOnly) { $0.rounded(.towardZero) },
            Operation(name: "clip", arity: 3, dimensionRule: .sameAsArguments, isBoolean: false, isRandom: false,
                      scalar: { x, lo, hi in Swift.min(Swift.max(x, lo), hi) },
                      block: { o, x, lo, hi, n in for k in 0..<n { o[k] = Swift.min(Swift.max(x[k], lo[k]), hi[k]) } }),
            binary("timestep", .timesToCount) { timestep($0, $1) },
            Operation(name: "rand", arity: 0, dimensionRule: .dimensionlessOnly, isBoolean: false, isRandom: true,
                      scalar: { _, _, _ in GlobalRandom.source.uniform() },
                      block: { o, _, _, _, n in GlobalRandom.source.fillUniform(o, count: n) }),
            Operation(name: "randn", arity: 0, dimensionRule: .dimensionlessOnly, isBoolean: false, isRandom: true,
                      scalar: { _, _, _ in GlobalRandom.source.normal() },
                      block: { o, _, _, _, n in GlobalRandom.source.fillNormal(o, count: n) }),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }()

    /// `a != 0 ? b : c` element by element; used by integration methods, not callable from code.
    static let select = Operation(name: "select", arity: 3, dimensionRule: .sameAsArguments, isBoolean: false, isRandom: false,
                                  scalar: { a, b, c in a != 0 ? b : c },
                                  block: { o, a, b, c, n in for k in 0..<n { o[k] = a[k] != 0 ? b[k] : c[k] } })

    /// Names that are constants in every namespace (Brian2's defaults), with their values.
    public static let constants: [String: Double] = [
        "pi": Double.pi, "e": Glibc.M_E, "inf": Double.infinity, "True": 1, "False": 0,
    ]
}
