import XCTest
@testable import RanvierEngine

/// Synapses: connectivity forms, spike propagation with delays, event-driven plasticity.
final class SynapsesTests: XCTestCase {
    private func namespace(_ values: [String: (Double, RanvierEngine.Dimension)] = [:]) -> Namespace {
        let ns = Namespace()
        ns.set("ms", value: 1e-3, dimension: .time)
        for (name, (value, dimension)) in values { ns.set(name, value: value, dimension: dimension) }
        return ns
    }

    private func pairs(_ s: Synapses) -> [[Int32]] {
        zip(s.preIndex.elements, s.postIndex.elements).map { [$0, $1] }
    }

    func testOnPreIncrementsThePostsynapticNeuronInTheSameStep() throws {
        let source = try NeuronGroup(size: 1, model: "dv/dt = (2 - v)/(10*ms) : 1", method: "exact", threshold: "v > 1", reset: "v = 0")
        let target = try NeuronGroup(size: 1, model: "dv/dt = -v/(100*ms) : 1", method: "exact")
        let synapses = try Synapses(source: source, target: target, model: "", pathways: [PathwaySpec(name: "pre", isPre: true, code: "v_post += 0.2")])
        try synapses.connect(pre: [0], post: [0])
        let spikes = SpikeMonitor(group: source)
        try Network().run([source, target, synapses, spikes], duration: 0.1, namespace: namespace())
        // Each spike adds 0.2 in the synapses slot of its step, after that step's update; the value then
        // decays in the remaining (end - t_spike)/dt - 1 steps.
        let expected = spikes.times.elements.reduce(0.0) { $0 + 0.2 * exp(-(0.1 - $1 - 1e-4) / 0.1) }
        XCTAssertGreaterThan(spikes.times.count, 5)
        XCTAssertEqual(target.variables["v"]!.storage![0], expected, accuracy: 1e-12)
    }

    func testDelayedDeliveryHappensExactlyDelayStepsLater() throws {
        let source = try NeuronGroup(size: 1, model: "dv/dt = 1/(1*ms) : 1", method: "euler", threshold: "v > 0.55", reset: "v = -100")
        let target = try NeuronGroup(size: 3, model: "x : 1")
        let synapses = try Synapses(source: source, target: target, model: "", pathways: [PathwaySpec(name: "pre", isPre: true, code: "x += t/ms")])
        try synapses.connect(pre: [0, 0, 0], post: [0, 1, 2])
        try synapses.execute("delay = j*0.3*ms", indices: nil, namespace: namespace())
        let network = Network()
        try network.run([source, target, synapses], duration: 0.003, namespace: namespace())
        // v is 0.1·(k+1) after the update of step k, so the source spikes at step 5 (t = 0.5 ms);
        // delays of 0, 3 and 6 steps deliver at t = 0.5, 0.8 and 1.1 ms.
        let x = target.variables["x"]!.storage!.allValues
        XCTAssertEqual(Array(x).map { ($0 * 10).rounded() / 10 }, [0.5, 0.8, 1.1])
    }

    func testSpikesInFlightAtTheEndOfARunArriveInTheNextRun() throws {
        // The source spikes at steps 5 and 16 (t = 0.5, 1.6 ms); with a 0.8 ms delay the second spike
        // is still on its way when the first run ends at 2 ms and arrives at 2.4 ms, in the second run.
        let source = try NeuronGroup(size: 1, model: "dv/dt = 1/(1*ms) : 1", method: "euler", threshold: "v > 0.55",
                                     reset: "v = -0.5")
        let target = try NeuronGroup(size: 1, model: "x : 1")
        let synapses = try Synapses(source: source, target: target, model: "", pathways: [PathwaySpec(name: "pre", isPre: true, code: "x += t/ms")])
        try synapses.connect(pre: [0], post: [0])
        try synapses.execute("delay = 0.8*ms", indices: nil, namespace: namespace())
        let network = Network()
        try network.run([source, target, synapses], duration: 0.002, namespace: namespace())
        let x = target.variables["x"]!.storage!.doubles!
        XCTAssertEqual(x[0], 1.3, accuracy: 1e-9)
        try network.run([source, target, synapses], duration: 0.001, namespace: namespace())
        XCTAssertEqual(x[0], 1.3 + 2.4, accuracy: 1e-9)
    }

    func testAccumulationOntoOneNeuronFromManySynapsesInOneStep() throws {
        let source = try NeuronGroup(size: 5, model: "v : 1", threshold: "True")
        let target = try NeuronGroup(size: 1, model: "v : 1")
        let synapses = try Synapses(source: source, target: target, model: "w : 1", pathways: [PathwaySpec(name: "pre", isPre: true, code: "v += w")])
        try synapses.connect(condition: "", probability: "", multiplicity: "2", generator: "", skipIfInvalid: false, namespace: namespace())
        try synapses.execute("w = i + 1", indices: nil, namespace: namespace())
        try Network().run([source, target, synapses], duration: 0.0001, namespace: namespace())
        XCTAssertEqual(target.variables["v"]!.storage![0], 2 * (1 + 2 + 3 + 4 + 5))
    }

    func testWritesToUnlessRefractoryVariablesSkipRefractoryNeurons() throws {
        // Brian2 2.11 gates such writes with the target's not_refractory: neuron 0 (refractory since
        // t = 0) keeps v = 0 and neuron 1 gets every input; the ungated u changes for both.
        let source = try NeuronGroup(size: 1, model: "s : 1", threshold: "True")
        let target = try NeuronGroup(size: 2, model: "dv/dt = -v/(1000*ms) : 1 (unless refractory)\nu : 1", method: "exact",
                                     threshold: "v > 100", reset: "v = 0", refractoriness: .duration(0.01))
        try target.execute("lastspike = 0*ms", indices: [0], namespace: namespace())
        for code in ["v_post += 0.5\nu += 1", "v = v + 0.5\nu_post += 1"] {
            try target.execute("v = 0\nu = 0", indices: nil, namespace: namespace())
            let synapses = try Synapses(source: source, target: target, model: "",
                                        pathways: [PathwaySpec(name: "pre", isPre: true, code: code)])
            try synapses.connect(pre: [0, 0], post: [0, 1])
            try Network().run([source, target, synapses], duration: 0.0003, namespace: namespace())
            let v = target.variables["v"]!.storage!.allValues, u = target.variables["u"]!.storage!.allValues
            XCTAssertEqual(v[0], 0, code)
            XCTAssertEqual(v[1], 0.5 * exp(-0.0002) + 0.5 * exp(-0.0001) + 0.5, accuracy: 1e-15, code)
            XCTAssertEqual(Array(u), [3, 3], code)
        }
    }

    func testGeneralCodeWithRepeatedTargetsMatchesSequentialProcessing() throws {
        let source = try NeuronGroup(size: 4, model: "v : 1", threshold: "True")
        let target = try NeuronGroup(size: 2, model: "v : 1")
        let synapses = try Synapses(source: source, target: target, model: "w : 1",
                                    pathways: [PathwaySpec(name: "pre", isPre: true, code: "v_post = v_post*2 + w")])
        try synapses.connect(pre: [0, 1, 2, 3], post: [0, 0, 1, 0])
        try synapses.execute("w = i + 1", indices: nil, namespace: namespace())
        try Network().run([source, target, synapses], duration: 0.0001, namespace: namespace())
        // Sequentially: v0 = ((0*2+1)*2+2)*2+4 = 12; v1 = 0*2+3 = 3.
        XCTAssertEqual(Array(target.variables["v"]!.storage!.allValues), [12, 3])
    }

    func testNeuronIndicesSubexpressionsAndCountsOfEitherSide() throws {
        // One group on both sides: i_pre/i_post must still be the two different neurons.
        let group = try NeuronGroup(size: 4, model: "v : 1\ny = 2*v + i : 1")
        try group.execute("v = i*0.5", indices: nil, namespace: namespace())
        let synapses = try Synapses(source: group, target: group, model: "w : 1", pathways: [])
        try synapses.connect(pre: [0, 1, 2, 3, 0], post: [1, 2, 3, 0, 2])
        let w = { Array(synapses.variables["w"]!.storage!.allValues) }
        try synapses.execute("w = i_post*10 + i_pre", indices: nil, namespace: namespace())
        XCTAssertEqual(w(), [10, 21, 32, 3, 20])
        try synapses.execute("w = y_pre*10 + y", indices: nil, namespace: namespace())  // y_pre = 2*(0.5 i) + i = 2 i
        XCTAssertEqual(w(), [2, 24, 46, 60, 4])
        try synapses.execute("w = N_incoming*10 + N_outgoing", indices: nil, namespace: namespace())
        XCTAssertEqual(w(), [12, 21, 11, 11, 22])
    }

    func testConnectConditionAndOneToOneGenerator() throws {
        let group = try NeuronGroup(size: 5, model: "v : 1")
        let notSelf = try Synapses(source: group, target: group, model: "", pathways: [])
        try notSelf.connect(condition: "abs(i-j) < 2 and i != j", probability: "", multiplicity: "", generator: "", skipIfInvalid: false, namespace: namespace())
        XCTAssertEqual(pairs(notSelf), [[0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [3, 2], [3, 4], [4, 3]])
        let oneToOne = try Synapses(source: group, target: group, model: "", pathways: [])
        try oneToOne.connect(condition: "", probability: "", multiplicity: "", generator: "i", skipIfInvalid: false, namespace: namespace())
        XCTAssertEqual(pairs(oneToOne), (0..<5).map { [Int32($0), Int32($0)] })
    }

    func testGeneratorWithRangeConditionAndSkipIfInvalid() throws {
        let group = try NeuronGroup(size: 6, model: "v : 1")
        let s = try Synapses(source: group, target: group, model: "", pathways: [])
        try s.connect(condition: "", probability: "", multiplicity: "", generator: "k for k in range(i-1, i+2) if k != i",
                      skipIfInvalid: true, namespace: namespace())
        XCTAssertEqual(pairs(s), [[0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [3, 2], [3, 4], [4, 3], [4, 5], [5, 4]])
        let strict = try Synapses(source: group, target: group, model: "", pathways: [])
        XCTAssertThrowsError(try strict.connect(condition: "", probability: "", multiplicity: "", generator: "k for k in range(i-1, i+2)",
                                                skipIfInvalid: false, namespace: namespace())) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .index)
        }
    }

    func testPresynapticOnlyConditionSelectsWholeRows() throws {
        let group = try NeuronGroup(size: 4, model: "v : 1")
        let s = try Synapses(source: group, target: group, model: "", pathways: [])
        try s.connect(condition: "i >= 2", probability: "", multiplicity: "", generator: "", skipIfInvalid: false, namespace: namespace())
        XCTAssertEqual(pairs(s), [[2, 0], [2, 1], [2, 2], [2, 3], [3, 0], [3, 1], [3, 2], [3, 3]])
    }

    func testRandomConnectivityHasTheExpectedNumberOfSynapses() throws {
        GlobalRandom.seed(3)
        let group = try NeuronGroup(size: 1000, model: "v : 1")
        let s = try Synapses(source: group, target: group, model: "", pathways: [])
        try s.connect(condition: "", probability: "0.02", multiplicity: "", generator: "", skipIfInvalid: false, namespace: namespace())
        // Binomial(10^6, 0.02): mean 20000, sd 140; 6 sd = 840.
        XCTAssertEqual(Double(s.size), 20000, accuracy: 840)
    }

    func testEventDrivenTraceDecaysExactlyBetweenEvents() throws {
        let source = try NeuronGroup(size: 1, model: "dv/dt = 1/(2*ms) : 1", method: "euler", threshold: "v > 0.999", reset: "v = 0")
        let target = try NeuronGroup(size: 1, model: "v : 1")
        let synapses = try Synapses(source: source, target: target, model: "dapre/dt = -apre/taupre : 1 (event-driven)",
                                    pathways: [PathwaySpec(name: "pre", isPre: true, code: "apre += 1")])
        try synapses.connect(pre: [0], post: [0])
        let spikes = SpikeMonitor(group: source)
        try Network().run([source, target, synapses, spikes], duration: 0.0101, namespace: namespace(["taupre": (0.02, RanvierEngine.Dimension.time)]))
        // After each spike apre jumps by 1; between spikes it decays by exp(-Δt/taupre).
        var expected = 0.0, last = 0.0
        for t in spikes.times.elements {
            expected = expected * exp(-(t - last) / 0.02) + 1
            last = t
        }
        XCTAssertGreaterThan(spikes.times.count, 2)
        XCTAssertEqual(synapses.variables["apre"]!.storage![0], expected, accuracy: 1e-12)
        XCTAssertEqual(synapses.variables["lastupdate"]!.storage![0], last)
    }

    func testRunningUnconnectedSynapsesIsAnError() throws {
        let group = try NeuronGroup(size: 1, model: "v : 1", threshold: "v > 1")
        let s = try Synapses(source: group, target: group, model: "", pathways: [PathwaySpec(name: "pre", isPre: true, code: "v += 1")])
        XCTAssertThrowsError(try Network().run([group, s], duration: 0.001, namespace: namespace())) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .type)
        }
    }

    func testUnknownPresynapticVariableIsReported() throws {
        let group = try NeuronGroup(size: 1, model: "v : 1", threshold: "v > 1")
        let s = try Synapses(source: group, target: group, model: "", pathways: [PathwaySpec(name: "pre", isPre: true, code: "v_post += u_pre")])
        try s.connect(pre: [0], post: [0])
        XCTAssertThrowsError(try Network().run([group, s], duration: 0.001, namespace: namespace())) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .unknownIdentifier)
            XCTAssertTrue((error as? RanvierError)?.message.contains("u_pre") ?? false)
        }
    }
}

/// Generator conditions and synapse-source checks that follow Brian2's order of evaluation.
final class ConnectionGeneratorOrderTests: XCTestCase {
    func testGeneratorConditionIsAppliedBeforeTheRangeCheck() throws {
        let group = try NeuronGroup(size: 3, model: "v : 1")
        let s = try Synapses(source: group, target: group, model: "", pathways: [])
        // i = 2 would give j = 3 (out of range), but the condition excludes it first: no error.
        try s.connect(condition: "", probability: "", multiplicity: "", generator: "k + 1 for k in range(i, i+1) if i < 2",
                      skipIfInvalid: false, namespace: Namespace())
        XCTAssertEqual(zip(s.preIndex.elements, s.postIndex.elements).map { [$0, $1] }, [[0, 1], [1, 2]])
    }

    func testPathwayFromAGroupWithoutThresholdIsRefused() throws {
        let group = try NeuronGroup(size: 2, model: "v : 1")
        XCTAssertThrowsError(try Synapses(source: group, target: group, model: "",
                                          pathways: [PathwaySpec(name: "pre", isPre: true, code: "v += 1")])) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .value)
            XCTAssertTrue((error as? RanvierError)?.message.contains("no threshold") ?? false)
        }
    }

}
