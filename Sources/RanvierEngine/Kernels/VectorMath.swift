/// `exp` and `expm1` written without library calls or branches, so that the loops of block
/// programs over them vectorise (a Hodgkin-Huxley step evaluates about ten of them per neuron).
/// Accuracy is within a few ulp of the correctly rounded result over the whole range, including
/// overflow to infinity, gradual underflow to subnormals and 0, and NaN.

/// Taylor coefficients 1/n! for n = 13 down to 2 (Horner order).
private let inverseFactorials: (Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double) = (
    1.0 / 6227020800, 1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880, 1.0 / 40320,
    1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2
)

/// `(e^r - 1)/r - 1`, i.e. `r/2 + r²/6 + ...`, for |r| <= 0.35 (degree 12, error below 1e-18).
@inline(__always) private func expm1TailOverR(_ r: Double) -> Double {
    let c = inverseFactorials
    var p = c.0
    p = p * r + c.1; p = p * r + c.2; p = p * r + c.3; p = p * r + c.4; p = p * r + c.5
    p = p * r + c.6; p = p * r + c.7; p = p * r + c.8; p = p * r + c.9; p = p * r + c.10
    p = p * r + c.11
    return p * r
}

/// 2^k for a whole number k in [-1022, 1023], built from its exponent bits.
@inline(__always) private func powerOfTwo(_ k: Double) -> Double {
    // Adding 1.5·2^52 puts k, as an integer, in the low bits of the double.
    let bits = (k + 6755399441055744.0).bitPattern &+ 1023
    return Double(bitPattern: bits << 52)
}

/// e^x.
@inline(__always) func vectorExp(_ x: Double) -> Double {
    let ln2High = 6.93147180369123816490e-01, ln2Low = 1.90821492927058770002e-10
    let clamped = Swift.min(Swift.max(x, -745.2), 709.8)
    let k = (clamped * 1.4426950408889634).rounded(.toNearestOrEven)
    let r = (clamped - k * ln2High) - k * ln2Low
    let p = 1 + (r + r * expm1TailOverR(r))
    // 2^k in two factors keeps each a normal number down to the subnormal range.
    let half = (k * 0.5).rounded(.down)
    var result = p * powerOfTwo(half) * powerOfTwo(k - half)
    result = x > 709.782712893384 ? .infinity : result
    result = x < -745.1332191019412 ? 0 : result
    return x.isNaN ? x : result
}

/// e^x - 1, accurate for small |x| too.
@inline(__always) func vectorExpm1(_ x: Double) -> Double {
    let small = x + x * expm1TailOverR(x)
    let large = vectorExp(x) - 1
    return Swift.abs(x) < 0.35 ? small : large
}

/// `(e^x - 1)/x`, continuous at 0.
@inline(__always) func vectorExprel(_ x: Double) -> Double {
    x == 0 ? 1 : vectorExpm1(x) / x
}
