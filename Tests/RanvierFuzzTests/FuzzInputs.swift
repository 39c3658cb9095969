import Glibc

// Inputs for the fuzz tests: a seeded generator, the seed corpus (Tests/Fuzz/corpus), a grammar of
// Brian2's model language and byte-level mutations. Everything is self-contained (no dependency) and
// reproducible from RANVIER_FUZZ_SEED.

/// SplitMix64: a small, fast generator whose whole state is one seed, so a run is reproducible.
struct FuzzRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability 1/n.
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Settings read from the environment, so CI runs a bounded slice and a long run is one command.
enum FuzzSettings {
    /// Inputs per fuzz test (RANVIER_FUZZ_INPUTS); CI's default keeps `swift test` within seconds.
    static func inputs(default value: Int) -> Int { integer("RANVIER_FUZZ_INPUTS") ?? value }
    /// The generator's seed (RANVIER_FUZZ_SEED), fixed by default so CI is deterministic.
    static var seed: UInt64 { UInt64(integer("RANVIER_FUZZ_SEED") ?? 20261204) }
    /// Wall seconds one input may take before it counts as a hang (RANVIER_FUZZ_TIME_LIMIT).
    static var timeLimit: Double { Double(integer("RANVIER_FUZZ_TIME_LIMIT") ?? 5) }

    private static func integer(_ name: String) -> Int? {
        guard let text = getenv(name) else { return nil }
        return Int(String(cString: text))
    }
}

/// The seed corpus: every file of Tests/Fuzz/corpus, one input each.
enum FuzzCorpus {
    static let seeds: [String] = {
        var directory = "\(#filePath)"
        while let slash = directory.lastIndex(of: "/"), !directory.hasSuffix("/Tests") {
            directory = String(directory[..<slash])
        }
        let path = directory + "/Fuzz/corpus"
        guard let handle = opendir(path) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted().compactMap { readFile(path + "/" + $0) }
    }()

    private static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Random text of Brian2's model language: mostly well-formed, with extreme values and edge cases,
/// so inputs get past the parser into dimension checks, integration, compilation and runs.
struct ModelGrammar {
    var random: FuzzRandom

    static let names = ["v", "w", "x", "u", "I", "tau", "i", "j", "k", "N", "N_pre", "N_post", "N_incoming", "N_outgoing",
                        "t", "dt", "t_in_timesteps", "lastspike", "not_refractory", "v_pre", "v_post", "x_pre", "w_post",
                        "i_pre", "j_post", "True", "False", "pi", "e", "inf", "nan", "mV", "ms", "second", "volt", "Hz",
                        "nA", "metre", "xi", "xi_1", "_x", "undefined_name", "lambda", "for", "in", "if"]
    static let numbers = ["0", "1", "-1", "0.5", "2", "3", "10", "1e308", "1e-308", "1e999", "-1e999", "4.9e-324",
                          "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e15", "1e300",
                          "4611686018427387904", "0.0", "1.", ".5", "1e", "1_000", "0x10", "1j", "007"]
    static let functions = ["exp", "log", "log10", "sqrt", "abs", "sin", "cos", "tan", "arcsin", "arctan", "sinh",
                            "tanh", "floor", "ceil", "clip", "int", "sign", "exprel", "rand", "randn", "expm1",
                            "log1p", "timestep", "poisson", "binomial", "unknown_function"]
    static let binary = [" + ", " - ", " * ", " / ", " // ", " % ", " ** ", " < ", " <= ", " > ", " >= ", " == ", " != ",
                         " and ", " or ", "*", "**-"]
    static let units = ["1", "volt", "second", "metre", "amp", "siemens", "Hz", "metre**-2", "amp/metre**2",
                        "siemens/metre**2", "second**-0.5", "volt**2", "integer", "boolean", "float", "mV", "2", "radian",
                        "kilogram*metre**2/second**3", "1/second", "metre**1e308", "metre**(1/3)", "unknownunit"]
    static let flags = ["constant", "shared", "unless refractory", "event-driven", "clock-driven", "constant over dt",
                        "linked", "summed", "unknown-flag", ""]
    static let assignments = [" = ", " += ", " -= ", " *= ", " /= ", " //= ", " **= "]

    init(seed: UInt64) { random = FuzzRandom(seed: seed) }

    mutating func expression(depth: Int = 0) -> String {
        let choice = depth > 4 ? random.below(2) : random.below(8)
        switch choice {
        case 0: return random.pick(Self.names)
        case 1: return random.pick(Self.numbers)
        case 2, 3: return expression(depth: depth + 1) + random.pick(Self.binary) + expression(depth: depth + 1)
        case 4: return "(" + expression(depth: depth + 1) + ")"
        case 5: return random.pick(["-", "+", "not ", "- -"]) + expression(depth: depth + 1)
        case 6:
            let arguments = (0..<random.below(4)).map { _ in expression(depth: depth + 1) }
            return random.pick(Self.functions) + "(" + arguments.joined(separator: ", ") + ")"
        default:
            return expression(depth: depth + 1) + " > " + expression(depth: depth + 1) + " > " + expression(depth: depth + 1)
        }
    }

    mutating func statements() -> String {
        (0..<(1 + random.below(3))).map { _ in
            random.pick(Self.names) + random.pick(Self.assignments) + expression()
        }.joined(separator: random.pick(["\n", "; ", "\n\n", " \\\n"]))
    }

    mutating func equations() -> String {
        let variables = ["v", "w", "u", "x", random.pick(Self.names)]
        return (0..<(1 + random.below(4))).map { index in
            let name = variables[index % variables.count]
            var line: String
            switch random.below(3) {
            case 0: line = "d\(name)/dt = " + expression()
            case 1: line = "\(name) = " + expression()
            default: line = name
            }
            line += " : " + random.pick(Self.units)
            if random.oneIn(2) {
                let chosen = (0..<(1 + random.below(2))).map { _ in random.pick(Self.flags) }
                line += " (" + chosen.joined(separator: random.pick([", ", ",", " ", "\\\n"])) + ")"
            }
            return line
        }.joined(separator: "\n")
    }

    mutating func generator() -> String {
        var text = expression() + " for " + random.pick(["k", "j", "i", "x"]) + " in "
        switch random.below(3) {
        case 0: text += "range(" + (0..<(1 + random.below(3))).map { _ in random.pick(Self.numbers + ["N_post", "i", "i + 3"]) }.joined(separator: ", ") + ")"
        case 1: text += "sample(" + random.pick(["N_post", "10", "0", "-1", "1e300", "i, N_post"]) + ", " + random.pick(["p=", "size="]) + random.pick(Self.numbers) + ")"
        default: text += expression()
        }
        if random.oneIn(2) { text += " if " + expression() }
        return text
    }

    /// One extreme or ordinary double.
    mutating func double() -> Double {
        random.pick([0, 1, -1, 1e-4, 0.1, 1e15, 1e300, -1e300, .infinity, -.infinity, .nan, .leastNonzeroMagnitude,
                     .greatestFiniteMagnitude, 9.2233720368547758e18, -9.2233720368547758e18, 4.6e18, .leastNormalMagnitude / 1024])
    }

    /// One extreme or ordinary count or index.
    mutating func integer() -> Int64 {
        random.pick([0, 1, 2, 3, -1, -2, 10, 1 << 31, 1 << 32, 1 << 40, 1 << 62, .max, .min, .max - 1, 1 << 36])
    }
}

/// Byte-level mutations of a seed: the inputs a grammar would never write.
struct Mutator {
    static let tokens = ["\\", "\n", "\\\n", "(", ")", ":", "#", "'", "\"", ",", ";", "**", "//", "=", "==", " for ", " in ",
                         " if ", "range(", "sample(", "d", "/dt", " : ", "(shared)", "(constant)", "1e999", "-", "\t", "\r",
                         "é", "\u{00}", "[", "]", "{", "}", ".", "@", "$", "_", "xi", "9223372036854775808"]

    static func mutate(_ text: String, with random: inout FuzzRandom, splicing other: String) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<(1 + random.below(4)) {
            let position = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
            switch random.below(6) {
            case 0 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + random.below(8))
                if position < end { bytes.removeSubrange(position..<end) }
            case 1:
                bytes.insert(contentsOf: Array(random.pick(tokens).utf8), at: position)
            case 2 where position < bytes.count:
                bytes[position] = UInt8(truncatingIfNeeded: random.below(256))
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + random.below(16))
                if position < end { bytes.insert(contentsOf: bytes[position..<end], at: position) }
            case 4:
                let donor = Array(other.utf8)
                if !donor.isEmpty {
                    let start = random.below(donor.count)
                    bytes.insert(contentsOf: donor[start..<min(donor.count, start + 1 + random.below(24))], at: position)
                }
            default:
                bytes = Array(bytes.prefix(position))
            }
        }
        return String(decoding: bytes.filter { $0 != 0 }, as: UTF8.self)
    }
}

/// The stream of fuzz inputs: corpus seeds first, then grammar output and mutations of both.
struct FuzzInputStream {
    private var grammar: ModelGrammar
    private var random: FuzzRandom
    private var corpusPosition = 0
    private let kind: Kind

    /// What the inputs are for, so the grammar writes that kind most of the time.
    enum Kind { case expression, statements, equations, generator, any }

    init(kind: Kind, seed: UInt64) {
        self.kind = kind
        grammar = ModelGrammar(seed: seed)
        random = FuzzRandom(seed: seed ^ 0x5EED)
    }

    mutating func grammatical(_ kind: Kind) -> String {
        switch kind {
        case .expression: return grammar.expression()
        case .statements: return grammar.statements()
        case .equations: return grammar.equations()
        case .generator: return grammar.generator()
        case .any: return grammatical(random.pick([.expression, .statements, .equations, .generator]))
        }
    }

    mutating func next() -> String {
        if corpusPosition < FuzzCorpus.seeds.count {
            corpusPosition += 1
            return FuzzCorpus.seeds[corpusPosition - 1]
        }
        let base = random.oneIn(2) || FuzzCorpus.seeds.isEmpty ? grammatical(random.oneIn(4) ? .any : kind) : random.pick(FuzzCorpus.seeds)
        if random.oneIn(3) { return base }
        let other = FuzzCorpus.seeds.isEmpty ? grammatical(.any) : random.pick(FuzzCorpus.seeds)
        return Mutator.mutate(base, with: &random, splicing: other)
    }

    mutating func double() -> Double { grammar.double() }
    mutating func integer() -> Int64 { grammar.integer() }
    mutating func below(_ bound: Int) -> Int { random.below(bound) }
}
