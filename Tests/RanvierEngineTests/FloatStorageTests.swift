import XCTest
@testable import RanvierEngine

/// Storage types: float32 groups (Brian2's `default_float_dtype = float32`), one-byte flags, and
/// the double-precision arithmetic every kernel applies to them.
final class FloatStorageTests: XCTestCase {
    private func namespace() -> Namespace {
        let ns = Namespace()
        ns.set("ms", value: 1e-3, dimension: .time)
        ns.set("tau", value: 0.01, dimension: .time)
        return ns
    }

    /// The value a double takes once stored as a float.
    private func single(_ x: Double) -> Double { Double(Float(x)) }

    func testSinglePrecisionGroupStoresModelVariablesInFourBytesFlagsInOneAndSpikeTimesInEight() throws {
        let group = try NeuronGroup(size: 4, model: "dv/dt = -v/tau : 1\nflag : boolean", threshold: "v > 1",
                                    refractoriness: .duration(2e-3), floatType: .float32)
        XCTAssertEqual(group.variables["v"]!.storage!.elementType, .float32)
        XCTAssertEqual(group.variables["flag"]!.storage!.elementType, .bool)
        XCTAssertEqual(group.variables["not_refractory"]!.storage!.elementType, .bool)
        XCTAssertEqual(group.variables["lastspike"]!.storage!.elementType, .float64)
        XCTAssertEqual(try NeuronGroup(size: 4, model: "v : 1").variables["v"]!.storage!.elementType, .float64)
    }

    func testCodeWritesRoundToTheStorageType() throws {
        let group = try NeuronGroup(size: 3, model: "v : 1\nflag : boolean", floatType: .float32)
        try group.execute("v = 0.1*(i + 1)\nflag = i > 0", indices: nil, namespace: namespace())
        XCTAssertEqual(group.variables["v"]!.storage!.allValues, [single(0.1), single(0.1 * 2), single(0.1 * 3)])
        XCTAssertEqual(group.variables["flag"]!.storage!.allValues, [0, 1, 1])
        // Reads convert back to doubles: v*10 is computed in double precision from the stored float.
        try group.execute("v = v*10", indices: [1], namespace: namespace())
        XCTAssertEqual(group.variables["v"]!.storage![1], single(single(0.2) * 10))
    }

    /// The exact update computes in double precision and rounds once per step. Each rounding errs by
    /// at most 2^-24 relative (|v| <= 1 here), and the decay factor p = exp(-dt/tau) = exp(-0.01)
    /// damps earlier errors, so the single-precision trajectory stays within 2^-24/(1 - p) ≈ 6e-6 of
    /// the double one.
    func testSinglePrecisionExactUpdateFollowsTheDoublePrecisionTrajectory() throws {
        let results = try [ElementType.float64, .float32].map { type -> [Double] in
            let group = try NeuronGroup(size: 20, model: "dv/dt = (v0 - v)/tau : 1\nv0 : 1", method: "exact", floatType: type)
            try group.execute("v0 = i*0.1\nv = 1 - i*0.05", indices: nil, namespace: namespace())
            try Network().run([group], duration: 0.02, namespace: namespace())
            return group.variables["v"]!.storage!.allValues
        }
        for (double, float) in zip(results[0], results[1]) {
            XCTAssertEqual(float, single(float), "stored values are floats")
            XCTAssertEqual(float, double, accuracy: 0x1p-24 / (1 - exp(-0.01)))
        }
        XCTAssertNotEqual(results[0], results[1], "the float32 run must really round")
    }

    func testWeightsAndTargetsOfEitherPrecisionAccumulate() throws {
        for (targetType, synapseType) in [(ElementType.float64, ElementType.float32), (.float32, .float64), (.float32, .float32)] {
            let source = try NeuronGroup(size: 1, model: "dv/dt = 1/ms : 1", method: "euler", threshold: "v > 0.55",
                                         reset: "v = 0", floatType: targetType)
            let target = try NeuronGroup(size: 2, model: "x : 1", floatType: targetType)
            let synapses = try Synapses(source: source, target: target, model: "w : 1",
                                        pathways: [PathwaySpec(name: "pre", isPre: true, code: "x_post += w")], floatType: synapseType)
            try synapses.connect(pre: [0, 0], post: [0, 1])
            try synapses.execute("w = 0.1*(j + 1)", indices: nil, namespace: namespace())
            let spikes = SpikeMonitor(group: source)
            try Network().run([source, target, synapses, spikes], duration: 0.003, namespace: namespace())
            XCTAssertEqual(spikes.indices.count, 5)
            // Each spike adds the stored weight to the stored target value, rounding the sum to the target's type.
            let round = targetType == .float32 ? single : { $0 }
            let weights = [0.1, 0.2].map { synapseType == .float32 ? single($0) : $0 }
            let expected = weights.map { w in (0..<5).reduce(0.0) { sum, _ in round(sum + w) } }
            XCTAssertEqual(target.variables["x"]!.storage!.allValues, expected, "\(targetType) target, \(synapseType) weights")
        }
    }

    func testSummedVariableIntoABooleanTargetStoresTruthValues() throws {
        let source = try NeuronGroup(size: 1, model: "v : 1")
        let target = try NeuronGroup(size: 3, model: "flag : boolean", floatType: .float32)
        let synapses = try Synapses(source: source, target: target, model: "w : 1\nflag_post = w : 1 (summed)", pathways: [])
        try synapses.connect(pre: [0, 0, 0], post: [0, 1, 2])
        try synapses.execute("w = 0.5*j - 0.5", indices: nil, namespace: namespace())
        try Network().run([source, target, synapses], duration: 0.0002, namespace: namespace())
        XCTAssertEqual(target.variables["flag"]!.storage!.allValues, [1, 0, 1])
    }

    func testStateMonitorRecordsInTheVariablesStorageType() throws {
        let group = try NeuronGroup(size: 3, model: "dv/dt = -v/tau : 1\nu = 2*v : 1", method: "exact", threshold: "v > 2",
                                    refractoriness: .duration(1e-3), floatType: .float32)
        try group.execute("v = 0.1*(i + 1)", indices: nil, namespace: namespace())
        let monitor = try StateMonitor(group: group, variables: ["v", "u", "not_refractory", "lastspike"], indices: [0, 2])
        try Network().run([group, monitor], duration: 0.0003, namespace: namespace())
        XCTAssertEqual(monitor.recordings["v"]!.elementType, .float32)
        XCTAssertEqual(monitor.recordings["u"]!.elementType, .float32, "subexpressions record in the group's float type")
        XCTAssertEqual(monitor.recordings["not_refractory"]!.elementType, .bool)
        XCTAssertEqual(monitor.recordings["lastspike"]!.elementType, .float64)
        // The first row is the initial state (recorded before the first update), as stored.
        XCTAssertEqual(Array(monitor.recordings["v"]!.elements.prefix(2)), [single(0.1), single(0.1 * 3)])
        XCTAssertEqual(Array(monitor.recordings["u"]!.elements.prefix(2)), [single(2 * single(0.1)), single(2 * single(0.1 * 3))])
        XCTAssertEqual(monitor.recordings["not_refractory"]!.elements, [1, 1, 1, 1, 1, 1])
    }

    func testBooleanFlagsReadAsZeroAndOneInCode() throws {
        let group = try NeuronGroup(size: 4, model: "flag : boolean\ncount : 1", floatType: .float32)
        try group.execute("flag = i % 2 == 0", indices: nil, namespace: namespace())
        try group.execute("count = flag + 2*int(flag)", indices: nil, namespace: namespace())
        XCTAssertEqual(group.variables["count"]!.storage!.allValues, [3, 0, 3, 0])
    }
}
