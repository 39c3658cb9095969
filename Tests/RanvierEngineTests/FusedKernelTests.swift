import XCTest
@testable import RanvierEngine

/// The one-pass refractory/relaxation/threshold kernel must give exactly what the separate passes give.
final class FusedKernelTests: XCTestCase {
    func testRefractoryWindowAgreesWithBrian2sDivisionForEveryTestedElapsedTime() throws {
        var generator = SplitMix(seed: 7)
        for (period, dt) in [(5e-3, 1e-4), (2e-3, 1e-4), (3.3e-3, 7e-5), (1e-4, 1e-4), (0.25, 1e-3)] {
            let window = try XCTUnwrap(RefractoryWindow(period: period, dt: dt))
            let steps = window.periodSteps
            // Elapsed times near every step boundary, a few ulps either side, and random ones.
            var samples: [Double] = []
            for k in 0...Int(steps) + 2 {
                var value = Double(k) * dt + 1e-3 * dt
                for _ in 0..<4 { value = value.nextDown }
                for _ in 0..<8 { samples.append(value); value = value.nextUp }
            }
            samples.append(window.minimumElapsed)
            samples.append(window.minimumElapsed.nextDown)
            for _ in 0..<10_000 { samples.append(generator.nextUnit() * (steps + 3) * dt) }
            for elapsed in samples {
                XCTAssertEqual(window.isOver(shiftedTime: elapsed, lastSpike: 0), elapsed / dt >= steps,
                               "period \(period) s, dt \(dt) s, elapsed \(elapsed) s")
            }
        }
    }

    func testPeriodsShorterThanAStepHaveNoWindow() {
        XCTAssertNil(RefractoryWindow(period: 0, dt: 1e-4))
        XCTAssertNil(RefractoryWindow(period: 4e-5, dt: 1e-4))
    }

    /// Runs a 50-neuron group with the threshold written as `v > 1` (fused kernel) and as `1 < v`
    /// (the separate passes) and asserts identical spikes and final states.
    private func assertFusedMatchesSeparatePasses(model: String, reset: String, refractory: Double, prepare: String,
                                                  floatType: ElementType = .float64) throws {
        let results = try ["v > 1", "1 < v"].map { threshold in
            let group = try NeuronGroup(size: 50, model: model, method: "exact", threshold: threshold, reset: reset,
                                        refractoriness: .duration(refractory), floatType: floatType)
            let namespace = Namespace()
            namespace.set("tau", value: 0.01, dimension: .time)
            try group.execute(prepare, indices: nil, namespace: namespace)
            let monitor = SpikeMonitor(group: group)
            try Network().run([group, monitor], duration: 0.1, namespace: namespace)
            XCTAssertEqual(group.usesFusedKernel, threshold == "v > 1", threshold)
            return (indices: monitor.indices.elements, times: monitor.times.elements,
                    v: Array(group.variables["v"]!.storage!.allValues.prefix(50)))
        }
        XCTAssertGreaterThan(results[0].indices.count, 100)
        XCTAssertEqual(results[0].indices, results[1].indices)
        XCTAssertEqual(results[0].times, results[1].times)
        XCTAssertEqual(results[0].v, results[1].v)
    }

    func testFusedKernelMatchesSeparatePassesWithPerNeuronFixedPoints() throws {
        try assertFusedMatchesSeparatePasses(model: "dv/dt = (v0 - v)/tau : 1 (unless refractory)\nv0 : 1", reset: "v = 0",
                                             refractory: 5e-3, prepare: "v0 = i*3.0/49\nv = i*0.02")
    }

    func testFusedKernelMatchesSeparatePassesInSinglePrecision() throws {
        try assertFusedMatchesSeparatePasses(model: "dv/dt = (v0 - v)/tau : 1 (unless refractory)\nv0 : 1", reset: "v = 0",
                                             refractory: 5e-3, prepare: "v0 = i*3.0/49\nv = i*0.02", floatType: .float32)
    }

    func testFusedKernelMatchesSeparatePassesWithSharedFixedPointAndUngatedVariable() throws {
        try assertFusedMatchesSeparatePasses(model: "dv/dt = (2 - v)/tau : 1", reset: "v = -0.5*v",
                                             refractory: 3e-3, prepare: "v = i*0.01\nlastspike = -i*tau/97")
    }
}

final class InlineRefractorinessTests: XCTestCase {
    /// A CUBA-like group driven by its own synapse-free currents; `perNeuronTau` makes the
    /// coefficients per-neuron, which takes the general block path instead of the one-pass kernel.
    private func run(perNeuronTau: Bool) throws -> (indices: [Int32], times: [Double], v: [Double]) {
        let model = """
            dv/dt = (ge + gi - (v - El))/taum : 1 (unless refractory)
            dge/dt = -ge/taue : 1
            dgi/dt = -gi/taui : 1
            """ + (perNeuronTau ? "\ntaum : second" : "")
        let group = try NeuronGroup(size: 40, model: model, method: "exact", threshold: "v > 1", reset: "v = 0\nge += 0.3",
                                    refractoriness: .duration(5e-3))
        let namespace = Namespace()
        namespace.set("El", value: 1.2, dimension: .dimensionless)
        namespace.set("taue", value: 5e-3, dimension: .time)
        namespace.set("taui", value: 10e-3, dimension: .time)
        namespace.set("tau_membrane", value: 20e-3, dimension: .time)
        if perNeuronTau {
            try group.execute("taum = tau_membrane", indices: nil, namespace: namespace)
        } else {
            namespace.set("taum", value: 20e-3, dimension: .time)
        }
        try group.execute("v = i*0.025\nge = 0.01*i\ngi = -0.005*i", indices: nil, namespace: namespace)
        let monitor = SpikeMonitor(group: group)
        try Network().run([group, monitor], duration: 0.2, namespace: namespace)
        // Shared coefficients take the one-pass kernel; per-neuron ones the separate passes.
        XCTAssertEqual(group.usesFusedKernel, !perNeuronTau)
        return (monitor.indices.elements, monitor.times.elements,
                Array(group.variables["v"]!.storage!.allValues.prefix(40)))
    }

    func testInlineRefractoryDecisionMatchesTheSeparatePass() throws {
        let inline = try run(perNeuronTau: false), general = try run(perNeuronTau: true)
        XCTAssertGreaterThan(inline.indices.count, 100)
        XCTAssertEqual(inline.indices, general.indices)
        XCTAssertEqual(inline.times, general.times)
        for (a, b) in zip(inline.v, general.v) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }
}

final class FusedKernelWithSynapsesTests: XCTestCase {
    /// A CUBA-like network: synapses onto the group's own conductance, written in the synapses slot,
    /// after the threshold, so the one-pass kernel applies; the threshold `1 < v` takes the separate
    /// passes, which must give the same spikes.
    private func run(threshold: String, floatType: ElementType = .float64) throws -> (indices: [Int32], fused: Bool) {
        let group = try NeuronGroup(size: 30, model: """
            dv/dt = (ge - (v - 1.1))/(20*ms) : 1 (unless refractory)
            dge/dt = -ge/(5*ms) : 1
            dgi/dt = -gi/(10*ms) : 1
            """, method: "exact", threshold: threshold, reset: "v = 0", refractoriness: .duration(2e-3), floatType: floatType)
        let namespace = Namespace()
        namespace.set("ms", value: 1e-3, dimension: .time)
        try group.execute("v = i*0.03", indices: nil, namespace: namespace)
        let synapses = try Synapses(source: group, target: group, model: "",
                                    pathways: [PathwaySpec(name: "pre", isPre: true, code: "ge += 0.05")], floatType: floatType)
        try synapses.connect(pre: Array(0..<30), post: (0..<30).map { ($0 * 7 + 3) % 30 })
        let monitor = SpikeMonitor(group: group)
        try Network().run([group, synapses, monitor], duration: 0.1, namespace: namespace)
        return (monitor.indices.elements, group.usesFusedKernel)
    }

    func testSynapticInputsAfterTheThresholdKeepTheOnePassKernelAndItsResults() throws {
        let fused = try run(threshold: "v > 1"), separate = try run(threshold: "1 < v")
        XCTAssertTrue(fused.fused)
        XCTAssertFalse(separate.fused)
        XCTAssertGreaterThan(fused.indices.count, 50)
        XCTAssertEqual(fused.indices, separate.indices)
    }

    func testTheOnePassKernelGivesTheSeparatePassesResultsInSinglePrecision() throws {
        let fused = try run(threshold: "v > 1", floatType: .float32), separate = try run(threshold: "1 < v", floatType: .float32)
        XCTAssertTrue(fused.fused)
        XCTAssertGreaterThan(fused.indices.count, 50)
        XCTAssertEqual(fused.indices, separate.indices)
    }
}

/// A small deterministic generator for sampling test inputs.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
    }
}
