import Glibc

/// Refuses allocations the machine cannot give before they are made, so a model too large for the
/// machine raises `MemoryError` (as Brian2 does) instead of killing the process.
///
/// What can be given is the smaller of the memory the system reports available (`MemAvailable`) and
/// the room left under the process's address-space limit (`RLIMIT_AS`, e.g. `ulimit -v`).
public enum MemoryGuard {
    /// Growth of arrays during a run is checked once it adds up to this much since the last check,
    /// or at a single growth this large (reading the system's figures costs tens of microseconds;
    /// doubling makes large growths rare).
    static let uncheckedGrowthBytes = 16.0 * 1024 * 1024
    /// Bytes allocated by growth since the last check (over every array: a spike queue is many small ones).
    private static var uncheckedGrowth = 0.0

    /// Whether a growth allocating `bytes` must be checked: a large one, or small ones adding up.
    /// Only called on a run's own thread.
    static func needsCheck(forGrowth bytes: Double) -> Bool {
        uncheckedGrowth += bytes
        guard bytes >= uncheckedGrowthBytes || uncheckedGrowth >= uncheckedGrowthBytes else { return false }
        uncheckedGrowth = 0
        return true
    }

    /// Memory left free when a recording grows during a run, so that the process can still work
    /// (read what was recorded, report the error) after the run stops.
    static let runHeadroomBytes = 64.0 * 1024 * 1024

    /// Names a monitor's recording that outgrows memory at `time` (seconds, rounded to the picosecond).
    static func recording(of monitor: String, at time: Double) -> String {
        "A \(monitor)'s recording at t = \((time * 1e12).rounded() / 1e12) s"
    }

    /// Said when a recording outgrows memory during a run.
    static let runStoppedNote = "The run stopped at this step; what was recorded before it is kept."

    /// For tests: when set, the bytes the process is told it can still allocate, in place of the
    /// system's figures (lets tests exhaust "memory" without allocating it).
    static var simulatedAvailableBytes: Double?

    /// Whether `bytes` more can be allocated.
    static func fits(_ bytes: Double) -> Bool { bytes.isFinite && bytes < 0x1p62 && bytes <= availableBytes() }

    /// Bytes the process can still allocate, as far as the system tells (infinity when it does not).
    public static func availableBytes() -> Double {
        if let simulatedAvailableBytes { return simulatedAvailableBytes }
        var available = meminfoKilobytes("MemAvailable:").map { $0 * 1024 } ?? .infinity
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {  // RLIM_INFINITY
            let used = statusKilobytes("VmSize:").map { $0 * 1024 } ?? 0
            available = Swift.min(available, Double(limit.rlim_cur) - used)
        }
        return Swift.max(available, 0)
    }

    /// Throws a `.memory` error when `bytes` (an estimate, computed in floating point so that absurd
    /// sizes cannot overflow) exceeds what the process can allocate. `what` names the allocation,
    /// `advice` what to change.
    public static func check(_ bytes: Double, for what: String, advice: String) throws {
        guard bytes.isFinite, bytes < 0x1p62 else {
            throw RanvierError(.memory, "\(what) would need more memory than any machine has. \(advice)")
        }
        let available = availableBytes()
        guard bytes > available else { return }
        throw RanvierError(.memory, "\(what) would need about \(gigabytes(bytes)) of memory, but only \(gigabytes(available)) can be allocated. \(advice)")
    }

    /// A byte count for messages, e.g. "8.0 GB".
    static func gigabytes(_ bytes: Double) -> String {
        let tenths = (bytes / 1e8).rounded()
        guard tenths.isFinite, tenths < 1e15 else { return "\(bytes) bytes" }
        return tenths < 1 ? "\(Int((bytes / 1e6).rounded())) MB" : "\(Int(tenths) / 10).\(Int(tenths) % 10) GB"
    }

    private static func meminfoKilobytes(_ key: String) -> Double? { kilobytes(key, inFile: "/proc/meminfo") }
    private static func statusKilobytes(_ key: String) -> Double? { kilobytes(key, inFile: "/proc/self/status") }

    /// The number on the line of `path` that starts with `key` ("MemAvailable:   123456 kB").
    private static func kilobytes(_ key: String, inFile path: String) -> Double? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(cString: line)
            guard text.hasPrefix(key) else { continue }
            let digits = text.dropFirst(key.count).filter { $0.isNumber }
            return Double(String(digits))
        }
        return nil
    }
}
