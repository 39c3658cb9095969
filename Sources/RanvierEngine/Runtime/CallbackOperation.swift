/// A function of the embedding program called at the steps of a clock (Brian2's `NetworkOperation`):
/// by default at every step of the default clock, in the `start` slot. It is given its clock's time
/// and may read and write any variable while the run waits for it, so the engine assumes it writes
/// every variable of every group in its slot.
public final class CallbackOperation: SimulationObject, RunsOnOwnClock {
    /// Called with the clock's time in seconds; returns false when it failed (the run then ends).
    public typealias Callback = (Double) -> Bool
    let callback: Callback
    public var scheduleOverride: (slot: ScheduleSlot, order: Int)?
    public var clock: Clock?

    /// An operation calling `callback`.
    public init(_ callback: @escaping Callback) {
        self.callback = callback
    }

    public var slotWritingAnyVariable: ScheduleSlot? { scheduleOverride?.slot ?? .start }

    public func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)] { [] }

    public func prepare(_ context: RunContext) throws -> [ScheduledOperation] {
        let time = context.clock.time, callback = self.callback
        return [ScheduledOperation(slot: scheduleOverride?.slot ?? .start, order: scheduleOverride?.order ?? 0) {
            guard callback(time.value) else {
                throw RanvierError(.callback, "A network operation failed at t = \(time.value) s")
            }
        }]
    }

    public func finishRun(time: Double, dt: Double) {}
}
