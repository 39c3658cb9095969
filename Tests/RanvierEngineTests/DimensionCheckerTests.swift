import XCTest
@testable import RanvierEngine

/// The engine's dimension type (XCTest's Foundation also exports a `Dimension`).
private typealias Dimension = RanvierEngine.Dimension

private let volt = Dimension(m: 2, kg: 1, s: -3, A: -1)
private let amp = Dimension(A: 1)

/// A fixed table of names for checking expressions without a group.
private struct SymbolTable: SymbolResolver {
    let symbols: [String: Symbol]
    func symbol(named name: String) -> Symbol? { symbols[name] }
}

private func variable(_ name: String, _ dimension: Dimension, isBoolean: Bool = false) -> Symbol {
    .array(Variable(name: name, dimension: dimension, role: .parameter, size: 1, isBoolean: isBoolean))
}

/// v, w: volt; I: amp; x, n: dimensionless variables; b: boolean; tau = 10 ms and sigma = 2 mV are
/// constants (external names); p = 2 is a dimensionless constant; xi is white noise.
private let table = SymbolTable(symbols: [
    "v": variable("v", volt), "w": variable("w", volt), "I": variable("I", amp),
    "x": variable("x", .dimensionless), "n": variable("n", .dimensionless), "b": variable("b", .dimensionless, isBoolean: true),
    "tau": .constant(0.01, .time), "sigma": .constant(0.002, volt), "p": .constant(2, .dimensionless), "xi": .noise,
])

private func type(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> ExpressionType {
    try DimensionChecker(resolver: table, context: "the test expression").check(ModelParser.parseExpression(code))
}

private func dimension(_ code: String) throws -> Dimension { try type(code).dimension }

/// Asserts that checking `code` fails with `kind` and a message containing every fragment.
private func assertRejects(_ code: String, _ kind: ErrorKind, mentioning fragments: [String],
                           file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try type(code), file: file, line: line) { error in
        guard let error = error as? RanvierError else { return XCTFail("unexpected error \(error)", file: file, line: line) }
        XCTAssertEqual(error.kind, kind, error.message, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.message.contains(fragment), "'\(fragment)' missing from: \(error.message)", file: file, line: line)
        }
    }
}

final class DimensionCheckerTests: XCTestCase {
    // MARK: Arithmetic

    func testSumsAndDifferencesKeepTheUnitsOfMatchingOperands() throws {
        XCTAssertEqual(try dimension("v + w"), volt)
        XCTAssertEqual(try dimension("v - w - sigma"), volt)
        XCTAssertEqual(try dimension("-v"), volt)
        XCTAssertEqual(try dimension("v % w"), volt)
        // Floor division of like quantities counts how many fit: a pure number.
        XCTAssertEqual(try dimension("v // w"), .dimensionless)
    }

    func testSumOfDifferentUnitsNamesBothOperandsTheirUnitsAndTheContext() {
        assertRejects("v + tau", .dimension, mentioning: ["\"v\" (units V)", "\"tau\" (units s)", "add", "the test expression"])
        assertRejects("I - x", .dimension, mentioning: ["\"I\" (units A)", "\"x\" (units 1)", "subtract"])
        assertRejects("v % I", .dimension, mentioning: ["units V", "units A"])
    }

    func testProductsAndQuotientsCombineUnits() throws {
        XCTAssertEqual(try dimension("v*I"), Dimension(m: 2, kg: 1, s: -3))  // watt
        XCTAssertEqual(try dimension("v/I"), Dimension(m: 2, kg: 1, s: -3, A: -2))  // ohm
        XCTAssertEqual(try dimension("I*tau"), Dimension(s: 1, A: 1))  // coulomb
        XCTAssertEqual(try dimension("v/tau"), volt / .time)
        XCTAssertEqual(try dimension("v/w"), .dimensionless)
        XCTAssertEqual(try dimension("v*I").description, "W")
        XCTAssertEqual(try dimension("1/tau").description, "Hz")
    }

    // MARK: Powers

    func testPowersWithConstantExponentsScaleTheUnits() throws {
        XCTAssertEqual(try dimension("v**2"), Dimension(m: 4, kg: 2, s: -6, A: -2))
        XCTAssertEqual(try dimension("v**2").description, "m^4 kg^2 s^-6 A^-2")
        // An exponent is constant when it folds to a number, including external constants.
        XCTAssertEqual(try dimension("v**p"), volt.power(2))
        XCTAssertEqual(try dimension("v**(1 + 1)"), volt.power(2))
        XCTAssertEqual(try dimension("tau**-1"), .frequency)
        XCTAssertEqual(try dimension("v**0"), .dimensionless)
        XCTAssertEqual(try dimension("(v**2)**0.5"), volt)
    }

    func testNonConstantExponentIsAllowedOnlyForDimensionlessBases() throws {
        XCTAssertEqual(try dimension("x**n"), .dimensionless)
        XCTAssertEqual(try dimension("2**x"), .dimensionless)
        assertRejects("v**n", .dimension, mentioning: ["\"n\"", "must be a constant", "\"v\" has units V"])
    }

    func testExponentsMustBeDimensionless() {
        assertRejects("x**tau", .dimension, mentioning: ["\"tau\"", "units s", "dimensionless"])
        assertRejects("v**(v/I)", .dimension, mentioning: ["units ohm"])
    }

    func testHalfIntegerPowersOfTimeAndTheNoiseSymbol() throws {
        // White noise xi has units s^-1/2, so sigma*xi*tau**-0.5 has the units of sigma per second:
        // the form of Brian2's stochastic equations.
        XCTAssertEqual(try dimension("tau**-0.5"), Dimension(s: -0.5))
        XCTAssertEqual(try dimension("tau**-0.5").description, "s^-0.5")
        XCTAssertEqual(try dimension("xi"), Dimension(s: -0.5))
        XCTAssertEqual(try dimension("sigma*xi*tau**-0.5"), volt / .time)
        XCTAssertEqual(try dimension("xi*sqrt(tau)"), .dimensionless)
        XCTAssertEqual(try dimension("tau**0.5*tau**-0.5"), .dimensionless)
        XCTAssertEqual(try dimension("sqrt(I)"), Dimension(A: 0.5))
    }

    // MARK: Functions

    func testTranscendentalFunctionsNeedDimensionlessArguments() throws {
        XCTAssertEqual(try dimension("exp(v/w)"), .dimensionless)
        XCTAssertEqual(try dimension("log(x) + sin(x) + exprel(x)"), .dimensionless)
        assertRejects("exp(v)", .dimension, mentioning: ["\"v\"", "exp()", "units V", "dimensionless"])
        assertRejects("log(tau)", .dimension, mentioning: ["\"tau\"", "log()", "units s"])
        assertRejects("int(v)", .dimension, mentioning: ["int()", "units V"])
    }

    func testUnitPreservingFunctionsReturnTheirArgumentsUnits() throws {
        XCTAssertEqual(try dimension("abs(v)"), volt)
        XCTAssertEqual(try dimension("floor(I)"), amp)
        XCTAssertEqual(try dimension("ceil(tau)"), .time)
        XCTAssertEqual(try dimension("clip(v, w, sigma)"), volt)
        XCTAssertEqual(try dimension("sign(v)"), .dimensionless)
        XCTAssertEqual(try dimension("rand()"), .dimensionless)
        assertRejects("clip(v, 0, w)", .dimension, mentioning: ["clip()", "\"v\" has units V", "\"0\" has units 1"])
    }

    func testWrongNumberOfArgumentsIsATypeError() {
        assertRejects("exp(x, x)", .type, mentioning: ["'exp'", "1 argument", "2 were given"])
        assertRejects("rand(x)", .type, mentioning: ["'rand'", "0 arguments", "1 were given"])
    }

    func testUnknownFunctionsAndCallsOfVariablesAreNamed() {
        assertRejects("foo(x)", .unknownIdentifier, mentioning: ["'foo'", "exp", "the test expression"])
        assertRejects("v(x)", .type, mentioning: ["'v' is not a function"])
    }

    // MARK: Comparisons and booleans

    func testComparisonsOfLikeUnitsAreBoolean() throws {
        let comparison = try type("v > w")
        XCTAssertTrue(comparison.isBoolean)
        XCTAssertEqual(comparison.dimension, .dimensionless)
        XCTAssertTrue(try type("v <= sigma*2").isBoolean)
        XCTAssertTrue(try type("w < v and v < sigma").isBoolean)
    }

    func testComparisonOfDifferentUnitsNamesBothSides() {
        assertRejects("v > x", .dimension, mentioning: ["compare", "\"v\" (units V)", "\"x\" (units 1)"])
        assertRejects("tau == I*2", .dimension, mentioning: ["\"tau\" (units s)", "\"I * 2\" (units A)"])
    }

    func testBooleanVariablesAndLogicalOperators() throws {
        XCTAssertTrue(try type("b").isBoolean)
        XCTAssertTrue(try type("b and v > w").isBoolean)
        XCTAssertTrue(try type("not x").isBoolean)
        XCTAssertTrue(try type("x > 1 or b").isBoolean)
        XCTAssertFalse(try type("x + 1").isBoolean)
        XCTAssertFalse(try type("v").isBoolean)
        assertRejects("v and b", .dimension, mentioning: ["\"v\"", "'and'", "units V", "truth values"])
    }

    // MARK: Names and constants

    func testUnknownIdentifierIsNamedWithTheContext() {
        assertRejects("v + vx", .unknownIdentifier, mentioning: ["'vx'", "the test expression"])
        assertRejects("exp(undefined_name)", .unknownIdentifier, mentioning: ["'undefined_name'"])
    }

    func testConstantSubexpressionsAreFolded() throws {
        XCTAssertEqual(try type("2*3 + p").constantValue, 8)
        XCTAssertEqual(try type("-tau").constantValue, -0.01)
        XCTAssertEqual(try type("exp(0)").constantValue, 1)
        XCTAssertEqual(try type("tau**-1").constantValue ?? 0, 100, accuracy: 1e-12)
        XCTAssertNil(try type("v*2").constantValue)
        XCTAssertNil(try type("rand()").constantValue, "random draws must never be folded")
    }

    // MARK: Known deviations from Brian2

    func testTimestepTakesTimesAndReturnsADimensionlessStepCount() throws {
        // Brian2 declares timestep(t, dt) with arguments in seconds and a dimensionless (integer)
        // result. Ranvier gives the result the arguments' units and accepts any pair of like units.
        XCTAssertEqual(try dimension("timestep(tau, tau)"), .dimensionless)
        assertRejects("timestep(v, w)", .dimension, mentioning: ["timestep()", "units V"])
    }
}
