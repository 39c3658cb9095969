import XCTest
import Glibc
@testable import RanvierEngine

/// The branch-free exp/expm1/exprel of block programs against the C library.
final class VectorMathTests: XCTestCase {
    /// Distance in units in the last place, for finite values of the same sign.
    private func ulps(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        return Swift.abs(a - b) / Swift.max(a.magnitude.ulp, b.magnitude.ulp, Double.leastNonzeroMagnitude)
    }

    private func samples() -> [Double] {
        var generator = SplitMix(seed: 11)
        var values: [Double] = [0, -0.0, 1e-300, -1e-300, 1e-10, -1e-10, 0.34, 0.35, 0.36, -0.35, 1, -1, 709, 709.78, -708, -744, -745]
        for _ in 0..<20_000 { values.append((generator.nextUnit() * 2 - 1) * 40) }
        for _ in 0..<20_000 { values.append((generator.nextUnit() * 2 - 1) * 1440) }
        for _ in 0..<5_000 { values.append((generator.nextUnit() * 2 - 1) * 1e-3) }
        return values
    }

    func testExpIsWithinTwoUlpsEverywhereItIsNormal() {
        for x in samples() {
            let expected = Glibc.exp(x)
            if expected.isInfinite || expected == 0 { XCTAssertEqual(vectorExp(x), expected, "exp(\(x))"); continue }
            if expected < Double.leastNormalMagnitude {
                XCTAssertLessThanOrEqual(Swift.abs(vectorExp(x) - expected), Double.leastNonzeroMagnitude, "exp(\(x))")
            } else {
                XCTAssertLessThanOrEqual(ulps(vectorExp(x), expected), 2, "exp(\(x))")
            }
        }
    }

    func testExpm1AndExprelAreAccurateNearZeroAndBeyond() {
        for x in samples() where x < 700 {
            let expected = Glibc.expm1(x)
            XCTAssertLessThanOrEqual(ulps(vectorExpm1(x), expected), 4, "expm1(\(x))")
            let expectedRel = x == 0 ? 1 : expected / x
            XCTAssertLessThanOrEqual(ulps(vectorExprel(x), expectedRel), 5, "exprel(\(x))")
        }
    }

    func testSpecialValues() {
        XCTAssertEqual(vectorExp(.infinity), .infinity)
        XCTAssertEqual(vectorExp(-.infinity), 0)
        XCTAssertTrue(vectorExp(.nan).isNaN)
        XCTAssertEqual(vectorExp(0), 1)
        XCTAssertEqual(vectorExp(710), .infinity)
        XCTAssertEqual(vectorExpm1(-.infinity), -1)
        XCTAssertTrue(vectorExpm1(.nan).isNaN)
        XCTAssertEqual(vectorExprel(0), 1)
    }
}
