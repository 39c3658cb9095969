import Glibc

/// Draws from one binomial distribution (`trials` trials of success probability `probability`),
/// exactly in distribution: by inversion of the distribution function when the expected number of
/// the rarer outcome is small (a table lookup per draw, the table's far tail walked term by term),
/// otherwise by first halving the number of trials with beta-distributed order statistics (Knuth's
/// method) until inversion is cheap.
public struct BinomialSampler {
    public let trials: Int
    public let probability: Double
    /// Below this expected count of the rarer outcome, inversion is used directly.
    static let inversionLimit = 16.0
    /// Precomputed for the common case of direct inversion: whether failures are counted instead
    /// of successes, the rarer outcome's probability, and the chance of no rare outcome at all.
    private let reversed: Bool
    private let rare: Double
    private let noRareOutcome: Double
    private let invertsDirectly: Bool
    /// For direct inversion: the distribution function of the rarer outcome's count at 0, 1, ...
    /// up to where only a negligible tail is left (`cdf.capacity` entries).
    let cdf: Allocation<Double>
    /// The probability of the table's last count (the tail's walk starts from it; the table's
    /// differences lose it to rounding).
    private let lastTerm: Double

    /// A sampler of Binomial(`trials`, `probability`); `probability` must lie in [0, 1].
    public init(trials: Int, probability: Double) {
        self.trials = trials
        self.probability = probability
        reversed = probability > 0.5
        rare = reversed ? 1 - probability : probability
        noRareOutcome = pow(1 - rare, Double(trials))
        invertsDirectly = Double(trials) * rare <= Self.inversionLimit
        (cdf, lastTerm) = Self.distributionTable(trials, rare, noRareOutcome, build: invertsDirectly)
    }

    /// The distribution function of Binomial(n, p) at 0...K, K about 12 standard deviations above the
    /// mean (or n): a draw then costs one uniform and a short scan, with no division.
    private static func distributionTable(_ n: Int, _ p: Double, _ q0: Double, build: Bool) -> (Allocation<Double>, Double) {
        let mean = Double(n) * p
        let last = build ? Swift.min(n, Int(mean + 12 * (mean + 1).squareRoot()) + 12) : 0
        let table = Allocation<Double>(capacity: last + 1)
        let ratio = p < 1 ? p / (1 - p) : 0
        var pk = q0, sum = 0.0
        for k in 0...last {
            if k > 0 { pk *= Double(n - k + 1) / Double(k) * ratio }
            sum += pk
            table.pointer[k] = sum
        }
        return (table, pk)
    }

    /// One draw.
    @inline(__always)
    public func draw(_ random: inout RandomSource) -> Int {
        guard invertsDirectly else { return Self.splitting(trials, probability, &random) }
        let u = random.uniform(), table = cdf.pointer, last = cdf.capacity - 1
        var k = 0
        while k < last && u >= table[k] { k += 1 }
        let rareCount = u < table[k] ? k : tail(u - table[last], &random)
        return reversed ? trials - rareCount : rareCount
    }

    /// The count for a uniform draw beyond the table (left over: `u`), walking the terms after it.
    func tail(_ u: Double, _ random: inout RandomSource) -> Int {
        var u = u, k = cdf.capacity - 1, pk = lastTerm
        let ratio = rare / (1 - rare)
        while k < trials {
            k += 1
            pk *= Double(trials - k + 1) / Double(k) * ratio
            if u < pk { return k }
            u -= pk
        }
        // Rounding left a sliver of probability past the last outcome: draw again rather than bias.
        let again = draw(&random)
        return reversed ? trials - again : again
    }

    /// Inversion for `p` <= 1/2: walk the probabilities of 0, 1, 2... rare outcomes until the
    /// uniform draw is used up. `q0` is (1-p)^n.
    private static func inversion(_ n: Int, _ p: Double, _ q0: Double, _ random: inout RandomSource) -> Int {
        guard p > 0 else { return 0 }
        let ratio = p / (1 - p)
        while true {
            var u = random.uniform(), k = 0, pk = q0
            while u >= pk && k < n {
                u -= pk
                k += 1
                pk *= Double(n - k + 1) / Double(k) * ratio
            }
            // Rounding can leave a sliver of u past the last outcome: draw again rather than bias.
            if u < pk { return k }
        }
    }

    /// The count of successes among `n` trials for any n·p: the a-th smallest of n uniforms is
    /// Beta(a, n+1-a); it tells how many of the uniforms fall below p among the smaller or larger
    /// ones, each again binomial with half as many trials.
    private static func splitting(_ n: Int, _ p: Double, _ random: inout RandomSource) -> Int {
        var n = n, p = p, successes = 0
        while Double(n) * Swift.min(p, 1 - p) > inversionLimit {
            let a = 1 + n / 2
            let x = beta(Double(a), Double(n + 1 - a), &random)
            if x >= p {
                n = a - 1
                p /= x
            } else {
                successes += a
                n -= a
                p = (p - x) / (1 - x)
            }
        }
        let reversed = p > 0.5, rare = reversed ? 1 - p : p
        let rareCount = inversion(n, rare, pow(1 - rare, Double(n)), &random)
        return successes + (reversed ? n - rareCount : rareCount)
    }

    /// A Beta(a, b) draw for a, b >= 1, as X / (X + Y) of two gamma draws.
    private static func beta(_ a: Double, _ b: Double, _ random: inout RandomSource) -> Double {
        let x = gamma(a, &random), y = gamma(b, &random)
        return x / (x + y)
    }

    /// A Gamma(shape, 1) draw for shape >= 1 (Marsaglia and Tsang's squeeze method, exact).
    private static func gamma(_ shape: Double, _ random: inout RandomSource) -> Double {
        let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
        while true {
            let x = random.normal()
            let t = 1 + c * x
            guard t > 0 else { continue }
            let v = t * t * t
            let u = random.uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
