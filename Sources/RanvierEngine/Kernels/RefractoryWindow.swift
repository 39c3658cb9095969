/// Brian2's test for the end of a fixed refractory period, `timestep(t - lastspike, dt) >=
/// timestep(period, dt)`, rewritten without a division per neuron.
///
/// With `elapsed = (t + 1e-3·dt) - lastspike`, the test is `elapsed / dt >= P` for a whole number of
/// steps `P >= 1`. A correctly rounded division by a positive `dt` never decreases when its dividend
/// grows, so the elapsed times that pass form an interval `[minimumElapsed, ∞)`: comparing with its
/// lower end gives exactly the same answer as dividing, for every double.
struct RefractoryWindow {
    /// The period in whole steps, as Brian2 counts it.
    let periodSteps: Double
    /// The smallest `elapsed` with `elapsed / dt >= periodSteps` in floating point.
    let minimumElapsed: Double

    /// Returns nil for periods shorter than one step, whose test is not a plain lower bound.
    init?(period seconds: Double, dt: Double) {
        periodSteps = timestep(seconds, dt)
        guard periodSteps >= 1, periodSteps.isFinite else { return nil }
        var elapsed = periodSteps * dt
        while elapsed / dt >= periodSteps { elapsed = elapsed.nextDown }
        while elapsed / dt < periodSteps { elapsed = elapsed.nextUp }
        minimumElapsed = elapsed
    }

    /// The shifted time `t + 1e-3·dt` from which each neuron's `lastspike` is subtracted.
    @inline(__always) static func shiftedTime(_ t: Double, dt: Double) -> Double { t + 1e-3 * dt }

    /// Whether a neuron whose last spike was at `lastSpike` may integrate and spike again.
    @inline(__always) func isOver(shiftedTime: Double, lastSpike: Double) -> Bool {
        shiftedTime - lastSpike >= minimumElapsed
    }
}

/// A group's fixed refractory period during a run: the test, where `lastspike` and
/// `not_refractory` live, and the clock. Whichever kernel visits the neurons first in a step
/// decides `not_refractory` with it.
struct RefractoryClock {
    let window: RefractoryWindow
    let lastSpike: UnsafeMutablePointer<Double>
    let notRefractory: UnsafeMutablePointer<Flag>
    let time: ScalarCell
    let dt: Double

    /// The current step's shifted time (see `RefractoryWindow.shiftedTime`).
    @inline(__always) var shiftedTime: Double { RefractoryWindow.shiftedTime(time.value, dt: dt) }

    /// Decides and stores whether neuron `k` is free of refractoriness at `shiftedTime`.
    @inline(__always) func decide(_ k: Int, shiftedTime: Double) -> Bool {
        let free = window.isOver(shiftedTime: shiftedTime, lastSpike: lastSpike[k])
        notRefractory[k] = free ? 1 : 0
        return free
    }

    /// Decides `not_refractory` for the first `count` neurons.
    func decideAll(count: Int) {
        let shifted = shiftedTime
        WorkerPool.shared.forEachRange(count) { range in
            for k in range { _ = decide(k, shiftedTime: shifted) }
        }
    }
}
