/// The text being parsed, kept as lines so that every syntax error can quote the offending line and
/// point at the column with a caret.
struct SourceText {
    /// What the text is, for messages: "equations", "code" or "expression".
    let context: String
    /// The lines of the text as Unicode scalars; columns count scalars.
    let lines: [[Unicode.Scalar]]

    init(_ text: String, context: String) {
        self.context = context
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == "\n" { lines.append([]) } else { lines[lines.count - 1].append(scalar) }
        }
        self.lines = lines
    }

    /// The text of a line (0-based index) without its line break.
    func lineText(_ line: Int) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: lines[line])
        return text
    }

    /// A `.syntax` error whose message names the problem, then shows the line (without its
    /// indentation) and a caret under `column`; both positions are 0-based.
    func error(_ problem: String, line: Int, column: Int) -> RanvierError {
        let scalars = lines[line]
        let indent = scalars.prefix { $0 == " " || $0 == "\t" }.count
        var shown = String.UnicodeScalarView()
        shown.append(contentsOf: scalars[indent...])
        var text = String(shown)
        while text.last == " " || text.last == "\t" || text.last == "\r" { text.removeLast() }
        let caretOffset = max(0, column - indent)
        let place = lines.count > 1 ? ", line \(line + 1)" : ""
        let message = "Invalid syntax in \(context)\(place): \(problem)\n"
            + "    \(text)\n"
            + "    \(String(repeating: " ", count: caretOffset))^"
        return RanvierError(.syntax, message)
    }
}

/// What a token is.
enum TokenKind: Equatable {
    /// A numeric literal; `isInteger` when written without a point or an exponent.
    case number(Double, isInteger: Bool)
    /// A name, including the word operators `and`, `or`, `not`.
    case identifier(String)
    /// An operator or punctuation mark such as `**`, `+=`, `(` or `:`.
    case symbol(String)
    /// The end of a line (or a `;`, which separates statements like a line break).
    case newline
    /// The end of the text.
    case end
}

/// One token with its 0-based position, so errors can point at it.
struct Token {
    let kind: TokenKind
    /// The characters as written (empty for `newline` at a line end, and for `end`).
    let text: String
    let line: Int
    let column: Int

    /// Length in scalars.
    var length: Int { text.unicodeScalars.count }

    /// The token as a user would recognise it in a message.
    var quoted: String {
        switch kind {
        case .number, .identifier, .symbol: return "'\(text)'"
        case .newline: return text == ";" ? "';'" : "end of line"
        case .end: return "end of text"
        }
    }

    /// Whether this token is the given operator or punctuation mark.
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }
}

/// Splits text in Brian2's code language (a Python subset) into tokens. Comments (`#` to the end
/// of the line) and backslash line continuations are dropped; line breaks become `newline` tokens
/// because statements and equations are line-based.
struct Lexer {
    private let source: SourceText
    private var tokens: [Token] = []

    /// Two-character operators, tried before single characters so `**` is not read as `*` `*`.
    private static let twoCharacterSymbols: Set<String> = [
        "**", "//", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=",
    ]
    private static let oneCharacterSymbols: Set<Unicode.Scalar> = [
        "+", "-", "*", "/", "%", "<", ">", "=", "(", ")", ",", ":",
    ]
    /// Python operators outside the language, with the spelling to use instead.
    private static let unsupportedSymbols: [Unicode.Scalar: String] = [
        "&": "'&' is not supported — use 'and'",
        "|": "'|' is not supported — use 'or'",
        "~": "'~' is not supported — use 'not'",
        "^": "'^' is not supported — use '**' for powers",
        "!": "'!' is not supported — use 'not' (or '!=' to compare)",
    ]

    /// Tokenises `source`; the result always ends with an `end` token.
    static func tokenize(_ source: SourceText) throws -> [Token] {
        var lexer = Lexer(source: source)
        for line in source.lines.indices {
            try lexer.scan(line: line)
            let isLast = line == source.lines.count - 1
            let continues = lexer.endsWithBackslash(line)
            if !isLast && !continues {
                lexer.tokens.append(Token(kind: .newline, text: "", line: line, column: source.lines[line].count))
            }
        }
        let lastLine = source.lines.count - 1
        lexer.tokens.append(Token(kind: .end, text: "", line: lastLine, column: source.lines[lastLine].count))
        return lexer.tokens
    }

    private init(source: SourceText) { self.source = source }

    /// Whether the line's code (before any comment) ends in `\`, joining it to the next line.
    private func endsWithBackslash(_ line: Int) -> Bool {
        let code = source.lines[line].prefix { $0 != "#" }
        return code.last { !Lexer.isBlank($0) } == "\\"
    }

    private static func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\u{0C}" }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_"
    }
    private static func isNameContinuation(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || isDigit(c) }

    private mutating func scan(line: Int) throws {
        let chars = source.lines[line]
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if Lexer.isBlank(c) { i += 1; continue }
            if c == "#" { return }
            if c == "\\" {
                guard chars[(i + 1)...].allSatisfy({ Lexer.isBlank($0) }) else {
                    throw source.error("a '\\' continues a line only as the last character of the line", line: line, column: i)
                }
                return
            }
            if c == ";" {
                tokens.append(Token(kind: .newline, text: ";", line: line, column: i))
                i += 1
            } else if Lexer.isDigit(c) || (c == "." && i + 1 < chars.count && Lexer.isDigit(chars[i + 1])) {
                i = try scanNumber(chars, line: line, start: i)
            } else if Lexer.isNameStart(c) {
                var end = i + 1
                while end < chars.count && Lexer.isNameContinuation(chars[end]) { end += 1 }
                let name = text(chars, i, end)
                tokens.append(Token(kind: .identifier(name), text: name, line: line, column: i))
                i = end
            } else if i + 1 < chars.count, Lexer.twoCharacterSymbols.contains(text(chars, i, i + 2)) {
                let symbol = text(chars, i, i + 2)
                tokens.append(Token(kind: .symbol(symbol), text: symbol, line: line, column: i))
                i += 2
            } else if Lexer.oneCharacterSymbols.contains(c) {
                tokens.append(Token(kind: .symbol(String(Character(c))), text: String(Character(c)), line: line, column: i))
                i += 1
            } else if let hint = Lexer.unsupportedSymbols[c] {
                throw source.error(hint, line: line, column: i)
            } else {
                throw source.error("unknown character '\(Character(c))'", line: line, column: i)
            }
        }
    }

    /// Reads `digits [. digits] [e [+-] digits]` (or `.digits ...`) and rejects anything glued to
    /// it (`1.2.3`, `2x`, `1e`), as Python does.
    private mutating func scanNumber(_ chars: [Unicode.Scalar], line: Int, start: Int) throws -> Int {
        var i = start
        var isInteger = true
        func digits() { while i < chars.count && Lexer.isDigit(chars[i]) { i += 1 } }
        digits()
        if i < chars.count && chars[i] == "." {
            isInteger = false
            i += 1
            digits()
        }
        if i < chars.count && (chars[i] == "e" || chars[i] == "E") {
            var j = i + 1
            if j < chars.count && (chars[j] == "+" || chars[j] == "-") { j += 1 }
            if j < chars.count && Lexer.isDigit(chars[j]) {
                isInteger = false
                i = j
                digits()
            }
        }
        if i < chars.count && (Lexer.isNameContinuation(chars[i]) || chars[i] == ".") {
            var end = i
            while end < chars.count && (Lexer.isNameContinuation(chars[end]) || chars[end] == ".") { end += 1 }
            throw source.error("malformed number '\(text(chars, start, end))'", line: line, column: start)
        }
        let spelling = text(chars, start, i)
        if isInteger && spelling.count > 1 && spelling.first == "0" && spelling.contains(where: { $0 != "0" }) {
            throw source.error("leading zeros are not allowed in the integer '\(spelling)'", line: line, column: start)
        }
        guard let value = Double(spelling) else {
            throw source.error("malformed number '\(spelling)'", line: line, column: start)
        }
        tokens.append(Token(kind: .number(value, isInteger: isInteger), text: spelling, line: line, column: start))
        return i
    }

    private func text(_ chars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: chars[start..<end])
        return String(view)
    }
}
