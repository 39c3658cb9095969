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
