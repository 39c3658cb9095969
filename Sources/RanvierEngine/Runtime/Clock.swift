/// A simulation clock: a time step and a step counter. Objects run on the network's default clock
/// unless given one of their own; a network advances several clocks as Brian2 does (see `Network`).
/// Its state is just `dt` and `timestep`, so saving and restoring a simulation needs only those.
public final class Clock {
    /// Times closer than this fraction of the smaller time step count as the same time (Brian2's
    /// `Clock.epsilon_dt`).
    public static let tolerance = 1e-4

    /// The time step in seconds.
    public private(set) var dt: Double
    /// Number of steps taken: the clock's time is `timestep * dt`.
    public var timestep = 0 { didSet { time.value = Double(timestep) * dt } }
    /// The step at which the current run ends for this clock.
    var endStep = 0
    /// The clock's current time, read by compiled code and monitors.
    public let time = ScalarCell(0)

    /// The time step before the last change of `dt`, until the next run checks the change.
    private var dtBeforeChange: Double?

    /// A clock with time step `dt` seconds, at time 0.
    public init(dt: Double) throws {
        guard dt.isFinite, dt > 0 else { throw RanvierError(.value, "dt has to be a positive, finite time, got \(dt) s") }
        self.dt = dt
    }

    /// The clock's current time in seconds.
    public var t: Double { time.value }

    /// Changes the time step (takes effect from the next run).
    public func setDt(_ value: Double) throws {
        guard value.isFinite, value > 0 else { throw RanvierError(.value, "dt has to be a positive, finite time, got \(value) s") }
        if value != dt, dtBeforeChange == nil { dtBeforeChange = dt }
        dt = value
        time.value = Double(timestep) * dt
    }

    /// Puts the clock back to a stored state (a snapshot's): `dt` and the step reached, without the
    /// check a change of `dt` gets, since the stored time is a whole number of stored steps.
    func restore(dt: Double, timestep: Int) {
        self.dt = dt
        dtBeforeChange = nil
        self.timestep = timestep
    }

    /// The step at (or, when `time` falls between steps, the first step after) `time`, as Brian2
    /// computes it so that consecutive runs never repeat a step.
    public func step(at time: Double) throws -> Int {
        let nearest = (time / dt).rounded()
        let exact = nearest * dt == time || abs(nearest * dt - time) / dt <= Clock.tolerance
        let step = exact ? nearest : (time / dt).rounded(.up)
        guard step.isFinite, step >= 0, step < 0x1p53 else {
            throw RanvierError(.value, "The time \(time) s with dt = \(dt) s needs more time steps than a clock can count (at most 2^53)")
        }
        return Int(step)
    }

    /// Sets the clock to the first step of a run from `start` to `end` seconds. After a change of
    /// `dt`, the start must be a whole number of new steps (within the tolerance), as Brian2 requires.
    func setInterval(start: Double, end: Double) throws {
        if let old = dtBeforeChange {
            dtBeforeChange = nil
            let oldTime = (start / old).rounded() * old, newTime = (start / dt).rounded() * dt
            if abs(newTime - oldTime) / dt > Clock.tolerance {
                dtBeforeChange = old
                throw RanvierError(.value, "Cannot set dt from \(old) s to \(dt) s, the time \(start) s is not a multiple of \(dt) s")
            }
        }
        do {
            endStep = try step(at: end)
            timestep = try step(at: start)
        } catch {
            throw RanvierError(.value, "A run of duration \(end - start) s from time t = \(start) s with dt = \(dt) s needs more time steps than a clock can count (at most 2^53)")
        }
    }

    /// Whether two clocks are at the same time, within the tolerance.
    func isAtSameTime(as other: Clock) -> Bool {
        abs(t - other.t) / Swift.min(dt, other.dt) < Clock.tolerance
    }
}

/// An object that can run on a clock of its own rather than the network's default clock.
public protocol RunsOnOwnClock: AnyObject {
    /// The object's clock; nil for the network's default clock.
    var clock: Clock? { get set }
}
