/// Records the spikes of a group, right after its threshold in the `thresholds` slot (order 1), as
/// Brian2's SpikeMonitor does: recorded variables have their values at the spike, before the reset.
public final class SpikeMonitor: EventMonitor {
    /// A monitor of `group`'s spikes recording `variables` at each spike, and each spike's index and
    /// time unless `record` is false (then only the counts).
    public init(group: SpikeSource, variables: [RecordedVariable] = [], record: Bool = true) {
        super.init(group: group, events: { group.spikeList }, eventIndexOffset: group.spikeIndexOffset,
                   variables: variables, recordsEvents: record, defaultSchedule: (.thresholds, 1))
    }
}
