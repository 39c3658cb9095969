import XCTest
@testable import RanvierEngine

// Expected trees follow Python's grammar (the language Brian2 code strings are written in).

private func parse(_ text: String) throws -> Expr { try ModelParser.parseExpression(text) }
private func id(_ n: String) -> Expr { .name(n) }
private func int(_ v: Double) -> Expr { .number(v, isInteger: true) }
private func real(_ v: Double) -> Expr { .number(v, isInteger: false) }

/// Asserts that `body` throws a `.syntax` error whose message contains `problem`, quotes
/// `lineText` and puts a caret under `column` (0-based, counted within `lineText`).
private func assertSyntaxError(
    _ body: () throws -> Void, lineText: String, column: Int, problem: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        try body()
        XCTFail("expected a syntax error", file: file, line: line)
    } catch let error as RanvierError {
        XCTAssertEqual(error.kind, .syntax, file: file, line: line)
        let quoted = "\n    \(lineText)\n    \(String(repeating: " ", count: column))^"
        XCTAssertTrue(error.message.contains(quoted), "caret or line wrong in:\n\(error.message)", file: file, line: line)
        XCTAssertTrue(error.message.contains(problem), "problem not named in:\n\(error.message)", file: file, line: line)
    } catch {
        XCTFail("unexpected error type \(error)", file: file, line: line)
    }
}

final class ExpressionParsingTests: XCTestCase {
    func testPowerBindsTighterThanUnaryMinus() throws {
        XCTAssertEqual(try parse("-x**2"), .unary(.negate, .binary(.power, id("x"), int(2))))
    }

    func testPowerIsRightAssociative() throws {
        XCTAssertEqual(try parse("a**b**c"), .binary(.power, id("a"), .binary(.power, id("b"), id("c"))))
    }

    func testPowerAcceptsSignedExponent() throws {
        XCTAssertEqual(try parse("2**-1"), .binary(.power, int(2), .unary(.negate, int(1))))
        XCTAssertEqual(try parse("2**+x**2"),
                       .binary(.power, int(2), .unary(.plus, .binary(.power, id("x"), int(2)))))
    }

    func testProductsBindTighterThanSums() throws {
        XCTAssertEqual(try parse("a + b * c"), .binary(.add, id("a"), .binary(.multiply, id("b"), id("c"))))
        XCTAssertEqual(try parse("(a + b) * c"), .binary(.multiply, .binary(.add, id("a"), id("b")), id("c")))
    }

    func testArithmeticIsLeftAssociative() throws {
        XCTAssertEqual(try parse("a - b - c"), .binary(.subtract, .binary(.subtract, id("a"), id("b")), id("c")))
        XCTAssertEqual(try parse("a / b * c"), .binary(.multiply, .binary(.divide, id("a"), id("b")), id("c")))
        XCTAssertEqual(try parse("a // b % c"), .binary(.modulo, .binary(.floorDivide, id("a"), id("b")), id("c")))
    }

    func testUnaryMinusBindsTighterThanProduct() throws {
        XCTAssertEqual(try parse("-a * b"), .binary(.multiply, .unary(.negate, id("a")), id("b")))
        XCTAssertEqual(try parse("--a"), .unary(.negate, .unary(.negate, id("a"))))
    }

    func testComparisonChainsAreRefusedAsInBrian2() {
        for text in ["a < b <= c", "v > 0.8 > 0.8", "a == b != c"] {
            XCTAssertThrowsError(try parse(text), text) { error in
                XCTAssertEqual((error as? RanvierError)?.kind, .syntax)
                XCTAssertTrue("\(error)".contains("single comparisons"), "\(error)")
                XCTAssertTrue("\(error)".contains("^"), "\(error)")
            }
        }
    }

    func testEveryComparisonOperator() throws {
        for op in ["<", "<=", ">", ">=", "==", "!="] {
            XCTAssertEqual(try parse("x \(op) 1"), .comparison(ComparisonOperator(rawValue: op)!, id("x"), int(1)))
        }
    }

    func testComparisonBindsLooserThanArithmetic() throws {
        XCTAssertEqual(try parse("v > v_th + 1"),
                       .comparison(.greater, id("v"), .binary(.add, id("v_th"), int(1))))
    }

    func testNotBindsLooserThanComparisonAndTighterThanAnd() throws {
        XCTAssertEqual(try parse("not a < b and c"),
                       .logical(.and, .unary(.not, .comparison(.less, id("a"), id("b"))), id("c")))
        XCTAssertEqual(try parse("not not a"), .unary(.not, .unary(.not, id("a"))))
    }

    func testAndBindsTighterThanOr() throws {
        XCTAssertEqual(try parse("a or b and c"), .logical(.or, id("a"), .logical(.and, id("b"), id("c"))))
        XCTAssertEqual(try parse("a and b or c"), .logical(.or, .logical(.and, id("a"), id("b")), id("c")))
    }

    func testNumberLiteralForms() throws {
        XCTAssertEqual(try parse("1"), int(1))
        XCTAssertEqual(try parse("1."), real(1))
        XCTAssertEqual(try parse(".5"), real(0.5))
        XCTAssertEqual(try parse("1e-3"), real(0.001))
        XCTAssertEqual(try parse("2.5E+4"), real(25000))
        XCTAssertEqual(try parse("1.e2"), real(100))
        XCTAssertEqual(try parse("0"), int(0))
        XCTAssertEqual(try parse("007.5"), real(7.5))
    }

    func testTrueAndFalseAreNames() throws {
        XCTAssertEqual(try parse("True or False"), .logical(.or, id("True"), id("False")))
    }

    func testFunctionCallsTakeZeroOrMoreArguments() throws {
        XCTAssertEqual(try parse("rand()"), .call("rand", []))
        XCTAssertEqual(try parse("clip(x, 0, 1)"), .call("clip", [id("x"), int(0), int(1)]))
        XCTAssertEqual(try parse("exp(-v/tau)**2"),
                       .binary(.power, .call("exp", [.binary(.divide, .unary(.negate, id("v")), id("tau"))]), int(2)))
        XCTAssertEqual(try parse("f(g(x),)"), .call("f", [.call("g", [id("x")])]))
    }

    func testWhitespaceCommentsAndLineBreaksAreIgnored() throws {
        let text = "  (a +   # first part\n\t b)\n * c  \n"
        XCTAssertEqual(try parse(text), .binary(.multiply, .binary(.add, id("a"), id("b")), id("c")))
    }

    func testBackslashContinuesALine() throws {
        XCTAssertEqual(try ModelParser.parseStatements("v = a + \\\n    b"),
                       [Statement(target: "v", op: .assign, value: .binary(.add, id("a"), id("b")), line: 1)])
    }
}

final class StatementParsingTests: XCTestCase {
    func testEveryAssignmentOperator() throws {
        let statements = try ModelParser.parseStatements("v = 0\nw += b\nx -= 1\ny *= 2\nz /= 3")
        XCTAssertEqual(statements.map(\.op), [.assign, .add, .subtract, .multiply, .divide])
        XCTAssertEqual(statements.map(\.target), ["v", "w", "x", "y", "z"])
        XCTAssertEqual(statements[1].value, id("b"))
    }

    func testBlankLinesAndCommentsAreSkippedAndLinesCounted() throws {
        let statements = try ModelParser.parseStatements("\n  # reset\n  v = v_r  # to rest\n\n  w += b\n")
        XCTAssertEqual(statements, [
            Statement(target: "v", op: .assign, value: id("v_r"), line: 3),
            Statement(target: "w", op: .add, value: id("b"), line: 5),
        ])
    }

    func testSemicolonSeparatesStatements() throws {
        let statements = try ModelParser.parseStatements("v = 0; w += 1")
        XCTAssertEqual(statements.map(\.target), ["v", "w"])
    }

    func testStatementMayContinueInsideParentheses() throws {
        let statements = try ModelParser.parseStatements("v = (a +\n     b)\nw = 1")
        XCTAssertEqual(statements.count, 2)
        XCTAssertEqual(statements[0].value, .binary(.add, id("a"), id("b")))
        XCTAssertEqual(statements[1].line, 3)
    }

    func testEmptyCodeHasNoStatements() throws {
        XCTAssertEqual(try ModelParser.parseStatements("  \n# nothing\n"), [])
    }
}

final class EquationParsingTests: XCTestCase {
    func testDifferentialEquation() throws {
        let equations = try ModelParser.parseEquations("dv/dt = (1-v)/tau : 1")
        XCTAssertEqual(equations, [Equation(
            name: "v",
            kind: .differential(.binary(.divide, .binary(.subtract, int(1), id("v")), id("tau"))),
            unit: int(1), flags: [], line: 1, text: "dv/dt = (1-v)/tau : 1")])
    }

    func testSpacedDerivativeForm() throws {
        let equation = try ModelParser.parseEquations("d v / dt = -v/tau : volt")[0]
        XCTAssertEqual(equation.name, "v")
        XCTAssertEqual(equation.kind, .differential(.binary(.divide, .unary(.negate, id("v")), id("tau"))))
    }

    func testSubexpressionAndParameter() throws {
        let equations = try ModelParser.parseEquations("I = g*(E - v) : amp\ng : siemens")
        XCTAssertEqual(equations[0].name, "I")
        XCTAssertEqual(equations[0].kind,
                       .subexpression(.binary(.multiply, id("g"), .binary(.subtract, id("E"), id("v")))))
        XCTAssertEqual(equations[0].unit, id("amp"))
        XCTAssertEqual(equations[1].name, "g")
        XCTAssertEqual(equations[1].kind, .parameter)
        XCTAssertEqual(equations[1].unit, id("siemens"))
        XCTAssertEqual(equations[1].line, 2)
    }

    func testEveryFlagIsKeptAsWritten() throws {
        let flags = ["unless refractory", "constant", "shared", "constant over dt", "summed",
                     "event-driven", "clock-driven", "linked"]
        for flag in flags {
            XCTAssertEqual(try ModelParser.parseEquations("x : 1 (\(flag))")[0].flags, [flag])
        }
    }

    func testSeveralFlagsWithWhitespaceCollapsed() throws {
        let equation = try ModelParser.parseEquations("dv/dt = -v/tau : volt ( unless   refractory ,shared )")[0]
        XCTAssertEqual(equation.flags, ["unless refractory", "shared"])
    }

    func testUnitExpressions() throws {
        let units: [(String, Expr)] = [
            ("1", int(1)),
            ("volt", id("volt")),
            ("boolean", id("boolean")),
            ("integer", id("integer")),
            ("Hz", id("Hz")),
            ("amp/metre**2", .binary(.divide, id("amp"), .binary(.power, id("metre"), int(2)))),
            ("metre**-0.5", .binary(.power, id("metre"), .unary(.negate, real(0.5)))),
            ("1/second", .binary(.divide, int(1), id("second"))),
            ("siemens * metre ** -2 / volt",
             .binary(.divide, .binary(.multiply, id("siemens"), .binary(.power, id("metre"), .unary(.negate, int(2)))),
                     id("volt"))),
        ]
        for (text, expected) in units {
            XCTAssertEqual(try ModelParser.parseEquations("x : \(text)")[0].unit, expected, text)
            XCTAssertEqual(try ModelParser.parseExpression(text), expected, "unit parses like an expression: \(text)")
        }
    }

    func testCommentsBlankLinesAndIndentationAreIgnored() throws {
        let model = """

            # membrane
            dv/dt = (ge - v)/tau : volt (unless refractory)  # leaky

            dge/dt = -ge/taue : volt
            """
        let equations = try ModelParser.parseEquations(model)
        XCTAssertEqual(equations.map(\.name), ["v", "ge"])
        XCTAssertEqual(equations.map(\.line), [3, 5])
        XCTAssertEqual(equations[0].text, "dv/dt = (ge - v)/tau : volt (unless refractory)")
        XCTAssertEqual(equations[0].flags, ["unless refractory"])
    }

    func testRightHandSideMayContinueOverSeveralLines() throws {
        let model = "dv/dt = (a +\n         b) / tau\n        + c : 1\nx : 1"
        let equations = try ModelParser.parseEquations(model)
        XCTAssertEqual(equations[0].kind, .differential(
            .binary(.add, .binary(.divide, .binary(.add, id("a"), id("b")), id("tau")), id("c"))))
        XCTAssertEqual(equations[0].text, "dv/dt = (a + b) / tau + c : 1")
        XCTAssertEqual(equations[1].name, "x")
        XCTAssertEqual(equations[1].line, 4)
    }

    func testEmptyModelHasNoEquations() throws {
        XCTAssertEqual(try ModelParser.parseEquations("\n   # nothing here\n"), [])
    }
}

final class SyntaxErrorTests: XCTestCase {
    func testUnmatchedClosingParenthesis() {
        assertSyntaxError({ _ = try ModelParser.parseEquations("x : 1\ndv/dt = (1-v)/tau) : 1") },
                          lineText: "dv/dt = (1-v)/tau) : 1", column: 17, problem: "unmatched ')'")
        assertSyntaxError({ _ = try parse("a + b)") }, lineText: "a + b)", column: 5, problem: "unmatched ')'")
    }

    func testUnclosedParenthesisPointsAtTheOpening() {
        assertSyntaxError({ _ = try parse("exp(-(v - 1)") }, lineText: "exp(-(v - 1)", column: 3, problem: "never closed")
        assertSyntaxError({ _ = try ModelParser.parseStatements("v = (1 + a") },
                          lineText: "v = (1 + a", column: 4, problem: "never closed")
    }

    func testParenthesisClosedByWrongToken() {
        assertSyntaxError({ _ = try ModelParser.parseEquations("dv/dt = (1 - v : 1") },
                          lineText: "dv/dt = (1 - v : 1", column: 15, problem: "expected ')'")
    }

    func testMissingUnitPart() {
        assertSyntaxError({ _ = try ModelParser.parseEquations("dv/dt = -v/tau\nx : 1") },
                          lineText: "dv/dt = -v/tau", column: 14, problem: "missing unit")
        assertSyntaxError({ _ = try ModelParser.parseEquations("x\n") }, lineText: "x", column: 1, problem: "missing unit")
        assertSyntaxError({ _ = try ModelParser.parseEquations("x :  # no unit") },
                          lineText: "x :  # no unit", column: 2, problem: "missing unit")
    }

    func testDerivativeMustBeWithRespectToTime() {
        assertSyntaxError({ _ = try ModelParser.parseEquations("dv/dx = -v : 1") },
                          lineText: "dv/dx = -v : 1", column: 3, problem: "write 'dv/dt'")
        assertSyntaxError({ _ = try ModelParser.parseEquations("v/dt = -v : 1") },
                          lineText: "v/dt = -v : 1", column: 0, problem: "'dx/dt'")
    }

    func testUnknownCharacter() {
        assertSyntaxError({ _ = try parse("v > 1 $ 2") }, lineText: "v > 1 $ 2", column: 6, problem: "unknown character '$'")
        assertSyntaxError({ _ = try ModelParser.parseEquations("  x : 1\n  y = x[0] : 1") },
                          lineText: "y = x[0] : 1", column: 5, problem: "unknown character '['")
    }

    func testBitwiseOperatorsAreRejected() {
        assertSyntaxError({ _ = try parse("a & b") }, lineText: "a & b", column: 2, problem: "use 'and'")
        assertSyntaxError({ _ = try parse("a | b") }, lineText: "a | b", column: 2, problem: "use 'or'")
    }

    func testEmptyExpression() {
        assertSyntaxError({ _ = try parse("   ") }, lineText: "", column: 0, problem: "empty expression")
        assertSyntaxError({ _ = try ModelParser.parseStatements("v =   # nothing") },
                          lineText: "v =   # nothing", column: 2, problem: "expected an expression after '='")
        assertSyntaxError({ _ = try ModelParser.parseEquations("x = : 1") },
                          lineText: "x = : 1", column: 4, problem: "expected an expression")
    }

    func testTrailingOperator() {
        assertSyntaxError({ _ = try parse("v * ") }, lineText: "v *", column: 2, problem: "'*' needs an operand")
        assertSyntaxError({ _ = try ModelParser.parseStatements("v = 1 +\nw = 2") },
                          lineText: "v = 1 +", column: 6, problem: "'+' needs an operand")
        assertSyntaxError({ _ = try parse("a and") }, lineText: "a and", column: 2, problem: "'and' needs an operand")
    }

    func testAssignmentToNonIdentifier() {
        assertSyntaxError({ _ = try ModelParser.parseStatements("v = 0\n2*v = 1") },
                          lineText: "2*v = 1", column: 0, problem: "cannot assign to '2 * v'")
        assertSyntaxError({ _ = try ModelParser.parseStatements("f(x) += 1") },
                          lineText: "f(x) += 1", column: 0, problem: "must be a variable name")
        assertSyntaxError({ _ = try ModelParser.parseStatements("True = 1") },
                          lineText: "True = 1", column: 0, problem: "cannot assign")
        assertSyntaxError({ _ = try ModelParser.parseStatements("= 1") },
                          lineText: "= 1", column: 0, problem: "variable name is missing")
    }

    func testDoubleEqualsIsNotAnAssignment() {
        assertSyntaxError({ _ = try ModelParser.parseStatements("v == 0") },
                          lineText: "v == 0", column: 2, problem: "use '=' to assign")
    }

    func testUnsupportedAugmentedAssignment() {
        assertSyntaxError({ _ = try ModelParser.parseStatements("x //= 2") },
                          lineText: "x //= 2", column: 4, problem: "'//=' is not supported")
        assertSyntaxError({ _ = try ModelParser.parseStatements("x **= 2") },
                          lineText: "x **= 2", column: 4, problem: "'**=' is not supported")
    }

    func testSingleEqualsInExpressionSuggestsComparison() {
        assertSyntaxError({ _ = try parse("v > 1 = 2") }, lineText: "v > 1 = 2", column: 6, problem: "use '=='")
    }

    func testLineWithoutAssignment() {
        assertSyntaxError({ _ = try ModelParser.parseStatements("v = 1\nv + 1") },
                          lineText: "v + 1", column: 0, problem: "not an assignment")
        assertSyntaxError({ _ = try ModelParser.parseStatements("v = 1 w") },
                          lineText: "v = 1 w", column: 6, problem: "unexpected 'w'")
    }

    func testMalformedNumbers() {
        assertSyntaxError({ _ = try parse("1.2.3 + x") }, lineText: "1.2.3 + x", column: 0, problem: "malformed number '1.2.3'")
        assertSyntaxError({ _ = try parse("x + 2y") }, lineText: "x + 2y", column: 4, problem: "malformed number '2y'")
        assertSyntaxError({ _ = try parse("1e") }, lineText: "1e", column: 0, problem: "malformed number '1e'")
        assertSyntaxError({ _ = try parse("012") }, lineText: "012", column: 0, problem: "leading zeros")
    }

    func testUnclosedFlagList() {
        assertSyntaxError({ _ = try ModelParser.parseEquations("dv/dt = -v/tau : 1 (unless") },
                          lineText: "dv/dt = -v/tau : 1 (unless", column: 26, problem: "never closed")
    }

    func testMalformedFlags() {
        assertSyntaxError({ _ = try ModelParser.parseEquations("x : 1 ()") },
                          lineText: "x : 1 ()", column: 7, problem: "empty flag")
        assertSyntaxError({ _ = try ModelParser.parseEquations("x : 1 (constant,)") },
                          lineText: "x : 1 (constant,)", column: 16, problem: "empty flag")
        assertSyntaxError({ _ = try ModelParser.parseEquations("x : 1 (a*b)") },
                          lineText: "x : 1 (a*b)", column: 8, problem: "invalid flag")
        assertSyntaxError({ _ = try ModelParser.parseEquations("x : 1 (constant) extra") },
                          lineText: "x : 1 (constant) extra", column: 17, problem: "unexpected 'extra'")
    }

    /// Found by fuzzing: a '\\' continuation inside a flag list trapped; Brian2 refuses it.
    func testFlagListSplitByALineContinuationIsASyntaxError() {
        for text in ["v : 1 (a\\\nb)", "v : 1 (constant,\\\nshared)", "v : 1 (constant\\\n)"] {
            XCTAssertThrowsError(try ModelParser.parseEquations(text), text.debugDescription) { error in
                XCTAssertEqual((error as? RanvierError)?.kind, .syntax)
                XCTAssertTrue("\(error)".contains("flag list must be on one line"), "\(error)")
            }
        }
    }

    func testMalformedUnits() {
        assertSyntaxError({ _ = try ModelParser.parseEquations("x : volt second") },
                          lineText: "x : volt second", column: 9, problem: "unexpected 'second'")
        assertSyntaxError({ _ = try ModelParser.parseEquations("x : metre**y") },
                          lineText: "x : metre**y", column: 11, problem: "exponent")
    }

    func testDuplicateDefinition() {
        assertSyntaxError({ _ = try ModelParser.parseEquations("dv/dt = -v/tau : 1\nv : 1") },
                          lineText: "v : 1", column: 0, problem: "duplicate definition of 'v' (first defined on line 1)")
    }

    func testKeywordsCannotBeVariables() {
        assertSyntaxError({ _ = try ModelParser.parseEquations("lambda : 1") },
                          lineText: "lambda : 1", column: 0, problem: "Python keyword")
        assertSyntaxError({ _ = try parse("x if y else z") }, lineText: "x if y else z", column: 2, problem: "'if'")
    }

    func testSemicolonDoesNotSeparateEquations() {
        assertSyntaxError({ _ = try ModelParser.parseEquations("x : 1; y : 1") },
                          lineText: "x : 1; y : 1", column: 5, problem: "';'")
    }

    func testMessageNamesContextAndLine() throws {
        do {
            _ = try ModelParser.parseEquations("x : 1\ndv/dt = (1-v)/tau) : 1")
            XCTFail("expected an error")
        } catch let error as RanvierError {
            XCTAssertTrue(error.message.hasPrefix("Invalid syntax in equations, line 2: "), error.message)
        }
    }

    func testCaretSkipsIndentationAndTabs() {
        assertSyntaxError({ _ = try ModelParser.parseStatements("\t  v = 1 $") },
                          lineText: "v = 1 $", column: 6, problem: "unknown character")
    }
}

final class ExprUtilityTests: XCTestCase {
    func testSourceTextUsesMinimalParentheses() throws {
        let cases = [
            "(a+b)*c": "(a + b) * c",
            "a+(b*c)": "a + b * c",
            "a-(b-c)": "a - (b - c)",
            "(a-b)-c": "a - b - c",
            "-(x**2)": "-x**2",
            "(-x)**2": "(-x)**2",
            "a**(b**c)": "a**b**c",
            "(a**b)**c": "(a**b)**c",
            "2**-1": "2**-1",
            "(a < b) < c": "(a < b) < c",
            "not (a and b)": "not (a and b)",
            "(a or b) and c": "(a or b) and c",
            "-(not a)": "-(not a)",
            "clip(x,0,1.5)": "clip(x, 0, 1.5)",
            "1e-3 * .5": "0.001 * 0.5",
        ]
        for (input, expected) in cases {
            XCTAssertEqual(try parse(input).sourceText, expected, input)
        }
    }

    func testSourceTextRoundTrips() throws {
        let expressions = [
            "-x**2 + (a - b) / (c * d) // 3 % 2",
            "a**-b**c", "(a + b)**(c - d)", "f() + g(x, y)",
            "not a == b or c != d and e >= f", "v > -50 and not (t < 1e-05)",
            "1.0 * 2 - --3", "exp(-v/tau) * (1 - exp(-dt/tau))", "x % (y // z)", "True and (False or x)",
        ]
        for text in expressions {
            let tree = try parse(text)
            XCTAssertEqual(try parse(tree.sourceText), tree, "\(text) -> \(tree.sourceText)")
        }
    }

    func testSourceTextOfConstructedTrees() throws {
        let negative = Expr.binary(.power, .number(-2, isInteger: true), int(2))
        XCTAssertEqual(negative.sourceText, "(-2)**2")
        XCTAssertEqual(Expr.number(.infinity, isInteger: false).sourceText, "inf")
        XCTAssertEqual(Expr.number(1e20, isInteger: false).sourceText, "1e+20")
        XCTAssertEqual(try parse("1e+20"), real(1e20))
    }

    func testStatementSourceText() throws {
        let statement = try ModelParser.parseStatements("v+=w*(2+x)")[0]
        XCTAssertEqual(statement.sourceText, "v += w * (2 + x)")
    }

    func testIdentifiersExcludeFunctionNames() throws {
        let expr = try parse("exp(-v/tau) + clip(w, 0, w_max) * rand() + True")
        XCTAssertEqual(expr.identifiers, ["v", "tau", "w", "w_max", "True"])
        XCTAssertEqual(expr.functionNames, ["exp", "clip", "rand"])
    }

    func testSubstitutionReplacesNamesButNotFunctions() throws {
        let expr = try parse("I / C + exp(I)")
        let replaced = expr.substituting(["I": try parse("g * (E - v)"), "exp": id("nope")])
        XCTAssertEqual(replaced, try parse("(g * (E - v)) / C + exp(g * (E - v))"))
        XCTAssertEqual(replaced.sourceText, "g * (E - v) / C + exp(g * (E - v))")
    }
}

final class ParserRobustnessTests: XCTestCase {
    func testAbsurdNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
        let longChain = Array(repeating: "x", count: 5000).joined(separator: " + ")
        let signs = String(repeating: "-", count: 5000) + "x"
        for text in [deep, longChain, signs] {
            XCTAssertThrowsError(try parse(text)) { error in
                XCTAssertEqual((error as? RanvierError)?.kind, .syntax)
                XCTAssertTrue((error as? RanvierError)?.message.contains("nested too deeply") ?? false)
            }
        }
        XCTAssertNoThrow(try parse(Array(repeating: "x", count: 300).joined(separator: " * ")))
    }

    func testRandomInputNeverCrashes() {
        // A fixed linear congruential sequence keeps this reproducible without Foundation.
        let alphabet = Array("dv/t=x:1(),.e-+*#\n \t<>!&;volt_2[]'\"\\unless")
        var state: UInt64 = 12345
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(state % 30) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
            }
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for attempt in [{ _ = try ModelParser.parseEquations(text) },
                            { _ = try ModelParser.parseStatements(text) },
                            { _ = try parse(text) }] as [() throws -> Void] {
                do { try attempt() } catch let error as RanvierError {
                    XCTAssertEqual(error.kind, .syntax)
                    XCTAssertTrue(error.message.contains("^"), error.message)
                } catch { XCTFail("unexpected error \(error)") }
            }
        }
    }
}
