import Glibc
import XCTest
@testable import RanvierEngine

/// Snapshots (`store()`/`restore()`): every object's state, spikes in flight, monitors, time, random state, files.
final class SnapshotTests: XCTestCase {
    private static func namespace() -> Namespace {
        let ns = Namespace()
        ns.set("ms", value: 1e-3, dimension: .time)
        return ns
    }

    /// A small recurrent network with per-synapse delays (so spikes are in flight between steps),
    /// refractoriness and, if `noisy`, noise.
    private struct Model {
        let group: NeuronGroup
        let synapses: Synapses
        let spikes: SpikeMonitor
        let trace: StateMonitor
        let rate: PopulationRateMonitor
        let network = Network()

        init(noisy: Bool = false) throws {
            let noise = noisy ? " + 0.3*xi/sqrt(ms)" : ""
            group = try NeuronGroup(size: 20, model: "dv/dt = (1.2 - v)/(10*ms)\(noise) : 1 (unless refractory)", method: noisy ? "euler" : "exact",
                                    threshold: "v > 1", reset: "v = 0", refractoriness: .duration(0.002))
            synapses = try Synapses(source: group, target: group, model: "w : 1",
                                    pathways: [PathwaySpec(name: "pre", isPre: true, code: "v_post += w")])
            let sources: [Int] = (0..<60).map { $0 / 3 }
            let offsets = [1, 7, 13]
            let targets: [Int] = (0..<60).map { ($0 / 3 + offsets[$0 % 3]) % 20 }
            try synapses.connect(pre: sources, post: targets)
            try synapses.execute("w = 0.05 + 0.01*(i % 3)", indices: nil, namespace: Namespace())
            try synapses.execute("delay = (1 + (i + j) % 5)*0.4*ms", indices: nil, namespace: SnapshotTests.namespace())
            try group.execute("v = i/20.0", indices: nil, namespace: Namespace())
            spikes = SpikeMonitor(group: group)
            trace = try StateMonitor(group: group, variables: ["v"], indices: [0, 5])
            rate = PopulationRateMonitor(group: group)
        }

        var objects: [SimulationObject] { [group, synapses, spikes, trace, rate] }
        var named: [(name: String, object: Snapshotting)] {
            [("neurongroup", group), ("synapses", synapses), ("spikemonitor", spikes), ("statemonitor", trace), ("ratemonitor", rate)]
        }

        func run(_ seconds: Double) throws { try network.run(objects, duration: seconds, namespace: SnapshotTests.namespace()) }
        var spikeTrain: [String] { zip(spikes.indices.elements, spikes.times.elements).map { "\($0)@\($1)" } }
    }

    func testRestoringASnapshotTakenAtZeroRepeatsTheFirstRunSpikeForSpike() throws {
        let model = try Model()
        let snapshot = try model.network.takeSnapshot(of: model.named)
        try model.run(0.05)
        let first = model.spikeTrain, firstTrace = model.trace.recordings["v"]!.elements
        XCTAssertGreaterThan(first.count, 20)
        try model.network.restore(snapshot, into: model.named, restoringRandomState: false)
        XCTAssertEqual(model.network.t, 0)
        XCTAssertEqual(model.spikes.indices.count, 0)
        XCTAssertEqual(model.trace.times.count, 0)
        XCTAssertEqual((0..<20).map { model.spikes.counts.pointer[$0] }, Array(repeating: 0, count: 20))
        XCTAssertEqual(model.group.variables["v"]!.storage![3], 3.0 / 20)
        try model.run(0.05)
        XCTAssertEqual(model.spikeTrain, first)
        XCTAssertEqual(model.trace.recordings["v"]!.elements, firstTrace)
    }

    func testASnapshotTakenMidRunKeepsTheSpikesInFlight() throws {
        let model = try Model()
        try model.run(0.0123)
        XCTAssertGreaterThan(model.synapses.pathwayQueues[0].pendingEvents.synapses.count, 0, "the test needs spikes in flight")
        let snapshot = try model.network.takeSnapshot(of: model.named)
        let atStore = model.spikeTrain
        try model.run(0.03)
        let continued = model.spikeTrain, rates = model.rate.rates.elements
        try model.network.restore(snapshot, into: model.named, restoringRandomState: false)
        XCTAssertEqual(model.network.t, 0.0123, accuracy: 1e-12)
        XCTAssertEqual(model.spikeTrain, atStore)
        try model.run(0.03)
        XCTAssertEqual(model.spikeTrain, continued)
        XCTAssertEqual(model.rate.rates.elements, rates)
    }

    func testRestoringTheRandomStateRepeatsANoisyRunOnlyOnRequest() throws {
        let model = try Model(noisy: true)
        let snapshot = try model.network.takeSnapshot(of: model.named)
        try model.run(0.03)
        let first = model.spikeTrain
        try model.network.restore(snapshot, into: model.named, restoringRandomState: true)
        try model.run(0.03)
        XCTAssertEqual(model.spikeTrain, first)
        try model.network.restore(snapshot, into: model.named, restoringRandomState: false)
        try model.run(0.03)
        XCTAssertNotEqual(model.spikeTrain, first)
    }

    func testRestoringASnapshotTakenBeforeConnectRemovesTheLaterSynapses() throws {
        let group = try NeuronGroup(size: 4, model: "v : 1", threshold: "v > 1")
        let synapses = try Synapses(source: group, target: group, model: "w : 1", pathways: [PathwaySpec(name: "pre", isPre: true, code: "v_post += w")])
        let named: [(name: String, object: Snapshotting)] = [("g", group), ("s", synapses)]
        let network = Network()
        let empty = try network.takeSnapshot(of: named)
        try synapses.connect(pre: [0, 1, 2], post: [1, 2, 3])
        try synapses.execute("w = 2", indices: nil, namespace: Namespace())
        let three = try network.takeSnapshot(of: named)
        try network.restore(empty, into: named, restoringRandomState: false)
        XCTAssertEqual(synapses.size, 0)
        XCTAssertEqual(synapses.variables["w"]!.storage!.count, 0)
        XCTAssertEqual(synapses.preIndex.count, 0)
        try network.run([group, synapses], duration: 0.001, namespace: Namespace())
        try network.restore(three, into: named, restoringRandomState: false)
        XCTAssertEqual(synapses.postIndex.elements, [1, 2, 3])
        XCTAssertEqual(synapses.variables["w"]!.storage!.allValues, [2, 2, 2])
    }

    func testObjectsWithoutStoredStateAndStatesWithoutObjectsAreKeyErrorsThatChangeNothing() throws {
        let model = try Model()
        let snapshot = try model.network.takeSnapshot(of: model.named)
        try model.run(0.01)
        let extra = try NeuronGroup(size: 1, model: "x : 1")
        XCTAssertThrowsError(try model.network.restore(snapshot, into: model.named + [("neurongroup_1", extra)], restoringRandomState: false)) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .unknownIdentifier)
            XCTAssertEqual(($0 as? RanvierError)?.message, "Stored state does not have a stored state for 'neurongroup_1'. Note that the names of all objects have to be identical to the names when they were stored.")
        }
        XCTAssertThrowsError(try model.network.restore(snapshot, into: Array(model.named.dropLast()), restoringRandomState: false)) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .unknownIdentifier)
            XCTAssertEqual(($0 as? RanvierError)?.message, "The stored state contains the state of the following objects which were not present in the network: ratemonitor. Note that the names of all objects have to be identical to the names when they were stored.")
        }
        XCTAssertEqual(model.network.t, 0.01, accuracy: 1e-12)
        XCTAssertGreaterThan(model.trace.times.count, 0)
    }

    func testAStateForADifferentModelIsRefusedByName() throws {
        let small = try NeuronGroup(size: 3, model: "v : 1"), large = try NeuronGroup(size: 4, model: "v : 1")
        let snapshot = try Network().takeSnapshot(of: [("g", small)])
        XCTAssertThrowsError(try Network().restore(snapshot, into: [("g", large)], restoringRandomState: false)) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .value)
            XCTAssertTrue(($0 as? RanvierError)?.message.contains("Cannot restore 'g'") == true, "\($0)")
            XCTAssertTrue(($0 as? RanvierError)?.message.contains("has 3 elements, but the object has 4") == true, "\($0)")
        }
    }

    private func temporaryPath(_ name: String) -> String { "/tmp/ranvier-snapshot-test-\(getpid())-\(name)" }

    private func writeBytes(_ bytes: [UInt8], to path: String) {
        let file = fopen(path, "wb")!
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }

    private func readBytes(_ path: String) -> [UInt8] {
        let file = fopen(path, "rb")!
        defer { fclose(file) }
        var bytes: [UInt8] = [], byte: Int32 = 0
        while true { byte = fgetc(file); if byte == EOF { break }; bytes.append(UInt8(byte)) }
        return bytes
    }

    func testAFileKeepsSeveralNamedSnapshotsThatRestoreAModelBuiltTheSameWay() throws {
        let path = temporaryPath("several")
        defer { unlink(path) }
        let model = try Model()
        try SnapshotFile.store(try model.network.takeSnapshot(of: model.named), as: "start", at: path)
        try model.run(0.0123)
        try SnapshotFile.store(try model.network.takeSnapshot(of: model.named), as: "middle", at: path)
        try model.run(0.03)
        let continued = model.spikeTrain
        XCTAssertEqual(try SnapshotFile.read(path).map(\.name), ["start", "middle"])

        let rebuilt = try Model()
        try rebuilt.network.restore(try SnapshotFile.load("middle", from: path), into: rebuilt.named, restoringRandomState: false)
        XCTAssertEqual(rebuilt.network.t, 0.0123, accuracy: 1e-12)
        try rebuilt.run(0.03)
        XCTAssertEqual(rebuilt.spikeTrain, continued)
        XCTAssertEqual(rebuilt.trace.recordings["v"]!.elements, model.trace.recordings["v"]!.elements)
        // Storing a name again replaces it.
        try SnapshotFile.store(try rebuilt.network.takeSnapshot(of: rebuilt.named), as: "start", at: path)
        XCTAssertEqual(try SnapshotFile.read(path).map(\.name), ["start", "middle"])
        XCTAssertEqual(try SnapshotFile.load("start", from: path).clock["t"]!.values(Double.self)[0], rebuilt.network.t)
    }

    func testBadFilesGiveErrorsNamingTheProblem() throws {
        let path = temporaryPath("bad")
        defer { unlink(path) }
        let group = try NeuronGroup(size: 3, model: "v : 1")
        try SnapshotFile.store(try Network().takeSnapshot(of: [("g", group)]), as: "default", at: path)
        let good = readBytes(path)
        func failure(_ bytes: [UInt8]) -> RanvierError? {
            writeBytes(bytes, to: path)
            do { _ = try SnapshotFile.load("default", from: path); return nil } catch { return error as? RanvierError }
        }
        XCTAssertNotNil(try? SnapshotFile.load("default", from: path))
        XCTAssertEqual(failure(Array("garbage".utf8) + good)?.message.contains("is not a Ranvier snapshot file"), true)
        XCTAssertEqual(failure(Array(good.dropLast(5)))?.message.contains("is truncated or malformed"), true)
        XCTAssertEqual(failure(good + [0])?.message.contains("unexpected bytes"), true)
        var newer = good
        newer[8] = 2
        XCTAssertEqual(failure(newer)?.message.contains("has format version 2"), true)
        // Every truncation fails cleanly (never a trap).
        for length in stride(from: 0, to: good.count, by: 7) { XCTAssertEqual(failure(Array(good.prefix(length)))?.kind, .value) }
        // A count forged to 10^15 anywhere in the file is refused before anything that large is
        // allocated (counts must fit in the rest of the file); other fields read as other values.
        let forged: UInt64 = 1_000_000_000_000_000
        var refusedCounts = 0
        for position in 0...(good.count - 8) {
            var bytes = good
            for k in 0..<8 { bytes[position + k] = UInt8(truncatingIfNeeded: forged >> (8 * UInt64(k))) }
            if let error = failure(bytes), error.message.contains("truncated or malformed") { refusedCounts += 1 }
        }
        XCTAssertGreaterThan(refusedCounts, 3)
        writeBytes(good, to: path)
        XCTAssertThrowsError(try SnapshotFile.load("other", from: path)) { XCTAssertEqual(($0 as? RanvierError)?.kind, .unknownIdentifier) }
        XCTAssertThrowsError(try SnapshotFile.load("default", from: temporaryPath("missing"))) { XCTAssertEqual(($0 as? RanvierError)?.kind, .io) }
        XCTAssertThrowsError(try SnapshotFile.store(try Network().takeSnapshot(of: []), as: "x", at: "/nonexistent-dir/file")) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .io)
        }
    }

    func testASpikeGeneratorGetsBackTheSpikesItHadWhenStored() throws {
        let generator = try NeuronGroup(size: 2, model: "")
        generator.spikeSchedule = try SpikeSchedule(groupSize: 2, neurons: [0, 1], times: [0.001, 0.002], period: 0)
        let spikes = SpikeMonitor(group: generator)
        let network = Network()
        let snapshot = try network.takeSnapshot(of: [("generator", generator), ("spikes", spikes)])
        generator.spikeSchedule = try SpikeSchedule(groupSize: 2, neurons: [0, 0], times: [0.003, 0.004], period: 0)
        try network.restore(snapshot, into: [("generator", generator), ("spikes", spikes)], restoringRandomState: false)
        try network.run([generator, spikes], duration: 0.005, namespace: Namespace())
        XCTAssertEqual(spikes.indices.elements, [0, 1])
        XCTAssertEqual(spikes.times.elements.map { ($0 * 1e4).rounded() }, [10, 20])
    }

    func testAMonitorStateWithArraysOfDifferentLengthsIsRefused() throws {
        let model = try Model()
        try model.run(0.01)
        let snapshot = try model.network.takeSnapshot(of: model.named)
        let trace = snapshot.objects.first { $0.name == "statemonitor" }!.state
        trace.set("t", StateArray([0.0, 1e-4]))  // two rows of times, a hundred rows of v
        XCTAssertThrowsError(try model.network.restore(snapshot, into: model.named, restoringRandomState: false)) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .value)
            XCTAssertTrue(($0 as? RanvierError)?.message.contains("recordings of a StateMonitor are inconsistent") == true, "\($0)")
        }
        XCTAssertEqual(model.trace.times.count, 100)
    }
}
