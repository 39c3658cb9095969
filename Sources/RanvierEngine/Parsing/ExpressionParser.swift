/// Entry points for parsing Brian2's model language: expressions, code statements and equations.
public enum ModelParser {
    /// Parses one expression (a threshold, a subexpression, a value given as a string).
    /// Line breaks and `#` comments are allowed anywhere.
    /// - Throws: `RanvierError(.syntax, …)` quoting the offending line with a caret.
    public static func parseExpression(_ text: String) throws -> Expr {
        var parser = try ExpressionParser(text, context: "expression")
        parser.lineBreaksAreSpace = true
        guard !parser.atEnd else { throw parser.error("empty expression", at: parser.peek()) }
        let expression = try parser.parseExpression()
        let next = parser.peek()
        guard next.kind == .end else {
            throw parser.error(parser.unexpected(next, expected: "an operator or the end of the expression"), at: next)
        }
        return expression
    }

    /// Parses code such as a reset: one assignment (`=`, `+=`, `-=`, `*=`, `/=`) per line or per
    /// `;`-separated part; blank lines and `#` comments are skipped; an expression may continue
    /// over several lines inside brackets or after a trailing `\`.
    /// - Throws: `RanvierError(.syntax, …)` for any line that is not a well-formed assignment.
    public static func parseStatements(_ text: String) throws -> [Statement] {
        var parser = try ExpressionParser(text, context: "code")
        var statements: [Statement] = []
        while true {
            parser.skipLineBreaks()
            if parser.atEnd { return statements }
            statements.append(try parser.parseStatement())
        }
    }
}

/// Keywords of Python that cannot be names in the code language (`True` and `False` are kept as
/// names: the engine gives them their boolean values).
let pythonKeywords: Set<String> = [
    "None", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]

/// A recursive-descent parser over tokens, with Python's precedence (loosest first):
/// `or`, `and`, `not`, comparisons (chainable), `+ -`, `* / // %`, unary `+ -`, `**` (right
/// associative; its right operand may carry a sign, so `2**-1` works), then atoms.
struct ExpressionParser {
    let source: SourceText
    private let tokens: [Token]
    private var position = 0
    /// The token consumed last, so a missing operand can be reported at its operator.
    private(set) var lastConsumed: Token?
    /// Open brackets: inside them line breaks are whitespace, as in Python.
    private var openBrackets: [Token] = []
    /// Whether line breaks are whitespace even outside brackets (equation right-hand sides and
    /// standalone expressions).
    var lineBreaksAreSpace = false
    /// An upper bound on the depth of the tree being built, so absurd input gets an error
    /// instead of exhausting the stack here or in whatever walks the tree later.
    private var depth = 0
    static let maximumDepth = 400

    init(_ text: String, context: String) throws {
        source = SourceText(text, context: context)
        tokens = try Lexer.tokenize(source)
    }

    // MARK: Token cursor

    /// The next token, skipping line breaks where they do not end anything. A `;` is never
    /// skipped: it always separates statements.
    mutating func peek() -> Token {
        if lineBreaksAreSpace || !openBrackets.isEmpty {
            while tokens[position].kind == .newline && tokens[position].text != ";" { position += 1 }
        }
        return tokens[position]
    }

    /// The token after `peek()`, without skipping anything.
    mutating func peekSecond() -> Token {
        _ = peek()
        return tokens[min(position + 1, tokens.count - 1)]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek()
        if token.kind != .end { position += 1 }
        lastConsumed = token
        return token
    }

    var atEnd: Bool { mutating get { peek().kind == .end } }

    /// Whether the next token ends a line (or the text).
    var atLineEnd: Bool {
        mutating get {
            let kind = peek().kind
            return kind == .newline || kind == .end
        }
    }

    mutating func skipLineBreaks() {
        while tokens[position].kind == .newline { position += 1 }
    }

    func error(_ problem: String, at token: Token) -> RanvierError {
        source.error(problem, line: token.line, column: token.column)
    }

    func error(_ problem: String, line: Int, column: Int) -> RanvierError {
        source.error(problem, line: line, column: column)
    }

    /// "unexpected X — expected Y", with a hint for common slips.
    func unexpected(_ token: Token, expected: String) -> String {
        if token.isSymbol(")") && openBrackets.isEmpty { return "unmatched ')'" }
        if token.isSymbol("=") {
            if let previous = lastConsumed, case let .symbol(symbol) = previous.kind,
               previous.line == token.line, previous.column + previous.length == token.column {
                return "'\(symbol)=' is not supported — use '=', '+=', '-=', '*=' or '/='"
            }
            return "unexpected '=' — use '==' to compare"
        }
        return "unexpected \(token.quoted) — expected \(expected)"
    }

    // MARK: Statements

    /// `name op expression` up to the end of the line (or a `;`).
    mutating func parseStatement() throws -> Statement {
        let first = peek()
        if case let .symbol(symbol) = first.kind, AssignmentOperator(rawValue: symbol) != nil {
            throw error("a variable name is missing before '\(symbol)'", at: first)
        }
        if case .identifier = first.kind, peekSecond().isSymbol("==") {
            throw error("'==' compares; use '=' to assign", at: peekSecond())
        }
        let target = try parseExpression()
        let opToken = peek()
        guard case let .symbol(symbol) = opToken.kind, let op = AssignmentOperator(rawValue: symbol) else {
            if atLineEnd {
                throw error("this line is not an assignment — expected '=', '+=', '-=', '*=' or '/=' after a variable name", at: first)
            }
            throw error(unexpected(opToken, expected: "an assignment operator ('=', '+=', '-=', '*=' or '/=')"), at: opToken)
        }
        guard case let .name(name) = target, name != "True", name != "False" else {
            throw error("cannot assign to '\(target.sourceText)' — the left side of '\(symbol)' must be a variable name", at: first)
        }
        advance()
        let value = try parseExpression()
        guard atLineEnd else { throw error(unexpected(peek(), expected: "the end of the statement"), at: peek()) }
        return Statement(target: name, op: op, value: value, line: first.line + 1)
    }

    // MARK: Expressions

    /// Accounts for one more level of tree depth (a recursion or a chain link).
    private mutating func descend() throws {
        depth += 1
        if depth > ExpressionParser.maximumDepth {
            throw error("the expression is nested too deeply (more than \(ExpressionParser.maximumDepth) levels)", at: peek())
        }
    }

    /// Parses one expression at the loosest precedence level.
    mutating func parseExpression() throws -> Expr { try parseOr() }

    private mutating func parseOr() throws -> Expr {
        var left = try parseAnd()
        let outerDepth = depth
        defer { depth = outerDepth }
        while peek().kind == .identifier("or") {
            try descend()
            advance()
            left = .logical(.or, left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws -> Expr {
        var left = try parseNot()
        let outerDepth = depth
        defer { depth = outerDepth }
        while peek().kind == .identifier("and") {
            try descend()
            advance()
            left = .logical(.and, left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws -> Expr {
        guard peek().kind == .identifier("not") else { return try parseComparison() }
        try descend()
        defer { depth -= 1 }
        advance()
        return .unary(.not, try parseNot())
    }

    /// One comparison `a < b`. Chains (`a < b < c`) are refused as Brian2 refuses them: its code
    /// generation handles single comparisons only, so a chain is not a valid Brian2 model.
    private mutating func parseComparison() throws -> Expr {
        let left = try parseArithmetic()
        guard case let .symbol(symbol) = peek().kind, let op = ComparisonOperator(rawValue: symbol) else { return left }
        advance()
        let right = try parseArithmetic()
        if case let .symbol(next) = peek().kind, ComparisonOperator(rawValue: next) != nil {
            throw error("Can only handle single comparisons like a<b, not chains like a<b<c (write them with 'and')", at: peek())
        }
        return .comparison(op, left, right)
    }

    private mutating func parseArithmetic() throws -> Expr {
        var left = try parseTerm()
        let outerDepth = depth
        defer { depth = outerDepth }
        while case let .symbol(symbol) = peek().kind, symbol == "+" || symbol == "-" {
            try descend()
            advance()
            left = .binary(BinaryOperator(rawValue: symbol)!, left, try parseTerm())
        }
        return left
    }

    private mutating func parseTerm() throws -> Expr {
        var left = try parseFactor()
        let outerDepth = depth
        defer { depth = outerDepth }
        while case let .symbol(symbol) = peek().kind, ["*", "/", "//", "%"].contains(symbol) {
            try descend()
            advance()
            left = .binary(BinaryOperator(rawValue: symbol)!, left, try parseFactor())
        }
        return left
    }

    /// Unary signs bind looser than `**` on their right: `-x**2` is `-(x**2)`.
    private mutating func parseFactor() throws -> Expr {
        if case let .symbol(symbol) = peek().kind, symbol == "-" || symbol == "+" {
            try descend()
            defer { depth -= 1 }
            advance()
            return .unary(symbol == "-" ? .negate : .plus, try parseFactor())
        }
        return try parsePower()
    }

    private mutating func parsePower() throws -> Expr {
        let base = try parseAtom()
        guard peek().isSymbol("**") else { return base }
        try descend()
        defer { depth -= 1 }
        advance()
        return .binary(.power, base, try parseFactor())
    }

    private mutating func parseAtom() throws -> Expr {
        let token = peek()
        switch token.kind {
        case let .number(value, isInteger):
            advance()
            return .number(value, isInteger: isInteger)
        case let .identifier(name):
            if name == "and" || name == "or" || name == "not" {
                throw error(unexpected(token, expected: "an expression"), at: token)
            }
            if pythonKeywords.contains(name) {
                throw error("'\(name)' is a Python keyword that the code language does not support", at: token)
            }
            advance()
            return peek().isSymbol("(") ? .call(name, try parseArguments(of: token)) : .name(name)
        case .symbol("("):
            try descend()
            defer { depth -= 1 }
            let open = advance()
            openBrackets.append(open)
            let inner = try parseExpression()
            try close(open, isCall: false)
            return inner
        case .newline, .end:
            guard let previous = lastConsumed else { throw error("empty expression", at: token) }
            throw error(missingOperand(before: token), at: previous)
        case .symbol:
            throw error(unexpected(token, expected: "an expression"), at: token)
        }
    }

    /// What is missing when an operand is absent, named after the token that needed it.
    private func missingOperand(before token: Token) -> String {
        guard let previous = lastConsumed else { return "unexpected \(token.quoted) — expected an expression" }
        if case let .symbol(symbol) = previous.kind, ExpressionParser.operandTakingSymbols.contains(symbol) {
            return "\(previous.quoted) needs an operand after it"
        }
        if case let .identifier(word) = previous.kind, ["and", "or", "not"].contains(word) {
            return "\(previous.quoted) needs an operand after it"
        }
        return "expected an expression after \(previous.quoted)"
    }

    private static let operandTakingSymbols: Set<String> = [
        "+", "-", "*", "/", "//", "%", "**", "<", "<=", ">", ">=", "==", "!=",
    ]

    /// `(a, b, …)` after a function name; a trailing comma is allowed, as in Python.
    private mutating func parseArguments(of function: Token) throws -> [Expr] {
        try descend()
        defer { depth -= 1 }
        let open = advance()
        openBrackets.append(open)
        var arguments: [Expr] = []
        while !peek().isSymbol(")") {
            arguments.append(try parseExpression())
            guard peek().isSymbol(",") else { break }
            advance()
        }
        try close(open, isCall: true)
        return arguments
    }

    /// Consumes the `)` matching `open`, or reports where the bracket was left open.
    private mutating func close(_ open: Token, isCall: Bool) throws {
        let next = peek()
        if next.isSymbol(")") {
            advance()
            openBrackets.removeLast()
            return
        }
        if next.kind == .end || next.kind == .newline {
            throw error("'(' is never closed — expected ')'", at: open)
        }
        let closers = isCall ? "',' or ')'" : "')'"
        let opened = "line \(open.line + 1), column \(open.column + 1)"
        throw error("unexpected \(next.quoted) — expected \(closers) to close the '(' opened at \(opened)", at: next)
    }
}
