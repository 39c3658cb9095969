import Glibc

/// Snapshot files: `store(name, filename=...)` writes, `restore(name, filename=...)` reads. One file
/// holds any number of named snapshots, as Brian2's do; storing a name again replaces it.
///
/// Format, version 1. All integers are unsigned little-endian; arrays hold their elements in
/// little-endian order, as the engine stores them.
///
///     file     = "RANVSNAP" (8 bytes)  version: u32 (= 1)  reserved: u32 (= 0)
///                count: u64  snapshot × count                              (then end of file)
///     snapshot = name: string  clock: state  random: state  count: u64  (name: string  state) × count
///     state    = count: u64  array × count
///     array    = name: string  type: u8  count: u64  element bytes (count × size of type)
///     string   = length: u64  UTF-8 bytes
///
/// Types (`StateElementType`): 0 float64, 1 float32, 2 uint8 (booleans), 3 int32, 4 int64, 5 uint64.
/// `clock` has the float64 arrays "t" and "dt" (seconds), `random` the uint64 array "state"
/// (`RandomSource.stateWords`); each object's state is what its type stores (`Snapshotting`):
/// model variables by name, engine arrays under names starting with "_". Readers reject a file
/// with another magic or version, unknown types, lengths running past the end, or trailing bytes.
public enum SnapshotFile {
    /// The first eight bytes of every snapshot file.
    static let magic = Array("RANVSNAP".utf8)
    /// The version this engine writes and reads.
    public static let version: UInt32 = 1

    /// Stores `snapshot` under `name` in the file at `path`, keeping the file's other snapshots.
    /// The new file is written next to the old one and renamed over it, so a failure leaves the
    /// old file as it was.
    public static func store(_ snapshot: Snapshot, as name: String, at path: String) throws {
        var entries = access(path, F_OK) == 0 ? try read(path) : []
        if let existing = entries.firstIndex(where: { $0.name == name }) {
            entries[existing].snapshot = snapshot
        } else {
            entries.append((name, snapshot))
        }
        let temporary = "\(path).\(getpid()).tmp"
        do {
            try write(entries, to: temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = systemError()
            unlink(temporary)
            throw RanvierError(.io, "Could not write the snapshot file '\(path)': \(reason)")
        }
    }

    /// The snapshot stored under `name` in the file at `path` (a `KeyError` with the name if none).
    public static func load(_ name: String, from path: String) throws -> Snapshot {
        guard let entry = try read(path).first(where: { $0.name == name }) else {
            throw RanvierError(.unknownIdentifier, "'\(name)'")
        }
        return entry.snapshot
    }

    /// Every snapshot in the file at `path`, in file order.
    public static func read(_ path: String) throws -> [(name: String, snapshot: Snapshot)] {
        var reader = try Reader(path: path)
        defer { reader.close() }
        guard reader.remaining >= magic.count, try reader.bytes(magic.count) == magic else {
            throw RanvierError(.value, "'\(path)' is not a Ranvier snapshot file (it does not start with \"RANVSNAP\")")
        }
        let fileVersion = try reader.u32()
        guard fileVersion == version else {
            throw RanvierError(.value, "The snapshot file '\(path)' has format version \(fileVersion); this version of Ranvier reads version \(version)")
        }
        _ = try reader.u32()
        var entries: [(name: String, snapshot: Snapshot)] = []
        for _ in 0..<(try reader.count(atLeast: 1)) {
            let name = try reader.string()
            let clock = try reader.state(), random = try reader.state()
            var objects: [(name: String, state: ObjectState)] = []
            for _ in 0..<(try reader.count(atLeast: 1)) { objects.append((try reader.string(), try reader.state())) }
            entries.append((name, Snapshot(clock: clock, random: random, objects: objects)))
        }
        guard reader.remaining == 0 else {
            throw RanvierError(.value, "The snapshot file '\(path)' is malformed: \(reader.remaining) unexpected bytes after its last snapshot")
        }
        return entries
    }

    /// Writes `entries` as a new snapshot file at `path`.
    public static func write(_ entries: [(name: String, snapshot: Snapshot)], to path: String) throws {
        guard let file = fopen(path, "wb") else {
            throw RanvierError(.io, "Could not open '\(path)' for writing: \(systemError())")
        }
        var writer = Writer(file: file)
        writer.bytes(magic)
        writer.u32(version)
        writer.u32(0)
        writer.u64(entries.count)
        for (name, snapshot) in entries {
            writer.string(name)
            writer.state(snapshot.clock)
            writer.state(snapshot.random)
            writer.u64(snapshot.objects.count)
            for (objectName, state) in snapshot.objects {
                writer.string(objectName)
                writer.state(state)
            }
        }
        let closed = fclose(file) == 0
        guard writer.succeeded, closed else {
            throw RanvierError(.io, "Could not write the snapshot file '\(path)': \(systemError())")
        }
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }

    /// Reads the format's items from a file, checking every length against what is left of the file
    /// before reading (so a bad file fails cleanly, and never makes a huge allocation).
    private struct Reader {
        private let file: UnsafeMutablePointer<FILE>
        let path: String
        private let size: Int
        private var position = 0

        init(path: String) throws {
            guard let file = fopen(path, "rb") else {
                throw RanvierError(.io, "Could not open the snapshot file '\(path)': \(systemError())")
            }
            var info = stat()
            guard fstat(fileno(file), &info) == 0 else {
                fclose(file)
                throw RanvierError(.io, "Could not read '\(path)': \(systemError())")
            }
            self.file = file
            self.path = path
            size = Int(info.st_size)
        }

        func close() { fclose(file) }

        var remaining: Int { size - position }

        private func truncated() -> RanvierError {
            RanvierError(.value, "The snapshot file '\(path)' is truncated or malformed (it ends inside an item at byte \(position))")
        }

        mutating func bytes(_ n: Int) throws -> [UInt8] {
            guard n >= 0, n <= remaining else { throw truncated() }
            let data = [UInt8](unsafeUninitializedCapacity: Swift.max(n, 1)) { buffer, initialized in
                initialized = n > 0 ? fread(buffer.baseAddress, 1, n, file) : 0
            }
            guard data.count == n else { throw RanvierError(.io, "Could not read '\(path)': \(systemError())") }
            position += n
            return data
        }

        mutating func u64() throws -> UInt64 {
            try bytes(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }

        mutating func u32() throws -> UInt32 {
            try bytes(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }

        /// A count of items that take at least `itemBytes` bytes each (so it fits the rest of the file).
        mutating func count(atLeast itemBytes: Int) throws -> Int {
            let value = try u64()
            guard value <= UInt64(remaining / itemBytes) else { throw truncated() }
            return Int(value)
        }

        mutating func string() throws -> String {
            String(decoding: try bytes(count(atLeast: 1)), as: UTF8.self)
        }

        mutating func state() throws -> ObjectState {
            let state = ObjectState()
            for _ in 0..<(try count(atLeast: 17)) {
                let name = try string()
                guard let type = StateElementType(rawValue: try bytes(1)[0]) else {
                    throw RanvierError(.value, "The snapshot file '\(path)' is malformed: array '\(name)' has an unknown element type")
                }
                let n = try count(atLeast: type.byteCount)
                state.set(name, StateArray(type: type, count: n, bytes: try bytes(n * type.byteCount)))
            }
            return state
        }
    }

    /// Writes the format's items through a buffered file, remembering whether every write succeeded.
    private struct Writer {
        let file: UnsafeMutablePointer<FILE>
        var succeeded = true

        init(file: UnsafeMutablePointer<FILE>) { self.file = file }

        mutating func bytes<C: Collection>(_ data: C) where C.Element == UInt8 {
            let written = data.withContiguousStorageIfAvailable { fwrite($0.baseAddress, 1, $0.count, file) == $0.count }
                ?? Array(data).withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) == $0.count }
            succeeded = succeeded && (written || data.isEmpty)
        }

        mutating func u64(_ value: Int) { u64(UInt64(value)) }
        mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes($0) } }
        mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes($0) } }

        mutating func string(_ text: String) {
            let utf8 = Array(text.utf8)
            u64(utf8.count)
            bytes(utf8)
        }

        mutating func state(_ state: ObjectState) {
            u64(state.names.count)
            for name in state.names {
                let array = state[name]!
                string(name)
                bytes([array.type.rawValue])
                u64(array.count)
                bytes(array.bytes)
            }
        }
    }
}
