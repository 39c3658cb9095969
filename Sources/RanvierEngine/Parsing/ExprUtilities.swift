extension Expr {
    /// Every name the expression reads (variables, constants, `True`/`False`, units), not
    /// counting the names of called functions.
    public var identifiers: Set<String> {
        var names: Set<String> = []
        visit { if case let .name(name) = $0 { names.insert(name) } }
        return names
    }

    /// Every name the caller's namespace may have to supply: the names read and the called
    /// functions that are not built in (a `TimedArray` `ta` in `ta(t)`).
    public var externalCandidates: Set<String> {
        identifiers.union(functionNames.filter { OperationTable.functions[$0] == nil })
    }

    /// Whether the expression reads `t` anywhere except as the first argument, as such, of a call to
    /// one of `functions`.
    public func readsTime(outsideCallsTo functions: Set<String>) -> Bool {
        switch self {
        case .number: return false
        case let .name(name): return name == "t"
        case let .unary(_, operand): return operand.readsTime(outsideCallsTo: functions)
        case let .binary(_, left, right), let .comparison(_, left, right), let .logical(_, left, right):
            return left.readsTime(outsideCallsTo: functions) || right.readsTime(outsideCallsTo: functions)
        case let .call(name, arguments):
            return arguments.enumerated().contains { k, argument in
                !(k == 0 && functions.contains(name) && argument == .name("t")) && argument.readsTime(outsideCallsTo: functions)
            }
        }
    }

    /// The names of all functions called in the expression.
    public var functionNames: Set<String> {
        var names: Set<String> = []
        visit { if case let .call(name, _) = $0 { names.insert(name) } }
        return names
    }

    /// The expression with each name in `map` replaced by its expression (function names are
    /// left alone); replacements are not themselves substituted again.
    public func substituting(_ map: [String: Expr]) -> Expr {
        switch self {
        case .number: return self
        case let .name(name): return map[name] ?? self
        case let .unary(op, operand): return .unary(op, operand.substituting(map))
        case let .binary(op, left, right): return .binary(op, left.substituting(map), right.substituting(map))
        case let .comparison(op, left, right): return .comparison(op, left.substituting(map), right.substituting(map))
        case let .logical(op, left, right): return .logical(op, left.substituting(map), right.substituting(map))
        case let .call(name, arguments): return .call(name, arguments.map { $0.substituting(map) })
        }
    }

    /// Calls `body` on this node and every node below it, parents first.
    private func visit(_ body: (Expr) -> Void) {
        body(self)
        switch self {
        case .number, .name: break
        case let .unary(_, operand): operand.visit(body)
        case let .binary(_, left, right), let .comparison(_, left, right), let .logical(_, left, right):
            left.visit(body)
            right.visit(body)
        case let .call(_, arguments): arguments.forEach { $0.visit(body) }
        }
    }

    /// The expression as code, with only the parentheses Python's precedence needs;
    /// `ModelParser.parseExpression` reads it back to an equal tree (negative or non-finite
    /// number literals, which the parser never produces, come back as a negation or a name).
    public var sourceText: String {
        switch self {
        case let .number(value, isInteger): return Expr.literal(value, isInteger: isInteger)
        case let .name(name): return name
        case let .unary(op, operand):
            let spelling = op == .not ? "not " : op.rawValue
            return spelling + operand.printed(parenthesisedBelow: precedence)
        case let .binary(.power, base, exponent):
            // Right-associative, and its right operand may be a signed factor (`2**-1`).
            return base.printed(parenthesisedBelow: Precedence.power + 1) + "**"
                + exponent.printed(parenthesisedBelow: Precedence.sign)
        case let .binary(op, left, right):
            return infix(op.rawValue, left, right)
        case let .comparison(op, left, right):
            // Both sides need brackets at equal level: `(a < b) < c` is not a chain.
            return left.printed(parenthesisedBelow: precedence + 1) + " \(op.rawValue) "
                + right.printed(parenthesisedBelow: precedence + 1)
        case let .logical(op, left, right):
            return infix(op.rawValue, left, right)
        case let .call(name, arguments):
            return name + "(" + arguments.map(\.sourceText).joined(separator: ", ") + ")"
        }
    }

    /// Binding strength of each form, loosest first, following Python's grammar.
    private enum Precedence {
        static let or = 1, and = 2, not = 3, comparison = 4, sum = 5, product = 6, sign = 7, power = 8, atom = 9
    }

    private var precedence: Int {
        switch self {
        case let .number(value, _): return value.sign == .minus ? Precedence.sign : Precedence.atom
        case .name, .call: return Precedence.atom
        case let .unary(op, _): return op == .not ? Precedence.not : Precedence.sign
        case let .binary(op, _, _):
            switch op {
            case .add, .subtract: return Precedence.sum
            case .multiply, .divide, .floorDivide, .modulo: return Precedence.product
            case .power: return Precedence.power
            }
        case .comparison: return Precedence.comparison
        case let .logical(op, _, _): return op == .and ? Precedence.and : Precedence.or
        }
    }

    /// Left-associative binary form: the right side needs brackets at equal precedence.
    private func infix(_ symbol: String, _ left: Expr, _ right: Expr) -> String {
        left.printed(parenthesisedBelow: precedence) + " \(symbol) " + right.printed(parenthesisedBelow: precedence + 1)
    }

    private func printed(parenthesisedBelow level: Int) -> String {
        precedence < level ? "(" + sourceText + ")" : sourceText
    }

    private static func literal(_ value: Double, isInteger: Bool) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if isInteger && value == value.rounded() && abs(value) < 1e18 { return String(Int64(value)) }
        return String(value)
    }
}

extension Statement {
    /// The statement as one line of code, e.g. `v += w * 2`.
    public var sourceText: String { "\(target) \(op.rawValue) \(value.sourceText)" }
}
