import Glibc
import XCTest
@testable import RanvierEngine

/// Asserts that two matrices agree entry by entry within `tolerance` relative to each expected
/// entry's size (absolute for entries below 1).
private func assertClose(_ actual: Matrix, _ expected: Matrix, tolerance: Double,
                         file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.size, expected.size, file: file, line: line)
    for (k, (a, e)) in zip(actual.values, expected.values).enumerated() {
        XCTAssertEqual(a, e, accuracy: tolerance * max(1, abs(e)), "entry (\(k / expected.size), \(k % expected.size))", file: file, line: line)
    }
}

private func diagonal(_ entries: [Double]) -> Matrix {
    var m = Matrix(size: entries.count)
    for (k, value) in entries.enumerated() { m[k, k] = value }
    return m
}

final class MatrixExponentialTests: XCTestCase {
    func testDiagonalMatrixExponentiatesEachEntry() {
        assertClose(diagonal([-2, 0, 3.5, 1e-9]).exponential(), diagonal([exp(-2), 1, exp(3.5), exp(1e-9)]), tolerance: 1e-14)
    }

    func testLargeDiagonalEntriesKeepTheirRelativeAccuracy() {
        // Norm 50 needs 7 squarings; each e^λ must still come out to about 1e-13 relative.
        let result = diagonal([-50, 40]).exponential()
        XCTAssertEqual(result[0, 0] / exp(-50), 1, accuracy: 1e-12)
        XCTAssertEqual(result[1, 1] / exp(40), 1, accuracy: 1e-12)
        XCTAssertEqual(result[0, 1], 0)
    }

    func testSkewSymmetricMatrixGivesARotation() {
        // exp([[0, -θ], [θ, 0]]) = [[cos θ, -sin θ], [sin θ, cos θ]], for small and several-turn angles.
        for theta in [0.3, 2.0, 10.0, 100.0] {
            let generator = Matrix(size: 2, values: [0, -theta, theta, 0])
            let rotation = Matrix(size: 2, values: [cos(theta), -sin(theta), sin(theta), cos(theta)])
            assertClose(generator.exponential(), rotation, tolerance: 1e-13 * max(1, theta))
        }
    }

    func testNilpotentMatrixSeriesTerminates() {
        // N = c·(shift) in 4 dimensions has N⁴ = 0, so exp(N) = I + N + N²/2 + N³/6 exactly:
        // entry (i, i+k) = c^k / k!. c = 3 makes the norm large enough to exercise the squarings.
        let c = 3.0
        var shift = Matrix(size: 4)
        for i in 0..<3 { shift[i, i + 1] = c }
        var expected = Matrix.identity(4)
        for i in 0..<4 {
            for k in 1..<(4 - i) { expected[i, i + k] = pow(c, Double(k)) / [1.0, 1, 2, 6][k] }
        }
        assertClose(shift.exponential(), expected, tolerance: 1e-14)
    }

    func testJordanBlockOfARepeatedEigenvalue() {
        // exp([[λ, 1], [0, λ]]) = e^λ·[[1, 1], [0, 1]]: a defective matrix, not diagonalisable.
        let lambda = -1.7
        let block = Matrix(size: 2, values: [lambda, 1, 0, lambda])
        assertClose(block.exponential(), Matrix(size: 2, values: [exp(lambda), exp(lambda), 0, exp(lambda)]), tolerance: 1e-14)
    }

    func testExponentialOfANegatedMatrixIsItsInverse() {
        // exp(A)·exp(-A) = I for any A (A and -A commute), here a non-normal 3×3 matrix.
        let a = Matrix(size: 3, values: [0.3, -1.2, 2.0, 0.7, -0.4, 0.1, -1.5, 0.9, 0.2])
        let negated = Matrix(size: 3, values: a.values.map { -$0 })
        assertClose(a.exponential() * negated.exponential(), .identity(3), tolerance: 1e-13)
    }
}

final class LinearPropagatorTests: XCTestCase {
    func testScalarDecayWithDrive() {
        // dx/dt = -x/tau + b: P = e^{-dt/tau}, q = b·tau·(1 - e^{-dt/tau}).
        let (tau, b, dt) = (0.01, 3.0, 1e-4)
        let propagator = LinearPropagator(a: Matrix(size: 1, values: [-1 / tau]), b: [b], dt: dt)
        XCTAssertEqual(propagator.matrix[0, 0], exp(-dt / tau), accuracy: 1e-16)
        XCTAssertEqual(propagator.offset[0], b * tau * -expm1(-dt / tau), accuracy: 1e-18)
    }

    func testZeroMatrixIntegratesTheConstantDrive() {
        // A = 0 is singular (A⁻¹b does not exist): P = I, q = b·dt.
        let propagator = LinearPropagator(a: Matrix(size: 2), b: [2, -5], dt: 1e-3)
        XCTAssertEqual(propagator.matrix, .identity(2))
        XCTAssertEqual(propagator.offset[0], 2e-3, accuracy: 1e-18)
        XCTAssertEqual(propagator.offset[1], -5e-3, accuracy: 1e-18)
    }

    func testNilpotentSystemGivesConstantAcceleration() {
        // x' = y, y' = c: y(dt) = y0 + c·dt, x(dt) = x0 + y0·dt + c·dt²/2.
        let (c, dt) = (4.0, 0.5)
        let propagator = LinearPropagator(a: Matrix(size: 2, values: [0, 1, 0, 0]), b: [0, c], dt: dt)
        assertClose(propagator.matrix, Matrix(size: 2, values: [1, dt, 0, 1]), tolerance: 1e-15)
        XCTAssertEqual(propagator.offset[0], c * dt * dt / 2, accuracy: 1e-15)
        XCTAssertEqual(propagator.offset[1], c * dt, accuracy: 1e-15)
    }

    func testSingularSystemWithOneDecayingAndOneIntegratingVariable() {
        // diag(-k, 0) with drive (b1, b2): q = (b1·(1 - e^{-k dt})/k, b2·dt).
        let (k, dt) = (200.0, 1e-3)
        let propagator = LinearPropagator(a: diagonal([-k, 0]), b: [1.5, 0.25], dt: dt)
        assertClose(propagator.matrix, diagonal([exp(-k * dt), 1]), tolerance: 1e-15)
        XCTAssertEqual(propagator.offset[0], 1.5 * -expm1(-k * dt) / k, accuracy: 1e-17)
        XCTAssertEqual(propagator.offset[1], 0.25 * dt, accuracy: 1e-17)
    }

    func testFixedPointOfAnInvertibleSystemIsPreserved() {
        // For invertible A the fixed point X* = -A⁻¹b satisfies P·X* + q = X* for every dt.
        // A = [[-2, 1], [-1, -3]] (det 7), b = (1, 2): X* = -A⁻¹b = -(1/7)·[[-3, -1], [1, -2]]·b = (5/7, 3/7).
        let a = Matrix(size: 2, values: [-2, 1, -1, -3])
        let fixedPoint = [5.0 / 7, 3.0 / 7]
        for dt in [1e-3, 0.1, 2.0] {
            let propagator = LinearPropagator(a: a, b: [1, 2], dt: dt)
            for i in 0..<2 {
                let image = propagator.matrix[i, 0] * fixedPoint[0] + propagator.matrix[i, 1] * fixedPoint[1] + propagator.offset[i]
                XCTAssertEqual(image, fixedPoint[i], accuracy: 1e-14, "dt \(dt)")
            }
        }
    }
}
