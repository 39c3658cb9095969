import CRanvier
import Glibc
import XCTest
@testable import RanvierCAPI

/// Fuzzes the snapshot file reader (`restore(filename=...)` reads files a user hands it): mutated and
/// truncated copies of a real snapshot file must be read or refused with a status, never trap; what
/// reads must restore or be refused the same way.
final class SnapshotFuzzTests: XCTestCase {
    func testMutatedSnapshotFilesAreReadOrRefused() throws {
        var group: rv_handle?, synapses: rv_handle?, network: rv_handle?, snapshot: rv_handle?
        XCTAssertEqual(rv_neurongroup_create(3, "dv/dt = -v/(10*ms) : 1\nn : integer", "", "v > 1", "v = 0", "", 0, 0, &group), RV_OK)
        XCTAssertEqual(rv_synapses_create(group, group, "w : 1", "", 1e-3, 0, &synapses), RV_OK)
        XCTAssertEqual(rv_synapses_add_pathway(synapses, "pre", 1, "v_post += w", 0), RV_OK)
        XCTAssertEqual(rv_synapses_connect_indices(synapses, [0, 1, 2], [1, 2, 0], 3), RV_OK)
        XCTAssertEqual(rv_network_create(&network), RV_OK)
        defer { [group, synapses, network].forEach { _ = rv_release($0) } }
        let objects: [rv_handle?] = [group, synapses]
        XCTAssertEqual(rv_snapshot_take(network, objects, 2, "g\ns", &snapshot), RV_OK, String(cString: rv_last_error()))
        let directory = String(cString: mkdtemp(strdup("/tmp/ranvier-fuzz-XXXXXX")))
        let original = directory + "/original", path = directory + "/mutated"
        defer { unlink(original); unlink(path); rmdir(directory) }
        XCTAssertEqual(rv_snapshot_write(snapshot, original, "initial"), RV_OK, String(cString: rv_last_error()))
        _ = rv_release(snapshot)
        let bytes = try XCTUnwrap(Self.read(original))
        var random = FuzzRandom(seed: FuzzSettings.seed &+ 6)
        fuzz("snapshot files", inputs: FuzzSettings.inputs(default: 1000), { () -> String in
            var mutated = bytes
            for _ in 0..<(1 + random.below(4)) {
                let position = random.below(mutated.count)
                switch random.below(4) {
                case 0: mutated[position] = UInt8(truncatingIfNeeded: random.next())
                case 1: mutated[position] ^= 0x80
                case 2: mutated = Array(mutated.prefix(position))
                default: mutated.insert(contentsOf: [0xFF, 0xFF, 0xFF, 0x7F], at: position)
                }
                if mutated.isEmpty { break }
            }
            Self.write(mutated, to: path)
            return "snapshot file of \(mutated.count) bytes (the original with 1-4 byte edits)"
        }) { _ in
            var read: rv_handle?
            let status = rv_snapshot_read(path, "initial", &read)
            XCTAssertTrue((RV_OK...RV_ERR_CALLBACK).contains(status), "status \(status)")
            guard status == RV_OK, let read else { return false }
            defer { _ = rv_release(read) }
            let restored = rv_snapshot_restore(read, network, objects, 2, "g\ns", 1)
            XCTAssertTrue((RV_OK...RV_ERR_CALLBACK).contains(restored), "status \(restored)")
            return true
        }
    }

    private static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { return bytes }
            bytes += buffer[0..<count]
        }
    }

    private static func write(_ bytes: [UInt8], to path: String) {
        guard let file = fopen(path, "wb") else { return }
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
}
