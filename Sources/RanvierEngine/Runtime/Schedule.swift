/// Brian2's schedule slots, in the order they run within each time step.
public enum ScheduleSlot: Int, CaseIterable, Comparable {
    case start, groups, thresholds, synapses, resets, end

    /// The slot named `name` (`start`, `groups`, ...), if any.
    public init?(name: String) {
        guard let slot = ScheduleSlot.allCases.first(where: { "\($0)" == name }) else { return nil }
        self = slot
    }

    public static func < (lhs: ScheduleSlot, rhs: ScheduleSlot) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One piece of per-step work and where it runs in the schedule.
public struct ScheduledOperation {
    public let slot: ScheduleSlot
    public let order: Int
    public let run: () -> Void

    public init(slot: ScheduleSlot, order: Int, run: @escaping () -> Void) {
        self.slot = slot
        self.order = order
        self.run = run
    }
}

/// What every simulated object provides to a network run.
public struct RunContext {
    /// The current time, advanced by the network before each step.
    public let time: ScalarCell
    public let dt: Double
    public let namespace: Namespace
    /// Number of steps the run will take (for reserving monitor storage).
    public let steps: Int
    /// The variables of an owner that code running during this run assigns, by the schedule slot
    /// of the assigning operation.
    let writes: (AnyObject) -> [(names: Set<String>, slot: ScheduleSlot)]

    /// Names of `owner`'s variables that some code assigns during this run.
    public func writtenNames(_ owner: AnyObject) -> Set<String> {
        writtenNames(owner, in: ScheduleSlot.start...ScheduleSlot.end)
    }

    /// Names of `owner`'s variables assigned by operations scheduled in `slots`.
    public func writtenNames(_ owner: AnyObject, in slots: ClosedRange<ScheduleSlot>) -> Set<String> {
        writes(owner).filter { slots.contains($0.slot) }.reduce(into: []) { $0.formUnion($1.names) }
    }
}

/// An engine object that takes part in runs.
public protocol SimulationObject: AnyObject {
    /// The schedule slot and order set for the object (overriding its defaults), if any.
    var scheduleOverride: (slot: ScheduleSlot, order: Int)? { get set }
    /// Names of model variables this object's code assigns during a run, by the object that owns
    /// them and the slot in which the assigning operation runs.
    func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)]
    /// Compiles the object's code for a run and returns its per-step operations.
    func prepare(_ context: RunContext) throws -> [ScheduledOperation]
    /// Called when a run ends (also after a failure or interruption), with the time reached.
    func finishRun(time: Double, dt: Double)
}
