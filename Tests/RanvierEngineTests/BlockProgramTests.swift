import XCTest
@testable import RanvierEngine

/// Arrays x, y, a, b of `size` elements (plus one sentinel element past the end, to catch writes
/// beyond the range a program was asked to cover), a shared value s, a constant k = 4, `t` and `i`.
private final class Workspace: SymbolResolver {
    let size: Int
    let arrays: [String: Variable]
    let shared = Variable(name: "s", dimension: .dimensionless, role: .parameter, size: 1, isShared: true, initial: 10)
    let time = ScalarCell(0.5)
    static let sentinel = -12345.0

    init(size: Int) {
        self.size = size
        arrays = Dictionary(uniqueKeysWithValues: ["x", "y", "a", "b"].map {
            ($0, Variable(name: $0, dimension: .dimensionless, role: .parameter, size: size + 1, initial: Workspace.sentinel))
        })
        for k in 0..<size { arrays["x"]!.storage![k] = 0.5 * Double(k) }
    }

    func symbol(named name: String) -> Symbol? {
        if let variable = arrays[name] { return .array(variable) }
        switch name {
        case "s": return .shared(shared)
        case "k": return .constant(4, .dimensionless)
        case "t": return .time
        case "i": return .index
        default: return nil
        }
    }

    func values(_ name: String) -> UnsafeMutablePointer<Double> { arrays[name]!.storage!.doubles! }

    /// A program for `code` (statements).
    func program(_ code: String) throws -> BlockProgram {
        let builder = ProgramBuilder(resolver: self, time: time, context: "the test code")
        try builder.compile(statements: ModelParser.parseStatements(code))
        return builder.build()
    }

    /// Evaluates `expression` for elements 0..<count (or the listed ones), collecting one value each.
    func evaluate(_ expression: String, indices: [Int]? = nil) throws -> [Double] {
        let builder = ProgramBuilder(resolver: self, time: time, context: "the test expression")
        let result = try builder.compile(ModelParser.parseExpression(expression))
        let program = builder.build(result: result)
        var out = [Double](repeating: .nan, count: indices?.count ?? size)
        out.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let collect: (BlockProgram.Block) -> Void = { block in
                for k in 0..<block.count { base[block.start + k] = block.values(result)[k] }
            }
            if let indices {
                indices.withUnsafeBufferPointer { program.execute(indices: $0, afterBlock: collect) }
            } else {
                program.execute(count: size, afterBlock: collect)
            }
        }
        return out
    }
}

private let sizes = [1, 255, 256, 257, 1000]

final class BlockProgramTests: XCTestCase {
    func testEveryElementIsComputedForSizesAroundTheBlockSize() throws {
        XCTAssertEqual(blockSize, 256, "the sizes tested are chosen around a block of 256")
        for size in sizes {
            let space = Workspace(size: size)
            try space.program("y = x*2 + i").execute(count: size)
            let y = space.values("y")
            for k in 0..<size { XCTAssertEqual(y[k], 2 * Double(k), "size \(size), element \(k)") }
            XCTAssertEqual(y[size], Workspace.sentinel, "size \(size): wrote past the end")
        }
    }

    func testSmallIntegerPowersAreProductsWithinAnUlpOfPow() throws {
        let workspace = Workspace(size: 300)
        let x = (0..<300).map { 0.5 * Double($0) }
        XCTAssertEqual(try workspace.evaluate("x**2"), x.map { pow($0, 2) })  // x*x is pow(x, 2) exactly
        for (code, exponent) in [("x**3", 3.0), ("(x + 0.25)**4", 4.0), ("(x - k)**3 + x**2", 3.0)] {
            let values = try workspace.evaluate(code)
            for k in 0..<300 {
                let base = code.hasPrefix("(x + ") ? x[k] + 0.25 : code.hasPrefix("(x - ") ? x[k] - 4 : x[k]
                let expected = pow(base, exponent) + (code.hasSuffix("x**2") ? x[k] * x[k] : 0)
                XCTAssertEqual(values[k], expected, accuracy: 4 * expected.magnitude.ulp, code)
            }
        }
        XCTAssertEqual(try workspace.evaluate("x**5", indices: [3]), [pow(1.5, 5)])
    }

    func testResultsAreReportedBlockByBlockInElementOrder() throws {
        for size in sizes {
            let space = Workspace(size: size)
            XCTAssertEqual(try space.evaluate("x + i"), (0..<size).map { 1.5 * Double($0) }, "size \(size)")
        }
    }

    func testGatheredIndicesTouchOnlyTheListedElements() throws {
        // Every third element, backwards: 334 indices, so the list spans two blocks.
        let space = Workspace(size: 1000)
        let listed = Array(stride(from: 999, through: 0, by: -3))
        try listed.withUnsafeBufferPointer { try space.program("y = x + i").execute(indices: $0) }
        let y = space.values("y")
        let chosen = Set(listed)
        for k in 0...1000 {
            XCTAssertEqual(y[k], chosen.contains(k) ? 1.5 * Double(k) : Workspace.sentinel, "element \(k)")
        }
        // Results of a gathered run come back in list order.
        XCTAssertEqual(try space.evaluate("x*4", indices: listed), listed.map { 2 * Double($0) })
    }

    func testGatheredListsOfSizesAroundTheBlockSize() throws {
        for size in sizes {
            let space = Workspace(size: 1000)
            let listed = (0..<size).map { ($0 * 7) % 1000 }  // distinct while size <= 1000
            XCTAssertEqual(try space.evaluate("x + 1", indices: listed), listed.map { 0.5 * Double($0) + 1 }, "size \(size)")
        }
    }

    func testLaterStatementsReadValuesWrittenByEarlierOnes() throws {
        // Per element: a = x + 1, b = 2x + 2, x = b - a = x + 1, y = x·a = (x + 1)².
        let code = "a = x + 1\nb = a*2\nx = b - a\ny = x*a"
        let contiguous = Workspace(size: 300)
        try contiguous.program(code).execute(count: 300)
        let gathered = Workspace(size: 300)
        let listed = Array((0..<300).reversed())
        try listed.withUnsafeBufferPointer { try gathered.program(code).execute(indices: $0) }
        for space in [contiguous, gathered] {
            for k in 0..<300 {
                let x0 = 0.5 * Double(k)
                XCTAssertEqual(space.values("a")[k], x0 + 1)
                XCTAssertEqual(space.values("b")[k], 2 * x0 + 2)
                XCTAssertEqual(space.values("x")[k], x0 + 1)
                XCTAssertEqual(space.values("y")[k], (x0 + 1) * (x0 + 1))
            }
        }
    }

    func testAugmentedAssignmentsApplyInOrder() throws {
        // y = ((1 + x)·3 - 1)/2
        let space = Workspace(size: 257)
        try space.program("y = 1; y += x; y *= 3; y -= 1; y /= 2").execute(count: 257)
        for k in 0..<257 { XCTAssertEqual(space.values("y")[k], ((1 + 0.5 * Double(k)) * 3 - 1) / 2) }
    }

    func testSharedValuesTimeAndIndexAreBroadcastToEveryElement() throws {
        let space = Workspace(size: 600)
        XCTAssertEqual(try space.evaluate("s + t + i"), (0..<600).map { 10.5 + Double($0) })
        // The time is read when a program starts, so one program follows the clock between runs.
        let builder = ProgramBuilder(resolver: space, time: space.time, context: "the test code")
        try builder.compile(statements: ModelParser.parseStatements("y = t"))
        let program = builder.build()
        space.time.value = 2
        program.execute(count: 600)
        XCTAssertEqual(space.values("y")[599], 2)
        space.time.value = 3
        program.execute(count: 600)
        XCTAssertEqual(space.values("y")[599], 3)
    }

    func testConstantSubexpressionsAreFoldedAtCompileTime() throws {
        let space = Workspace(size: 4)
        let builder = ProgramBuilder(resolver: space, time: space.time, context: "the test expression")
        let folded = try builder.compile(ModelParser.parseExpression("(2*3 + k)/5 - exp(0)"))
        guard case .constant(let value) = builder.build().slots[folded] else { return XCTFail("not folded to a constant") }
        XCTAssertEqual(value, 1)
        // Only the multiplication by x remains: 2 + 3 and k**2 were computed by the compiler.
        let mixed = ProgramBuilder(resolver: space, time: space.time, context: "the test code")
        try mixed.compile(statements: ModelParser.parseStatements("y = x*((2 + 3)*k**2)"))
        let program = mixed.build()
        let computations = program.steps.filter { if case .compute = $0 { return true } else { return false } }
        XCTAssertEqual(computations.count, 1)
        program.execute(count: 4)
        XCTAssertEqual((0..<4).map { space.values("y")[$0] }, [0, 40, 80, 120])
    }

    func testRandIsUniformOnTheUnitIntervalWithOneDrawPerElement() throws {
        // N = 100000 draws of U[0,1): mean 1/2 with sd sqrt(1/12/N) = 0.00091; variance 1/12 with sd
        // sqrt((mu4 - sigma^4)/N) = sqrt((1/80 - 1/144)/N) = 0.00024. Tolerances: 5 sd.
        GlobalRandom.seed(7)
        let n = 100_000
        let draws = try Workspace(size: n).evaluate("rand()")
        XCTAssertTrue(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        XCTAssertGreaterThan(Set(draws).count, n - 10, "draws repeat: one value shared by several elements?")
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        XCTAssertEqual(mean, 0.5, accuracy: 5 * (1.0 / 12 / Double(n)).squareRoot())
        XCTAssertEqual(variance, 1.0 / 12, accuracy: 5 * ((1.0 / 80 - 1.0 / 144) / Double(n)).squareRoot())
        // Two calls in one expression are two draws, never folded into one.
        XCTAssertTrue(try Workspace(size: 100).evaluate("rand() - rand()").allSatisfy { $0 != 0 })
    }

    func testRandnIsStandardNormal() throws {
        // Mean 0 with sd 1/sqrt(N); variance 1 with sd sqrt(2/N) (normal fourth moment 3).
        GlobalRandom.seed(8)
        let n = 100_000
        let draws = try Workspace(size: n).evaluate("randn()")
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        XCTAssertEqual(mean, 0, accuracy: 5 / Double(n).squareRoot())
        XCTAssertEqual(variance, 1, accuracy: 5 * (2 / Double(n)).squareRoot())
    }

    func testSeedingMakesDrawsReproducible() throws {
        let space = Workspace(size: 777)
        GlobalRandom.seed(2024)
        let first = try space.evaluate("rand() + randn()")
        GlobalRandom.seed(2024)
        XCTAssertEqual(try space.evaluate("rand() + randn()"), first)
        GlobalRandom.seed(2025)
        XCTAssertNotEqual(try space.evaluate("rand() + randn()"), first)
        // Normals come in pairs; reseeding must also forget a pending second value.
        GlobalRandom.seed(5)
        let single = try Workspace(size: 1).evaluate("randn()")
        GlobalRandom.seed(5)
        XCTAssertEqual(try Workspace(size: 2).evaluate("randn()")[0], single[0])
    }
}
