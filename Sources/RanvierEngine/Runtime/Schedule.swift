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

/// One piece of per-step work, where it runs in the schedule and on which clock. A failing
/// operation (a user's network operation) ends the run with its error.
public struct ScheduledOperation {
    public let slot: ScheduleSlot
    public let order: Int
    /// The clock whose steps the operation runs at; nil for its object's clock (the network's
    /// default clock unless the object has its own).
    public var clock: Clock?
    public let run: () throws -> Void

    public init(slot: ScheduleSlot, order: Int, clock: Clock? = nil, run: @escaping () throws -> Void) {
        self.slot = slot
        self.order = order
        self.clock = clock
        self.run = run
    }
}

/// What every simulated object provides to a network run.
public struct RunContext {
    /// The current time of the network's default clock, advanced by the network before each step.
    public let time: ScalarCell
    /// The default clock's time step.
    public let dt: Double
    /// The clock the object being prepared runs on (its own, or the default clock).
    public internal(set) var clock: Clock
    public let namespace: Namespace
    /// Number of steps the run will take (for reserving monitor storage).
    public internal(set) var steps: Int
    /// The variables of an owner that code running during this run assigns, by the schedule slot
    /// of the assigning operation.
    let writes: (AnyObject) -> [(names: Set<String>, slot: ScheduleSlot)]
    /// Slots of operations that may assign any variable of any group (network operations).
    let writesAnythingIn: Set<ScheduleSlot>

    /// Names of `owner`'s variables that some code assigns during this run.
    public func writtenNames(_ owner: AnyObject) -> Set<String> {
        writtenNames(owner, in: ScheduleSlot.start...ScheduleSlot.end)
    }

    /// Names of `owner`'s variables assigned by operations scheduled in `slots`.
    public func writtenNames(_ owner: AnyObject, in slots: ClosedRange<ScheduleSlot>) -> Set<String> {
        var names = writes(owner).filter { slots.contains($0.slot) }.reduce(into: Set<String>()) { $0.formUnion($1.names) }
        if let group = owner as? Group, writesAnythingIn.contains(where: slots.contains) { names.formUnion(group.variableNames) }
        return names
    }
}

/// An engine object that takes part in runs.
public protocol SimulationObject: AnyObject {
    /// The schedule slot and order set for the object (overriding its defaults), if any.
    var scheduleOverride: (slot: ScheduleSlot, order: Int)? { get set }
    /// Names of model variables this object's code assigns during a run, by the object that owns
    /// them and the slot in which the assigning operation runs.
    func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)]
    /// The slot of the object's operations if they may assign any variable of any group (code the
    /// engine cannot see, such as a user's Python function); nil for objects that declare their writes.
    var slotWritingAnyVariable: ScheduleSlot? { get }
    /// Compiles the object's code for a run and returns its per-step operations.
    func prepare(_ context: RunContext) throws -> [ScheduledOperation]
    /// Called when a run ends (also after a failure or interruption), with the time reached.
    func finishRun(time: Double, dt: Double)
}

extension SimulationObject {
    /// Engine objects declare their writes in `writtenVariables()`.
    public var slotWritingAnyVariable: ScheduleSlot? { nil }
}
