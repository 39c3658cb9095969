// libFuzzer entry point over the model-language parsers, compiled into one module with the engine's
// sources by Tests/Fuzz/libfuzzer/build.sh (not part of the SwiftPM package). Each input is tried
// as an expression, statements, equations (with their units) and a connection generator.

@_cdecl("LLVMFuzzerTestOneInput")
public func ranvierParserFuzzInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    if let expression = try? ModelParser.parseExpression(text) {
        _ = try? ModelParser.parseExpression(expression.sourceText)
        _ = try? UnitTable.evaluate(expression)
    }
    if let statements = try? ModelParser.parseStatements(text) {
        for statement in statements { _ = try? ModelParser.parseStatements(statement.sourceText) }
    }
    if let equations = try? ModelParser.parseEquations(text) {
        for equation in equations { _ = try? UnitTable.evaluate(equation.unit) }
    }
    _ = try? ConnectionGenerator.parse(text)
    return 0
}
