/// Physical dimension as exponents of the seven SI base units (m, kg, s, A, K, mol, cd).
///
/// Exponents are `Double` because Brian2 models use half-integer powers (`tau**-0.5`, `xi`).
public struct Dimension: Hashable, Sendable, CustomStringConvertible {
    /// Exponents in the order metre, kilogram, second, ampere, kelvin, mole, candela.
    public var exponents: [Double]

    /// The number of SI base dimensions.
    public static let count = 7
    /// Symbols of the base units, in exponent order.
    static let baseSymbols = ["m", "kg", "s", "A", "K", "mol", "cd"]

    /// Creates a dimension from its seven exponents (missing trailing exponents are zero).
    public init(_ exponents: [Double]) {
        var padded = Array(exponents.prefix(Dimension.count))
        while padded.count < Dimension.count { padded.append(0) }
        self.exponents = padded
    }

    /// Creates a dimension by naming its base exponents.
    public init(m: Double = 0, kg: Double = 0, s: Double = 0, A: Double = 0, K: Double = 0, mol: Double = 0, cd: Double = 0) {
        self.init([m, kg, s, A, K, mol, cd])
    }

    public static let dimensionless = Dimension([])
    public static let time = Dimension(s: 1)
    public static let frequency = Dimension(s: -1)

    /// True when every exponent is zero.
    public var isDimensionless: Bool { exponents.allSatisfy { $0 == 0 } }

    public static func * (lhs: Dimension, rhs: Dimension) -> Dimension {
        Dimension(zip(lhs.exponents, rhs.exponents).map { $0 + $1 })
    }

    public static func / (lhs: Dimension, rhs: Dimension) -> Dimension {
        Dimension(zip(lhs.exponents, rhs.exponents).map { $0 - $1 })
    }

    /// The dimension raised to a real power.
    public func power(_ exponent: Double) -> Dimension {
        Dimension(exponents.map { $0 * exponent })
    }

    /// A short name for messages: a named unit when one matches (`V`, `Hz`), else base units (`m^2 kg s^-3`).
    public var description: String {
        if isDimensionless { return "1" }
        if let named = UnitTable.displayName(for: self) { return named }
        var parts: [String] = []
        for (symbol, exponent) in zip(Dimension.baseSymbols, exponents) where exponent != 0 {
            parts.append(exponent == 1 ? symbol : "\(symbol)^\(formatExponent(exponent))")
        }
        return parts.joined(separator: " ")
    }

    private func formatExponent(_ value: Double) -> String {
        value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
