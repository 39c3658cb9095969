import XCTest
@testable import RanvierEngine

/// End-to-end behaviour of neuron groups run by a network, checked against Brian2's documented
/// results and against closed-form solutions.
final class NeuronGroupRunTests: XCTestCase {
    private func run(_ group: NeuronGroup, _ monitors: [SimulationObject], duration: Double, dt: Double = 1e-4,
                     namespace: Namespace = Namespace()) throws -> Network {
        let network = Network()
        network.dt = dt
        try network.run([group] + monitors, duration: duration, namespace: namespace)
        return network
    }

    func testRefractoryLIFSpikesEveryNineMillisecondsLikeBrian2() throws {
        // Brian2 2.11 (numpy target) gives spikes at 5.0, 14.0, 23.0 ms for this model.
        let group = try NeuronGroup(size: 1, model: "dv/dt = (1.5 - v)/(8*ms) : 1 (unless refractory)",
                                    method: "exact", threshold: "v > 0.7", reset: "v = 0", refractoriness: .duration(0.004))
        let spikes = SpikeMonitor(group: group)
        let namespace = Namespace()
        namespace.set("ms", value: 1e-3, dimension: .time)
        _ = try run(group, [spikes], duration: 0.030, namespace: namespace)
        XCTAssertEqual(spikes.times.elements.map { ($0 * 1e4).rounded() / 10 }, [5.0, 14.0, 23.0])
    }

    func testPopulationRateIsSpikesPerNeuronPerStepAtTheEndSlot() throws {
        // Neuron k of 4 spikes in steps k, k+4, ...: one spike per step, 1/(4·0.1 ms) = 2500 Hz; the
        // subgroup of neurons 1 and 2 has one spike every other step: 0 or 5000 Hz.
        let group = try NeuronGroup(size: 4, model: "v : 1", threshold: "i == step % 4", reset: "")
        let rate = PopulationRateMonitor(group: group)
        let partRate = PopulationRateMonitor(group: try Subgroup(parent: group, start: 1, stop: 3))
        let namespace = Namespace()
        namespace.set("step", value: 0, dimension: .dimensionless)
        let network = Network()
        for step in 0..<6 {
            namespace.set("step", value: Double(step), dimension: .dimensionless)
            try network.run([group, rate, partRate], duration: 1e-4, namespace: namespace)
        }
        XCTAssertEqual(rate.rates.elements, Array(repeating: 2500, count: 6))
        XCTAssertEqual(partRate.rates.elements, [0, 5000, 5000, 0, 0, 5000])
        XCTAssertEqual(rate.times.elements.map { ($0 * 1e5).rounded() }, [0, 10, 20, 30, 40, 50])
    }

    func testExactIntegrationMatchesClosedForm() throws {
        let group = try NeuronGroup(size: 1, model: "dv/dt = (1 - v)/tau : 1", method: "exact")
        let monitor = try StateMonitor(group: group, variables: ["v"], indices: [0])
        let namespace = Namespace()
        namespace.set("tau", value: 0.01, dimension: .time)
        _ = try run(group, [monitor], duration: 0.1, namespace: namespace)
        let v = group.variables["v"]!.storage![0]
        XCTAssertEqual(v, 1 - exp(-10.0), accuracy: 1e-12)
        XCTAssertEqual(monitor.times.count, 1000)
        XCTAssertEqual(monitor.recordings["v"]!.elements[0], 0)
    }

    func testCoupledLinearSystemMatchesClosedForm() throws {
        // dv/dt = (g - v)/tau, dg/dt = -g/taug, v(0)=0, g(0)=1: v(t) = taug/(taug - tau)·(e^{-t/taug} - e^{-t/tau}).
        let group = try NeuronGroup(size: 1, model: "dv/dt = (g - v)/tau : 1\ndg/dt = -g/taug : 1", method: "exact")
        group.variables["g"]!.storage![0] = 1
        let namespace = Namespace()
        namespace.set("tau", value: 0.01, dimension: .time)
        namespace.set("taug", value: 0.005, dimension: .time)
        _ = try run(group, [], duration: 0.02, namespace: namespace)
        let t = 0.02, tau = 0.01, taug = 0.005
        let expected = taug / (taug - tau) * (exp(-t / taug) - exp(-t / tau))
        XCTAssertEqual(group.variables["v"]!.storage![0], expected, accuracy: 1e-12)
        XCTAssertEqual(group.variables["g"]!.storage![0], exp(-t / taug), accuracy: 1e-14)
    }

    func testEulerMatchesItsRecurrence() throws {
        let group = try NeuronGroup(size: 1, model: "dv/dt = -v*v/tau : 1", method: "euler")
        group.variables["v"]!.storage![0] = 1
        let namespace = Namespace()
        namespace.set("tau", value: 0.01, dimension: .time)
        _ = try run(group, [], duration: 0.001, namespace: namespace)
        var v = 1.0
        for _ in 0..<10 { v += 1e-4 * (-v * v / 0.01) }
        XCTAssertEqual(group.variables["v"]!.storage![0], v, accuracy: 1e-15)
    }

    func testDefaultMethodRefusesExactWithTimeAndFallsBackToEuler() throws {
        let explicitExact = try NeuronGroup(size: 1, model: "dv/dt = (sin(2*pi*100*Hz*t) - v)/tau : 1", method: "exact")
        let namespace = Namespace()
        namespace.set("tau", value: 0.01, dimension: .time)
        namespace.set("Hz", value: 1, dimension: .frequency)
        XCTAssertThrowsError(try run(explicitExact, [], duration: 0.001, namespace: namespace)) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .unsupportedEquations)
        }
        let automatic = try NeuronGroup(size: 1, model: "dv/dt = (sin(2*pi*100*Hz*t) - v)/tau : 1")
        XCTAssertNoThrow(try run(automatic, [], duration: 0.001, namespace: namespace))
    }

    func testInconsistentUnitsNameTheEquationAndBothUnits() throws {
        let group = try NeuronGroup(size: 1, model: "dv/dt = 1 - v : 1")
        XCTAssertThrowsError(try run(group, [], duration: 0.001)) { error in
            let e = error as! RanvierError
            XCTAssertEqual(e.kind, .dimension)
            XCTAssertTrue(e.message.contains("dv/dt = 1 - v : 1"), e.message)
            XCTAssertTrue(e.message.contains("units 1,") && e.message.contains("Hz"), e.message)
        }
    }

    func testPerNeuronParametersFromInitialisationCode() throws {
        let group = try NeuronGroup(size: 100, model: "dv/dt = (v0 - v)/tau : 1 (unless refractory)\nv0 : 1",
                                    method: "exact", threshold: "v > 1", reset: "v = 0", refractoriness: .duration(0.005))
        let namespace = Namespace()
        namespace.set("v0_max", value: 3, dimension: .dimensionless)
        try group.execute("v0 = i*v0_max/(N-1)", indices: nil, namespace: namespace)
        XCTAssertEqual(group.variables["v0"]!.storage![99], 3)
        XCTAssertEqual(group.variables["v0"]!.storage![33], 1)
        namespace.set("tau", value: 0.01, dimension: .time)
        let spikes = SpikeMonitor(group: group)
        _ = try run(group, [spikes], duration: 0.1, namespace: namespace)
        // Neurons with v0 <= 1 never reach the threshold; the fixed point of neuron 33 is exactly 1.
        XCTAssertEqual(spikes.counts.pointer[33], 0)
        XCTAssertGreaterThan(spikes.counts.pointer[99], 0)
    }
}

/// The exponential Euler method and subgroups.
final class ExponentialEulerAndSubgroupTests: XCTestCase {
    func testExponentialEulerIsExactForConditionallyLinearEquationsWithFrozenCoefficients() throws {
        // dm/dt = a*(1-m) - b*m with constant a, b: m(t) = m∞ + (m0 - m∞)·e^{-(a+b)t}, m∞ = a/(a+b).
        let group = try NeuronGroup(size: 1, model: "dm/dt = a*(1-m) - b*m : 1\na : Hz\nb : Hz", method: "exponential_euler")
        group.variables["a"]!.storage![0] = 300
        group.variables["b"]!.storage![0] = 100
        try Network().run([group], duration: 0.01, namespace: Namespace())
        let expected = 0.75 + (0 - 0.75) * exp(-400 * 0.01)
        XCTAssertEqual(group.variables["m"]!.storage![0], expected, accuracy: 1e-12)
    }

    func testExponentialEulerRefusesEquationsNonlinearInTheirVariable() throws {
        let group = try NeuronGroup(size: 1, model: "dv/dt = -v**3/tau : 1", method: "exponential_euler")
        let ns = Namespace()
        ns.set("tau", value: 0.01, dimension: .time)
        XCTAssertThrowsError(try Network().run([group], duration: 0.001, namespace: ns)) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .unsupportedEquations)
        }
    }

    func testSubgroupSharesVariablesAndForwardsItsSliceOfSpikes() throws {
        let parent = try NeuronGroup(size: 10, model: "v : 1", threshold: "v > 0", reset: "v = 0")
        let sub = try Subgroup(parent: parent, start: 4, stop: 8)
        try sub.execute("v = i + 1", indices: nil, namespace: Namespace())
        XCTAssertEqual(Array(parent.variables["v"]!.storage!.allValues), [0, 0, 0, 0, 1, 2, 3, 4, 0, 0])
        let monitor = SpikeMonitor(group: sub)
        try Network().run([parent, monitor], duration: 0.0001, namespace: Namespace())
        XCTAssertEqual(monitor.indices.elements, [0, 1, 2, 3])
    }
}

/// Names first assigned inside code are per-element temporaries, as in Brian2.
final class TemporaryVariableTests: XCTestCase {
    func testAssigningAnUndefinedNameDefinesATemporaryForLaterStatements() throws {
        let group = try NeuronGroup(size: 3, model: "v : volt")
        let ns = Namespace()
        ns.set("mV", value: 1e-3, dimension: Dimension(m: 2, kg: 1, s: -3, A: -1))
        try group.execute("x = (i + 1)*mV\nv = 2*x", indices: nil, namespace: ns)
        XCTAssertEqual(Array(group.variables["v"]!.storage!.allValues), [0.002, 0.004, 0.006])
    }

    func testUpdatingAnUndefinedNameIsStillAnError() throws {
        let group = try NeuronGroup(size: 1, model: "v : 1")
        XCTAssertThrowsError(try group.execute("x += 1", indices: nil, namespace: Namespace())) { error in
            XCTAssertEqual((error as? RanvierError)?.kind, .unknownIdentifier)
        }
    }
}
