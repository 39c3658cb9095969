/// Records the spikes of a group (index and time), after its threshold in the `thresholds` slot.
public final class SpikeMonitor: SimulationObject {
    public let group: SpikeSource
    /// Indices of the spiking neurons, in order of recording.
    public let indices = GrowableArray<Int32>()
    /// Spike times in seconds.
    public let times = GrowableArray<Double>()
    /// Number of spikes per neuron.
    public let counts: Allocation<Int32>
    public var scheduleOverride: (slot: ScheduleSlot, order: Int)?

    public init(group: SpikeSource) {
        self.group = group
        counts = Allocation(capacity: group.size)
        counts.pointer.initialize(repeating: 0, count: group.size)
    }

    public func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)] { [] }

    public func prepare(_ context: RunContext) throws -> [ScheduledOperation] {
        let time = context.time
        let operation = ScheduledOperation(slot: scheduleOverride?.slot ?? .thresholds, order: scheduleOverride?.order ?? 1) {
            let spikes = self.group.spikeList
            let n = spikes.count, offset = self.group.spikeIndexOffset
            guard n > 0 else { return }
            self.indices.append(count: n) { out in for s in 0..<n { out[s] = Int32(spikes[s] - offset) } }
            self.times.append(count: n) { out in out.update(repeating: time.value, count: n) }
            for s in 0..<n { self.counts.pointer[spikes[s] - offset] += 1 }
        }
        return [operation]
    }

    public func finishRun(time: Double, dt: Double) {}
}
