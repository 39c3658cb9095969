import Glibc

/// Dense square matrices stored row-major, for propagators of small linear systems.
public struct Matrix: Equatable {
    public let size: Int
    public var values: [Double]

    public init(size: Int, values: [Double]? = nil) {
        self.size = size
        self.values = values ?? Array(repeating: 0, count: size * size)
    }

    public static func identity(_ size: Int) -> Matrix {
        var m = Matrix(size: size)
        for k in 0..<size { m[k, k] = 1 }
        return m
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * size + column] }
        set { values[row * size + column] = newValue }
    }

    public static func * (a: Matrix, b: Matrix) -> Matrix {
        var c = Matrix(size: a.size)
        for i in 0..<a.size {
            for k in 0..<a.size where a[i, k] != 0 {
                for j in 0..<a.size { c[i, j] += a[i, k] * b[k, j] }
            }
        }
        return c
    }

    /// The largest absolute row sum (the infinity norm).
    var norm: Double {
        (0..<size).map { i in (0..<size).reduce(0) { $0 + Swift.abs(self[i, $1]) } }.max() ?? 0
    }

    /// `exp(self)` by scaling and squaring with a Taylor series summed to full double precision.
    public func exponential() -> Matrix {
        let n = norm
        // Non-finite coefficients (e.g. a time constant of 0) give non-finite results, as the scalar path does.
        guard n.isFinite else { return Matrix(size: size, values: Array(repeating: .nan, count: size * size)) }
        let squarings = n > 0.5 ? Int(Glibc.ceil(Glibc.log2(n / 0.5))) : 0
        let scale = Glibc.pow(2.0, Double(-squarings))
        let scaled = Matrix(size: size, values: values.map { $0 * scale })
        var result = Matrix.identity(size)
        var term = Matrix.identity(size)
        for k in 1...30 {
            term = term * scaled
            term.values = term.values.map { $0 / Double(k) }
            result.values = zip(result.values, term.values).map(+)
            if term.norm <= 1e-18 * Swift.max(result.norm, 1) { break }
        }
        for _ in 0..<squarings { result = result * result }
        return result
    }
}

/// The exact one-step solution of `dX/dt = A·X + b` with constant `A` and `b`: `X' = P·X + q`.
public struct LinearPropagator {
    public let matrix: Matrix
    public let offset: [Double]

    /// Computes `P = exp(A·dt)` and `q = ∫₀^dt exp(A·s) ds · b` from the augmented matrix
    /// `[[A, b], [0, 0]]`, which stays accurate when `A` is singular (pure integrators).
    public init(a: Matrix, b: [Double], dt: Double) {
        let n = a.size
        var augmented = Matrix(size: n + 1)
        for i in 0..<n {
            for j in 0..<n { augmented[i, j] = a[i, j] * dt }
            augmented[i, n] = b[i] * dt
        }
        let e = augmented.exponential()
        var p = Matrix(size: n)
        for i in 0..<n { for j in 0..<n { p[i, j] = e[i, j] } }
        matrix = p
        offset = (0..<n).map { e[$0, n] }
    }
}
