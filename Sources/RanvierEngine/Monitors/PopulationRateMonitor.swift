/// Records a group's population rate each step: the number of spikes divided by the group's size
/// and `dt`, at the `end` slot as Brian2's PopulationRateMonitor does.
public final class PopulationRateMonitor: SimulationObject {
    public let group: SpikeSource
    /// The start time of each recorded step, in seconds.
    public let times = GrowableArray<Double>()
    /// The rate of each recorded step, in Hz.
    public let rates = GrowableArray<Double>()
    public var scheduleOverride: (slot: ScheduleSlot, order: Int)?

    /// Every array the monitor records into (see `RecordingMonitor`), one value per step.
    public var recordedArrays: [(name: String, array: RecordedArray, valuesPerRow: Int)] {
        [("t", times, 1), ("rate", rates, 1)]
    }

    public init(group: SpikeSource) { self.group = group }

    public func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)] { [] }

    public func prepare(_ context: RunContext) throws -> [ScheduledOperation] {
        let time = context.time
        let perSpike = 1 / (Double(group.size) * context.dt)
        let advice = "\(MemoryGuard.runStoppedNote) Run for a shorter time, or at a larger dt."
        let operation = ScheduledOperation(slot: scheduleOverride?.slot ?? .end, order: scheduleOverride?.order ?? 0) {
            try self.times.makeRoom(1, for: MemoryGuard.recording(of: "PopulationRateMonitor", at: time.value), advice: advice)
            try self.rates.makeRoom(1, for: MemoryGuard.recording(of: "PopulationRateMonitor", at: time.value), advice: advice)
            let spikes = Double(self.group.spikeList.count)
            self.times.append(count: 1) { $0[0] = time.value }
            self.rates.append(count: 1) { $0[0] = spikes * perSpike }
        }
        return [operation]
    }

    public func finishRun(time: Double, dt: Double) {}
}
