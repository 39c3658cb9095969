import XCTest
@testable import RanvierEngine

/// The binomial sampler's distribution, and PoissonInput's per-step increments.
final class BinomialSamplerTests: XCTestCase {
    /// Mean and variance of `count` draws.
    private func moments(_ sampler: BinomialSampler, count: Int, seed: UInt64) -> (mean: Double, variance: Double) {
        var random = RandomSource(seed: seed)
        var sum = 0.0, squares = 0.0
        for _ in 0..<count {
            let k = Double(sampler.draw(&random))
            sum += k
            squares += k * k
        }
        let mean = sum / Double(count)
        return (mean, squares / Double(count) - mean * mean)
    }

    func testMeanAndVarianceMatchTheBinomialInEveryRegime() {
        // Direct inversion (small n·p), reversed inversion (p > 1/2), and splitting (large n·p).
        let count = 100_000
        for (n, p) in [(10, 0.05), (1000, 0.001), (20, 0.9), (1000, 0.3), (100_000, 0.5), (5000, 0.999)] {
            let (mean, variance) = moments(BinomialSampler(trials: n, probability: p), count: count, seed: 7)
            let expectedMean = Double(n) * p, expectedVariance = Double(n) * p * (1 - p)
            // Five standard errors of the sample mean and (roughly) of the sample variance.
            XCTAssertEqual(mean, expectedMean, accuracy: 5 * (expectedVariance / Double(count)).squareRoot(), "n=\(n) p=\(p)")
            XCTAssertEqual(variance, expectedVariance, accuracy: 5 * expectedVariance * (2.0 / Double(count)).squareRoot() + 1e-9, "n=\(n) p=\(p)")
        }
    }

    func testSmallCaseFollowsTheProbabilityMassFunction() {
        // Chi-square goodness of fit for Binomial(4, 0.3) over 100,000 draws: 4 degrees of freedom,
        // 0.1% critical value 18.47.
        let n = 4, p = 0.3, count = 100_000
        var random = RandomSource(seed: 11)
        let sampler = BinomialSampler(trials: n, probability: p)
        var observed = [Double](repeating: 0, count: n + 1)
        for _ in 0..<count { observed[sampler.draw(&random)] += 1 }
        var chiSquare = 0.0
        for k in 0...n {
            let choose = Double((1...max(n, 1)).reduce(1, *)) / Double((1...max(k, 1)).reduce(1, *) * (1...max(n - k, 1)).reduce(1, *))
            let expected = Double(count) * choose * pow(p, Double(k)) * pow(1 - p, Double(n - k))
            chiSquare += (observed[k] - expected) * (observed[k] - expected) / expected
        }
        XCTAssertLessThan(chiSquare, 18.47)
    }

    func testDrawsBeyondTheTableContinueWithTheNextOutcomes() {
        // Binomial(1000, 0.001): the table ends far in the tail; a uniform just past it gives the next
        // count, one further past by more than that count's probability the one after.
        let sampler = BinomialSampler(trials: 1000, probability: 0.001)
        var random = RandomSource(seed: 5)
        let next = sampler.cdf.capacity
        XCTAssertEqual(sampler.tail(0, &random), next)
        let k = Double(next), p = 0.001
        let logChoose: Double = lgamma(1001.0) - lgamma(k + 1) - lgamma(1001 - k)
        let nextProbability: Double = exp(logChoose + k * log(p) + (1000 - k) * log(1 - p))
        XCTAssertEqual(sampler.tail(nextProbability * 1.001, &random), next + 1)
    }

    func testCertainAndImpossibleEventsAreExact() {
        var random = RandomSource(seed: 1)
        XCTAssertEqual((0..<100).map { _ in BinomialSampler(trials: 7, probability: 0).draw(&random) }, Array(repeating: 0, count: 100))
        XCTAssertEqual((0..<100).map { _ in BinomialSampler(trials: 7, probability: 1).draw(&random) }, Array(repeating: 7, count: 100))
    }
}

final class PoissonInputTests: XCTestCase {
    private let volt = Dimension(m: 2, kg: 1, s: -3, A: -1)

    func testSubgroupTargetReceivesInputAndTheRestDoesNot() throws {
        let group = try NeuronGroup(size: 6, model: "v : 1")
        let sub = try Subgroup(parent: group, start: 2, stop: 4)
        // rate·dt = 1: every one of the 3 inputs fires in each of the 10 steps.
        let input = try PoissonInput(target: sub, variable: "v", inputs: 3, rate: 1e4, weight: .code("i + 1"))
        try Network().run([group, input], duration: 1e-3, namespace: Namespace())
        XCTAssertEqual(Array(group.variables["v"]!.storage!.allValues), [0, 0, 30, 60, 0, 0])
        XCTAssertEqual(input.writtenVariables().first.map { $0.owner === group }, true, "writes are the parent's")
    }

    func testMeanIncrementIsNTimesRateTimesDtTimesWeight() throws {
        GlobalRandom.seed(3)
        let group = try NeuronGroup(size: 1000, model: "v : volt")
        let input = try PoissonInput(target: group, variable: "v", inputs: 50, rate: 20, weight: .constant(1e-3, volt))
        try Network().run([group, input], duration: 0.1, namespace: Namespace())
        // Per neuron: Binomial(50 · 1000 steps, 0.002) events: mean 100, variance 99.8.
        let events = group.variables["v"]!.storage!.allValues.map { $0 / 1e-3 }
        let mean = events.reduce(0, +) / 1000
        XCTAssertEqual(mean, 100, accuracy: 5 * (99.8 / 1000).squareRoot())
        XCTAssertEqual(events.map { $0 - $0.rounded() }.map(abs).max()!, 0, accuracy: 1e-9, "whole numbers of events")
    }

    func testWeightOfTheWrongDimensionIsAnError() throws {
        let group = try NeuronGroup(size: 1, model: "v : volt")
        XCTAssertThrowsError(try PoissonInput(target: group, variable: "v", inputs: 1, rate: 1, weight: .constant(1, .time))) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .dimension)
        }
        let input = try PoissonInput(target: group, variable: "v", inputs: 1, rate: 1, weight: .code("2*v/v"))
        XCTAssertThrowsError(try Network().run([group, input], duration: 1e-4, namespace: Namespace())) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .dimension)
            XCTAssertTrue("\($0)".contains("same unit as the target variable 'v'"), "\($0)")
        }
    }

    func testRefractoryNeuronsGetNoInputOnAVariableDeclaredUnlessRefractory() throws {
        // Neuron 0 spikes in step 0 and stays refractory for the whole run; every step gives one event.
        let group = try NeuronGroup(size: 2, model: "dv/dt = 0/dt : 1 (unless refractory)\nu : 1", method: "euler",
                                    threshold: "i == 0", reset: "", refractoriness: .duration(0.01))
        let clamped = try PoissonInput(target: group, variable: "v", inputs: 1, rate: 1e4, weight: .code("1"))
        let free = try PoissonInput(target: group, variable: "u", inputs: 1, rate: 1e4, weight: .code("1"))
        try Network().run([group, clamped, free], duration: 5e-4, namespace: Namespace())
        XCTAssertEqual(Array(group.variables["v"]!.storage!.allValues), [0, 5])
        XCTAssertEqual(Array(group.variables["u"]!.storage!.allValues), [5, 5])
    }

    func testSubexpressionsCannotBeTargeted() throws {
        let group = try NeuronGroup(size: 1, model: "v : 1\nx = 2*v : 1")
        XCTAssertThrowsError(try PoissonInput(target: group, variable: "x", inputs: 1, rate: 1, weight: .code("1"))) {
            XCTAssertEqual(($0 as? RanvierError)?.kind, .unknownIdentifier)
        }
    }
}
