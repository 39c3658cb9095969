/// An expression written as `(Σ coefficient_j · x_j + constant) / divisor`, where neither the
/// coefficients, the constant nor the divisor depend on the variables x_j.
///
/// Keeping a common divisor apart (instead of dividing every term) lets the fixed point of a linear
/// equation be computed without it: for `dv/dt = (v0 - v)/tau` the fixed point is exactly `v0`.
public struct AffineForm {
    /// Coefficient of each variable that appears (numerator only).
    public var coefficients: [String: Expr]
    /// The variable-free term (numerator only).
    public var constant: Expr
    /// Factors the whole form is divided by; empty for none.
    public var divisors: [Expr]

    /// The coefficient of `name` (0 when absent), including the divisors.
    public func fullCoefficient(_ name: String) -> Expr {
        divide(coefficients[name] ?? .number(0, isInteger: true))
    }

    /// The constant term including the divisors.
    public var fullConstant: Expr { divide(constant) }

    private func divide(_ numerator: Expr) -> Expr {
        divisors.reduce(numerator) { .binary(.divide, $0, $1) }
    }

    /// Decomposes `expr` as affine in `variables`, or returns nil when it is not (e.g. `v*v`, `exp(v)`).
    public static func decompose(_ expr: Expr, in variables: Set<String>) -> AffineForm? {
        if expr.identifiers.isDisjoint(with: variables) {
            return AffineForm(coefficients: [:], constant: expr, divisors: [])
        }
        switch expr {
        case .name(let name):
            return AffineForm(coefficients: [name: .number(1, isInteger: true)], constant: zero, divisors: [])
        case .unary(.plus, let inner):
            return decompose(inner, in: variables)
        case .unary(.negate, let inner):
            return decompose(inner, in: variables)?.mapTerms { negate($0) }
        case .binary(.add, let lhs, let rhs), .binary(.subtract, let lhs, let rhs):
            guard var l = decompose(lhs, in: variables), var r = decompose(rhs, in: variables) else { return nil }
            if case .binary(.subtract, _, _) = expr { r = r.mapTerms { negate($0) } }
            if l.divisors != r.divisors {
                l = l.withoutDivisors()
                r = r.withoutDivisors()
            }
            var coefficients = l.coefficients
            for (name, c) in r.coefficients { coefficients[name] = coefficients[name].map { add($0, c) } ?? c }
            return AffineForm(coefficients: coefficients, constant: add(l.constant, r.constant), divisors: l.divisors)
        case .binary(.multiply, let lhs, let rhs):
            if lhs.identifiers.isDisjoint(with: variables) {
                return decompose(rhs, in: variables)?.mapTerms { multiply(lhs, $0) }
            }
            if rhs.identifiers.isDisjoint(with: variables) {
                return decompose(lhs, in: variables)?.mapTerms { multiply($0, rhs) }
            }
            return nil
        case .binary(.divide, let lhs, let rhs):
            guard rhs.identifiers.isDisjoint(with: variables), var form = decompose(lhs, in: variables) else { return nil }
            form.divisors.append(rhs)
            return form
        default:
            return nil
        }
    }

    private func mapTerms(_ transform: (Expr) -> Expr) -> AffineForm {
        AffineForm(coefficients: coefficients.mapValues(transform), constant: transform(constant), divisors: divisors)
    }

    private func withoutDivisors() -> AffineForm {
        AffineForm(coefficients: coefficients.mapValues(divide), constant: divide(constant), divisors: [])
    }

    private static let zero = Expr.number(0, isInteger: true)

    private static func isZero(_ e: Expr) -> Bool {
        if case .number(0, _) = e { return true }
        return false
    }

    private static func negate(_ e: Expr) -> Expr {
        if isZero(e) { return e }
        if case .number(let v, let isInt) = e { return .number(-v, isInteger: isInt) }
        return .unary(.negate, e)
    }

    private static func add(_ a: Expr, _ b: Expr) -> Expr {
        if isZero(a) { return b }
        if isZero(b) { return a }
        return .binary(.add, a, b)
    }

    private static func multiply(_ a: Expr, _ b: Expr) -> Expr {
        if isZero(a) || isZero(b) { return zero }
        if case .number(1, _) = a { return b }
        if case .number(1, _) = b { return a }
        return .binary(.multiply, a, b)
    }
}
