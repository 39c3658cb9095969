/// Unary operators of the code language.
public enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+", not = "not"
}

/// Arithmetic operators of the code language (Python semantics: `/` is true division).
public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%", power = "**"
}

/// Comparison operators; a chain `a < b < c` is parsed as `(a < b) and (b < c)`.
public enum ComparisonOperator: String, Sendable {
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
}

/// Short-circuit-free boolean connectives (element-wise, as in Brian2's vectorised code).
public enum LogicalOperator: String, Sendable {
    case and, or
}

/// An expression of Brian2's code language (a subset of Python).
public indirect enum Expr: Equatable, Sendable {
    /// A numeric literal; `isInteger` is true for literals written without a point or exponent.
    case number(Double, isInteger: Bool)
    /// An identifier: a model variable, `t`, `dt`, `i`, `N`, `xi`, `True`/`False`, or an external name.
    case name(String)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case comparison(ComparisonOperator, Expr, Expr)
    case logical(LogicalOperator, Expr, Expr)
    /// A function call such as `exp(x)` or `rand()`.
    case call(String, [Expr])
}

/// Assignment forms allowed in reset, on_pre and initialisation code.
public enum AssignmentOperator: String, Sendable {
    case assign = "=", add = "+=", subtract = "-=", multiply = "*=", divide = "/="
}

/// One line of code such as `v = 0` or `vt += delta_vt0`.
public struct Statement: Equatable, Sendable {
    /// The variable written.
    public var target: String
    public var op: AssignmentOperator
    public var value: Expr
    /// 1-based line in the code block, for messages.
    public var line: Int

    public init(target: String, op: AssignmentOperator, value: Expr, line: Int) {
        self.target = target
        self.op = op
        self.value = value
        self.line = line
    }
}

/// What a line of a model declares.
public enum EquationKind: Equatable, Sendable {
    /// `dx/dt = rhs : unit`
    case differential(Expr)
    /// `x = expr : unit`
    case subexpression(Expr)
    /// `x : unit`
    case parameter
}

/// One declaration of a model (`dv/dt = (1-v)/tau : 1 (unless refractory)`).
public struct Equation: Equatable, Sendable {
    /// The variable defined.
    public var name: String
    public var kind: EquationKind
    /// The declared unit, as an expression over unit names (`1`, `volt`, `siemens/metre**2`, `boolean`).
    public var unit: Expr
    /// Flags in the order written, normalised to single spaces (`unless refractory`, `constant`, `shared`).
    public var flags: [String]
    /// 1-based line in the model text, and that line's text, for messages.
    public var line: Int
    public var text: String

    public init(name: String, kind: EquationKind, unit: Expr, flags: [String], line: Int, text: String) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.flags = flags
        self.line = line
        self.text = text
    }
}
