import XCTest
@testable import RanvierEngine

/// Fuzzes the model-language parsers (expressions, statements, equations, connection generators,
/// unit declarations): any input must give a parse or a thrown error, never a trap or a hang; what
/// parses must print back (`sourceText`) as text that parses again.
final class ParserFuzzTests: XCTestCase {
    func testEveryParserReturnsOrThrowsOnGeneratedInput() {
        var stream = FuzzInputStream(kind: .any, seed: FuzzSettings.seed)
        let report = fuzz("parsers", inputs: FuzzSettings.inputs(default: 10_000), { stream.next() }) { text in
            var accepted = false
            if let expression = try? ModelParser.parseExpression(text) {
                accepted = true
                _ = expression.identifiers
                _ = expression.functionNames
                reparses(expression.sourceText, of: text) { _ = try ModelParser.parseExpression($0) }
                _ = try? UnitTable.evaluate(expression)
            }
            if let statements = try? ModelParser.parseStatements(text) {
                accepted = true
                for statement in statements {
                    reparses(statement.sourceText, of: text) { _ = try ModelParser.parseStatements($0) }
                }
            }
            if let equations = try? ModelParser.parseEquations(text) {
                accepted = true
                for equation in equations { _ = try? UnitTable.evaluate(equation.unit) }
            }
            if (try? ConnectionGenerator.parse(text)) != nil { accepted = true }
            return accepted
        }
        XCTAssertGreaterThan(report.accepted, report.inputs / 20, "the generator should mostly write parseable text")
    }

    /// Checks that the printed form of a parsed input parses again.
    private func reparses(_ printed: String, of input: String, with parse: (String) throws -> Void) {
        do { try parse(printed) } catch {
            XCTFail("\(input.debugDescription) parses but its reprint \(printed.debugDescription) does not: \(error)")
        }
    }

    func testNestingBeyondTheDepthLimitIsASyntaxError() {
        for text in [String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000),
                     String(repeating: "-", count: 100_000) + "1",
                     Array(repeating: "2", count: 100_000).joined(separator: "**"),
                     Array(repeating: "v", count: 100_000).joined(separator: " < ")] {
            XCTAssertThrowsError(try ModelParser.parseExpression(text)) { error in
                XCTAssertEqual((error as? RanvierError)?.kind, .syntax)
            }
        }
    }
}
