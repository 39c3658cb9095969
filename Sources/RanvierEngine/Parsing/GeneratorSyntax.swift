/// Brian2's generator syntax for `connect(j=...)`: `EXPR for VAR in range(...) if COND` or
/// `EXPR for VAR in sample(..., p=...)`, or a plain expression (`j='i'`).
public struct ConnectionGenerator: Equatable {
    /// How the loop variable's values are produced.
    public enum Iterator: Equatable {
        /// `range(start, stop, step)`; a missing start is 0 and a missing step is 1.
        case range(start: Expr, stop: Expr, step: Expr)
        /// `sample(start, stop, step, p=...)` keeps each value with probability p;
        /// `sample(..., size=...)` draws that many distinct values.
        case sample(start: Expr, stop: Expr, step: Expr, probability: Expr?, size: Expr?)
    }

    /// The target index as a function of the loop variable (and `i`).
    public let expression: Expr
    /// The loop variable and iterator; nil for a plain expression (one target per source).
    public let variable: String?
    public let iterator: Iterator?
    public let condition: Expr?

    /// Parses `text`; errors point at the part that is malformed.
    public static func parse(_ text: String) throws -> ConnectionGenerator {
        let characters = Array(text)
        guard let forPosition = keyword("for", in: characters, from: 0) else {
            return ConnectionGenerator(expression: try ModelParser.parseExpression(text), variable: nil, iterator: nil, condition: nil)
        }
        guard let inPosition = keyword("in", in: characters, from: forPosition + 3) else {
            throw syntaxError(text, "expected 'in' after 'for VARIABLE'", at: forPosition)
        }
        let ifPosition = keyword("if", in: characters, from: inPosition + 2)
        let expression = try ModelParser.parseExpression(String(characters[0..<forPosition]))
        let variable = String(characters[(forPosition + 3)..<inPosition]).trimmingSpaces()
        guard isIdentifier(variable) else {
            throw syntaxError(text, "expected a variable name between 'for' and 'in', got '\(variable)'", at: forPosition + 3)
        }
        let iteratorText = String(characters[(inPosition + 2)..<(ifPosition ?? characters.count)]).trimmingSpaces()
        let iterator = try parseIterator(iteratorText, whole: text, at: inPosition + 2)
        let condition = try ifPosition.map { try ModelParser.parseExpression(String(characters[($0 + 2)...])) }
        return ConnectionGenerator(expression: expression, variable: variable, iterator: iterator, condition: condition)
    }

    private static func parseIterator(_ text: String, whole: String, at column: Int) throws -> Iterator {
        let kind: String
        if text.hasPrefix("range(") { kind = "range" } else if text.hasPrefix("sample(") { kind = "sample" } else {
            throw syntaxError(whole, "expected range(...) or sample(...) after 'in', got '\(text)'", at: column)
        }
        guard text.hasSuffix(")") else { throw syntaxError(whole, "unclosed '(' in '\(text)'", at: column) }
        let inner = Array(text.dropFirst(kind.count + 1).dropLast())
        var positional: [Expr] = []
        var keywords: [String: Expr] = [:]
        for part in splitTopLevel(inner) {
            let piece = String(part).trimmingSpaces()
            if let equals = piece.firstIndex(of: "="), piece[piece.index(after: equals)...].first != "=",
               isIdentifier(String(piece[..<equals]).trimmingSpaces()) {
                let name = String(piece[..<equals]).trimmingSpaces()
                guard kind == "sample", name == "p" || name == "size" else {
                    throw syntaxError(whole, "unknown keyword argument '\(name)' for \(kind)()", at: column)
                }
                keywords[name] = try ModelParser.parseExpression(String(piece[piece.index(after: equals)...]))
            } else {
                positional.append(try ModelParser.parseExpression(piece))
            }
        }
        let zero = Expr.number(0, isInteger: true), one = Expr.number(1, isInteger: true)
        let bounds: (Expr, Expr, Expr)
        switch positional.count {
        case 1: bounds = (zero, positional[0], one)
        case 2: bounds = (positional[0], positional[1], one)
        case 3: bounds = (positional[0], positional[1], positional[2])
        default: throw syntaxError(whole, "\(kind)() takes 1 to 3 positional arguments, got \(positional.count)", at: column)
        }
        if kind == "range" { return .range(start: bounds.0, stop: bounds.1, step: bounds.2) }
        guard (keywords["p"] == nil) != (keywords["size"] == nil) else {
            throw syntaxError(whole, "sample() needs exactly one of p=... or size=...", at: column)
        }
        return .sample(start: bounds.0, stop: bounds.1, step: bounds.2, probability: keywords["p"], size: keywords["size"])
    }

    /// Splits at commas outside parentheses.
    private static func splitTopLevel(_ characters: [Character]) -> [ArraySlice<Character>] {
        var parts: [ArraySlice<Character>] = []
        var depth = 0, start = 0
        for (k, c) in characters.enumerated() {
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } else if c == "," && depth == 0 {
                parts.append(characters[start..<k])
                start = k + 1
            }
        }
        parts.append(characters[start...])
        return parts
    }

    /// The position of `word` as a whole word outside parentheses, at or after `from`.
    private static func keyword(_ word: String, in characters: [Character], from: Int) -> Int? {
        let pattern = Array(word)
        var depth = 0
        var k = 0
        while k < characters.count {
            let c = characters[k]
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if k >= from, depth == 0, k + pattern.count <= characters.count, Array(characters[k..<(k + pattern.count)]) == pattern,
               k == 0 || !isIdentifierCharacter(characters[k - 1]),
               k + pattern.count == characters.count || !isIdentifierCharacter(characters[k + pattern.count]) {
                return k
            }
            k += 1
        }
        return nil
    }

    private static func isIdentifierCharacter(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first == "_" || first.isLetter else { return false }
        return text.allSatisfy(isIdentifierCharacter)
    }

    private static func syntaxError(_ text: String, _ problem: String, at column: Int) -> RanvierError {
        RanvierError(.syntax, "Invalid syntax in the connection generator: \(problem)\n    \(text)\n    \(String(repeating: " ", count: Swift.max(column, 0)))^")
    }
}
