import Glibc

/// The engine's random number generator: xoshiro256** seeded through splitmix64.
///
/// One generator serves a whole process, like Brian2's global seed: `seed(n)` makes every later draw
/// (initialisation strings, `rand()` in code, `xi` noise) reproducible.
public struct RandomSource: RandomNumberGenerator {
    private var state: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var spareNormal: Double? = nil

    /// A generator seeded with `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        state = (Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer))
    }

    /// A generator seeded from the operating system's entropy.
    public init() {
        var system = SystemRandomNumberGenerator()
        self.init(seed: system.next())
    }

    /// The whole state as six words (what a snapshot keeps): the four state words, 1 if a normal
    /// draw is waiting (0 if not), and that draw's bits.
    public var stateWords: [UInt64] {
        [state.0, state.1, state.2, state.3, spareNormal == nil ? 0 : 1, spareNormal?.bitPattern ?? 0]
    }

    /// The generator `stateWords` describes; nil for words no generator has (wrong count, a zero state).
    public init?(stateWords words: [UInt64]) {
        guard words.count == 6, words[0...3].contains(where: { $0 != 0 }), words[4] <= 1 else { return nil }
        state = (words[0], words[1], words[2], words[3])
        spareNormal = words[4] == 1 ? Double(bitPattern: words[5]) : nil
    }

    private static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = Self.rotateLeft(state.3, 45)
        return result
    }

    /// A uniform draw in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal draw (Marsaglia's polar method, which yields values in pairs).
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    /// Fills `count` slots with uniform draws.
    public mutating func fillUniform(_ out: UnsafeMutablePointer<Double>, count: Int) {
        for k in 0..<count { out[k] = uniform() }
    }

    /// Fills `count` slots with standard normal draws.
    public mutating func fillNormal(_ out: UnsafeMutablePointer<Double>, count: Int) {
        for k in 0..<count { out[k] = normal() }
    }
}

/// The process-wide generator used by every simulation.
public enum GlobalRandom {
    /// The shared generator; not thread-safe, like the engine's single simulation thread.
    nonisolated(unsafe) public static var source = RandomSource()

    /// Reseeds the shared generator (`seed < 0`: from the operating system's entropy).
    public static func seed(_ seed: Int64) {
        source = seed < 0 ? RandomSource() : RandomSource(seed: UInt64(seed))
    }
}
