/// The unit names the engine understands in equation declarations (`: volt`, `: siemens/metre**2`).
///
/// Values of units in code strings (`v > 10*mV`) are not resolved here: like Brian2, Ranvier resolves
/// those through the namespace the Python side supplies, so a user's own `mV` would take precedence.
public enum UnitTable {
    /// Base and derived SI units by name, with their display symbol. One table: the single place a unit
    /// is added.
    static let units: [(names: [String], symbol: String, dimension: Dimension)] = [
        (["metre", "meter", "m"], "m", Dimension(m: 1)),
        (["kilogram", "kg"], "kg", Dimension(kg: 1)),
        (["second", "s"], "s", Dimension(s: 1)),
        (["amp", "ampere", "A"], "A", Dimension(A: 1)),
        (["kelvin", "K"], "K", Dimension(K: 1)),
        (["mole", "mol"], "mol", Dimension(mol: 1)),
        (["candela", "cd"], "cd", Dimension(cd: 1)),
        (["hertz", "Hz"], "Hz", Dimension(s: -1)),
        (["newton", "N"], "N", Dimension(m: 1, kg: 1, s: -2)),
        (["pascal", "Pa"], "Pa", Dimension(m: -1, kg: 1, s: -2)),
        (["joule", "J"], "J", Dimension(m: 2, kg: 1, s: -2)),
        (["watt", "W"], "W", Dimension(m: 2, kg: 1, s: -3)),
        (["coulomb", "C"], "C", Dimension(s: 1, A: 1)),
        (["volt", "V"], "V", Dimension(m: 2, kg: 1, s: -3, A: -1)),
        (["farad", "F"], "F", Dimension(m: -2, kg: -1, s: 4, A: 2)),
        (["ohm"], "ohm", Dimension(m: 2, kg: 1, s: -3, A: -2)),
        (["siemens", "S"], "S", Dimension(m: -2, kg: -1, s: 3, A: 2)),
        (["weber", "Wb"], "Wb", Dimension(m: 2, kg: 1, s: -2, A: -1)),
        (["tesla", "T"], "T", Dimension(kg: 1, s: -2, A: -1)),
        (["henry", "H"], "H", Dimension(m: 2, kg: 1, s: -2, A: -2)),
        (["molar", "M"], "M", Dimension(m: -3, mol: 1)),
        (["radian", "rad", "steradian", "sr", "1"], "1", Dimension.dimensionless),
    ]

    /// Type names allowed where a unit is expected; all are dimensionless.
    public static let typeNames: Set<String> = ["boolean", "integer", "float"]

    /// The dimension of a unit name used in a declaration, or nil when the name is unknown.
    public static func dimension(named name: String) -> Dimension? {
        if typeNames.contains(name) { return .dimensionless }
        return units.first { $0.names.contains(name) }?.dimension
    }

    /// The display symbol of a dimension when it is one of the named units.
    static func displayName(for dimension: Dimension) -> String? {
        units.first { $0.dimension == dimension && $0.symbol != "1" }?.symbol
    }

    /// Evaluates a declared unit expression (`volt`, `siemens/metre**2`, `1`, `second**-0.5`).
    public static func evaluate(_ unit: Expr) throws -> Dimension {
        switch unit {
        case .number(let value, _) where value == 1:
            return .dimensionless
        case .name(let name):
            guard let dimension = dimension(named: name) else {
                throw RanvierError(.unknownIdentifier, "Unknown unit '\(name)' in a unit declaration; use SI base or derived units such as volt, amp, second, siemens, farad, metre, Hz or 1")
            }
            return dimension
        case .binary(.multiply, let lhs, let rhs):
            return try evaluate(lhs) * evaluate(rhs)
        case .binary(.divide, let lhs, let rhs):
            return try evaluate(lhs) / evaluate(rhs)
        case .binary(.power, let base, let exponent):
            guard let value = constantNumber(exponent) else {
                throw RanvierError(.syntax, "The exponent in a unit declaration must be a number, got '\(exponent.sourceText)'")
            }
            return try evaluate(base).power(value)
        default:
            throw RanvierError(.syntax, "Invalid unit declaration '\(unit.sourceText)'; expected a unit such as volt, amp/metre**2 or 1")
        }
    }

    private static func constantNumber(_ expr: Expr) -> Double? {
        switch expr {
        case .number(let value, _): return value
        case .unary(.negate, let inner): return constantNumber(inner).map { -$0 }
        case .unary(.plus, let inner): return constantNumber(inner)
        default: return nil
        }
    }
}
