import CRanvier
import RanvierEngine

/// The (name, object) pairs of a store or restore call: `count` handles and as many newline-separated names.
/// Objects that take part in runs but hold no state of their own (network operations, run_regularly
/// code) are left out, as Brian2 leaves them out of its snapshots.
private func namedObjects(_ objects: UnsafePointer<rv_handle?>?, _ count: Int64, _ names: UnsafePointer<CChar>?,
                          in function: String) throws -> [(name: String, object: Snapshotting)] {
    guard count >= 0 else { throw RanvierError(.value, "\(function): negative object count") }
    guard count > 0 else { return [] }
    let list = try require(objects, "the object list", in: function)
    let split = try string(names, "names", in: function).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard split.count == Int(count) else {
        throw RanvierError(.value, "\(function): \(count) objects but \(split.count) names")
    }
    return try (0..<Int(count)).compactMap { k in
        let simulated = try? object(list[k], as: SimulationObject.self, "object \(k)", in: function)
        guard simulated is Snapshotting || simulated == nil else { return nil }
        return (split[k], try object(list[k], as: Snapshotting.self, "object \(k)", in: function))
    }
}

@_cdecl("rv_snapshot_take")
public func rvSnapshotTake(_ network: rv_handle?, _ objects: UnsafePointer<rv_handle?>?, _ count: Int64,
                           _ names: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_snapshot_take"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        let owner = try object(network, as: Network.self, "the network", in: function)
        output.pointee = retainedHandle(try owner.takeSnapshot(of: namedObjects(objects, count, names, in: function)))
    }
}

@_cdecl("rv_snapshot_restore")
public func rvSnapshotRestore(_ snapshot: rv_handle?, _ network: rv_handle?, _ objects: UnsafePointer<rv_handle?>?,
                              _ count: Int64, _ names: UnsafePointer<CChar>?, _ restoreRandomState: Int32) -> rv_status {
    let function = "rv_snapshot_restore"
    return guarded(function) {
        let stored = try object(snapshot, as: Snapshot.self, "the snapshot", in: function)
        let owner = try object(network, as: Network.self, "the network", in: function)
        try owner.restore(stored, into: namedObjects(objects, count, names, in: function), restoringRandomState: restoreRandomState != 0)
    }
}

@_cdecl("rv_snapshot_write")
public func rvSnapshotWrite(_ snapshot: rv_handle?, _ path: UnsafePointer<CChar>?, _ name: UnsafePointer<CChar>?) -> rv_status {
    let function = "rv_snapshot_write"
    return guarded(function) {
        let stored = try object(snapshot, as: Snapshot.self, "the snapshot", in: function)
        try SnapshotFile.store(stored, as: string(name, "name", in: function), at: string(path, "path", in: function))
    }
}

@_cdecl("rv_snapshot_read")
public func rvSnapshotRead(_ path: UnsafePointer<CChar>?, _ name: UnsafePointer<CChar>?,
                           _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_snapshot_read"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        output.pointee = retainedHandle(try SnapshotFile.load(string(name, "name", in: function), from: string(path, "path", in: function)))
    }
}

@_cdecl("rv_snapshot_byte_count")
public func rvSnapshotByteCount(_ snapshot: rv_handle?, _ out: UnsafeMutablePointer<Int64>?) -> rv_status {
    let function = "rv_snapshot_byte_count"
    return guarded(function) {
        try require(out, "the output", in: function).pointee = Int64(try object(snapshot, as: Snapshot.self, "the snapshot", in: function).byteCount)
    }
}
