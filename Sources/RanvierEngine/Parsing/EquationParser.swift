extension ModelParser {
    /// Parses a model in Brian2's equation syntax, one declaration per line:
    /// `dx/dt = rhs : unit (flags)`, `x = expr : unit (flags)` or `x : unit (flags)`.
    ///
    /// As in Brian2, a right-hand side may continue over several lines (everything up to the
    /// `:` belongs to it); blank lines and `#` comments are ignored. Units are products, quotients
    /// and numeric powers of names and numbers (`1`, `amp/metre**2`, `metre**-0.5`); flags are
    /// comma-separated words inside one pair of parentheses, stored with whitespace collapsed.
    /// Whether unit names and flags are meaningful is checked by the caller, not here.
    /// - Throws: `RanvierError(.syntax, …)` quoting the offending line with a caret, also when a
    ///   variable is defined twice.
    public static func parseEquations(_ text: String) throws -> [Equation] {
        var parser = try ExpressionParser(text, context: "equations")
        var equations: [Equation] = []
        var definitionLines: [String: Int] = [:]
        while true {
            parser.skipLineBreaks()
            if parser.atEnd { return equations }
            let start = parser.peek()
            let equation = try parser.parseEquation()
            if let earlier = definitionLines[equation.name] {
                throw parser.error("duplicate definition of '\(equation.name)' (first defined on line \(earlier))", at: start)
            }
            definitionLines[equation.name] = equation.line
            equations.append(equation)
        }
    }
}

extension ExpressionParser {
    /// Parses one equation starting at the current token, up to the end of its (last) line.
    mutating func parseEquation() throws -> Equation {
        let first = peek()
        let (name, kind) = try parseDefinition()
        let colon = peek()
        guard colon.isSymbol(":") else { throw missingUnit(found: colon) }
        advance()
        let unit = try parseUnit(after: colon)
        let flags = peek().isSymbol("(") ? try parseFlags() : []
        let end = peek()
        if end.kind == .newline && end.text == ";" {
            throw error("';' does not separate equations — put each equation on its own line", at: end)
        }
        guard atLineEnd else {
            throw error(unexpected(end, expected: "'*', '/', flags in parentheses or the end of the line"), at: end)
        }
        return Equation(name: name, kind: kind, unit: unit, flags: flags, line: first.line + 1,
                        text: codeText(fromLine: first.line, toLine: lastConsumed?.line ?? first.line))
    }

    /// The part before the `:`: `dx/dt = rhs`, `x = expr` or `x`.
    private mutating func parseDefinition() throws -> (String, EquationKind) {
        let first = peek()
        guard case let .identifier(word) = first.kind else {
            if first.text == ";" { throw error("';' does not separate equations — put each equation on its own line", at: first) }
            throw error(unexpected(first, expected: "a variable name or a derivative 'dx/dt'"), at: first)
        }
        advance()
        if let variable = try parseDerivativeName(firstWord: word, at: first) {
            try expectEquals(after: "d\(variable)/dt")
            return (variable, .differential(try parseRightHandSide()))
        }
        try checkVariableName(word, at: first)
        if peek().isSymbol("=") {
            advance()
            return (word, .subexpression(try parseRightHandSide()))
        }
        if peek().isSymbol(":") || atLineEnd { return (word, .parameter) }
        throw error(unexpected(peek(), expected: "':' (a parameter), '=' (a subexpression), or a derivative 'dx/dt ='"), at: peek())
    }

    /// Reads the rest of `dx/dt` (also written `d x / dt`) when the line starts with one;
    /// nil when it is not a derivative.
    private mutating func parseDerivativeName(firstWord word: String, at first: Token) throws -> String? {
        let variable: String
        let nameColumn: Int
        if word == "d", case let .identifier(name) = peek().kind, peekSecond().isSymbol("/") {
            nameColumn = advance().column
            variable = name
        } else if peek().isSymbol("/") {
            guard word.count > 1, word.hasPrefix("d") else {
                throw error("a derivative is written 'dx/dt', with 'd' before the variable name", at: first)
            }
            variable = String(word.dropFirst())
            nameColumn = first.column + 1
        } else {
            return nil
        }
        advance()  // the '/'
        let denominator = peek()
        guard denominator.kind == .identifier("dt") else {
            let written = denominator.kind == .newline || denominator.kind == .end ? "" : ", not 'd\(variable)/\(denominator.text)'"
            throw error("derivatives are taken with respect to time: write 'd\(variable)/dt'\(written)", at: denominator)
        }
        advance()
        try checkVariableName(variable, line: first.line, column: nameColumn)
        return variable
    }

    private mutating func expectEquals(after derivative: String) throws {
        let next = peek()
        guard next.isSymbol("=") else {
            throw error(unexpected(next, expected: "'=' and the right-hand side of '\(derivative)'"), at: next)
        }
        advance()
    }

    /// An expression that, as in Brian2, may continue over following lines up to the `:`.
    private mutating func parseRightHandSide() throws -> Expr {
        lineBreaksAreSpace = true
        defer { lineBreaksAreSpace = false }
        return try parseExpression()
    }

    /// The error for an equation whose definition is not followed by `: unit`.
    private func missingUnit(found next: Token) -> RanvierError {
        guard let last = lastConsumed else { return error("missing unit", at: next) }
        if next.kind == .end || next.kind == .newline || next.line != last.line {
            return error("missing unit — an equation ends with ': unit', such as ': volt' or ': 1'",
                         line: last.line, column: last.column + last.length)
        }
        return error(unexpected(next, expected: "an operator, or ':' and the unit"), at: next)
    }

    /// A product/quotient of names and numbers with numeric powers (no parentheses: a `(` after
    /// the unit starts the flags).
    private mutating func parseUnit(after colon: Token) throws -> Expr {
        if atLineEnd {
            throw error("missing unit after ':' — write ': 1' for a dimensionless variable", at: colon)
        }
        var unit = try parseUnitPower()
        while case let .symbol(symbol) = peek().kind, symbol == "*" || symbol == "/" {
            advance()
            unit = .binary(symbol == "*" ? .multiply : .divide, unit, try parseUnitPower())
        }
        return unit
    }

    private mutating func parseUnitPower() throws -> Expr {
        let token = peek()
        let base: Expr
        switch token.kind {
        case let .identifier(name): base = .name(name)
        case let .number(value, isInteger): base = .number(value, isInteger: isInteger)
        default:
            throw error(unexpected(token, expected: "a unit name such as 'volt', or '1'"), at: token)
        }
        advance()
        guard peek().isSymbol("**") else { return base }
        advance()
        var negative = false
        if case let .symbol(sign) = peek().kind, sign == "-" || sign == "+" {
            negative = sign == "-"
            advance()
        }
        guard case let .number(value, isInteger) = peek().kind else {
            throw error(unexpected(peek(), expected: "a number as the exponent of the unit"), at: peek())
        }
        advance()
        let exponent = Expr.number(value, isInteger: isInteger)
        return .binary(.power, base, negative ? .unary(.negate, exponent) : exponent)
    }

    /// `(flag, flag, …)` on one line; each flag is words of letters, digits, `_` and `-`,
    /// kept as written with runs of whitespace collapsed to one space.
    private mutating func parseFlags() throws -> [String] {
        let open = advance()
        var flags: [String] = []
        while true {
            var words: [Token] = []
            while !atLineEnd && !peek().isSymbol(",") && !peek().isSymbol(")") {
                let token = advance()
                guard isFlagPart(token, first: words.isEmpty) else {
                    throw error("invalid flag: flags are words such as 'constant' or 'unless refractory', found \(token.quoted)", at: token)
                }
                words.append(token)
            }
            let separator = peek()
            // As in Brian2, a flag list is on one line: a '\\' continuation inside it is an error
            // (and a flag's text is sliced from one line).
            if separator.line != open.line {
                throw error("the flag list must be on one line — a '\\' continuation cannot split it", at: separator)
            }
            if atLineEnd {
                throw error("the flag list is never closed — expected ')'", line: separator.line, column: separator.column)
            }
            guard let firstWord = words.first, let lastWord = words.last else {
                throw error("empty flag in the flag list opened at column \(open.column + 1)", at: separator)
            }
            flags.append(flagText(from: firstWord, to: lastWord))
            advance()
            if separator.isSymbol(")") { return flags }
        }
    }

    private func isFlagPart(_ token: Token, first: Bool) -> Bool {
        switch token.kind {
        case .identifier: return true
        case .number: return !first
        case .symbol("-"): return !first
        default: return false
        }
    }

    private func flagText(from first: Token, to last: Token) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: source.lines[first.line][first.column..<(last.column + last.length)])
        return String(view).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    private func checkVariableName(_ name: String, at token: Token) throws {
        try checkVariableName(name, line: token.line, column: token.column)
    }

    private func checkVariableName(_ name: String, line: Int, column: Int) throws {
        if pythonKeywords.contains(name) || name == "True" || name == "False" {
            throw error("'\(name)' is a Python keyword and cannot be a variable name", line: line, column: column)
        }
    }

    /// The code of an equation's lines (comments removed, whitespace trimmed) on one line.
    private func codeText(fromLine start: Int, toLine end: Int) -> String {
        (start...end).map { line -> String in
            let code = source.lineText(line).prefix { $0 != "#" }
            return String(code.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
