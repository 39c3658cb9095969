/// Records a group's events as they happen: each event's element index and time (unless only
/// counts are wanted), chosen variables' values at that moment, and the number of events of each
/// element. `SpikeMonitor` is this machinery over spikes; other events reuse it with their own list.
public class EventMonitor: SimulationObject {
    public let group: Group
    /// Whether each event's index and time are recorded (Brian2's `record`); counts always are.
    public let recordsEvents: Bool
    /// The variables recorded at each event, in order.
    public let recordedVariables: [RecordedVariable]
    /// Index of the element of each event, in order of recording (when `recordsEvents`).
    public let indices = GrowableArray<Int32>()
    /// Time of each event in seconds (when `recordsEvents`).
    public let times = GrowableArray<Double>()
    /// For each recorded variable, its value at each event.
    public let values: [String: Recording]
    /// Number of events of each element.
    public let counts: Allocation<Int32>
    public var scheduleOverride: (slot: ScheduleSlot, order: Int)?

    /// This step's events, ascending, as indices shifted by `eventIndexOffset` (a subgroup's
    /// events are its parent's, in the subgroup's range).
    private let events: () -> UnsafeBufferPointer<Int>
    private let eventIndexOffset: Int
    private let defaultSchedule: (slot: ScheduleSlot, order: Int)

    init(group: Group, events: @escaping () -> UnsafeBufferPointer<Int>, eventIndexOffset: Int,
         variables: [RecordedVariable], recordsEvents: Bool, defaultSchedule: (slot: ScheduleSlot, order: Int)) {
        self.group = group
        self.events = events
        self.eventIndexOffset = eventIndexOffset
        self.recordsEvents = recordsEvents
        self.defaultSchedule = defaultSchedule
        recordedVariables = variables
        values = Dictionary(variables.map { ($0.name, Recording($0.elementType)) }, uniquingKeysWith: { first, _ in first })
        counts = Allocation(capacity: group.size)
        counts.pointer.initialize(repeating: 0, count: group.size)
    }

    /// Every array the monitor records into (see `RecordingMonitor`): each event's index and time,
    /// each recorded variable's value at it (under "value:" and its name, apart from the monitor's
    /// own arrays) and the counts per element.
    public var recordedArrays: [(name: String, array: RecordedArray, valuesPerRow: Int)] {
        [("i", indices, 1), ("t", times, 1)] + recordedVariables.map { ("value:\($0.name)", values[$0.name]!, 1) }
            + [("count", counts, 1)]
    }

    /// Total number of events so far.
    public var eventCount: Int {
        (0..<group.size).reduce(0) { $0 + Int(counts.pointer[$1]) }
    }

    public func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)] { [] }

    public func prepare(_ context: RunContext) throws -> [ScheduledOperation] {
        let record = try valueRecorder(context)
        let time = context.time, offset = eventIndexOffset, counts = counts.pointer
        let recordsEvents = self.recordsEvents
        let schedule = scheduleOverride ?? defaultSchedule
        let name = "\(type(of: self))", valueRecordings = Array(values.values)
        let advice = "\(MemoryGuard.runStoppedNote) Record fewer events (a monitor on a subgroup), only their counts (record=False), or run for a shorter time."
        let operation = ScheduledOperation(slot: schedule.slot, order: schedule.order) {
            let events = self.events()
            let n = events.count
            guard n > 0 else { return }
            // Room for every array first, so that a refusal leaves them all at the same event.
            if recordsEvents {
                try self.indices.makeRoom(n, for: MemoryGuard.recording(of: name, at: time.value), advice: advice)
                try self.times.makeRoom(n, for: MemoryGuard.recording(of: name, at: time.value), advice: advice)
            }
            for recording in valueRecordings {
                try recording.makeRoom(n, for: MemoryGuard.recording(of: name, at: time.value), advice: advice)
            }
            if recordsEvents {
                self.indices.append(count: n) { out in for s in 0..<n { out[s] = Int32(events[s] - offset) } }
                self.times.append(count: n) { out in out.update(repeating: time.value, count: n) }
            }
            for s in 0..<n { counts[events[s] - offset] += 1 }
            record?(events)
        }
        return [operation]
    }

    /// A function storing the recorded variables' values for a step's events, or nil when no
    /// variable is recorded (spikes alone cost nothing more).
    private func valueRecorder(_ context: RunContext) throws -> ((UnsafeBufferPointer<Int>) -> Void)? {
        guard !recordedVariables.isEmpty else { return nil }
        let scope = group.scope(context.namespace, dt: context.dt)
        let builder = ProgramBuilder(resolver: scope, time: context.time, context: "a \(type(of: self))")
        var slots: [(Recording, Int)] = []
        for variable in recordedVariables {
            slots.append((values[variable.name]!, builder.keep(try builder.compile(.name(variable.name)))))
        }
        let program = builder.build()
        let gather: (BlockProgram.Block) -> Void = { block in
            for (recording, slot) in slots { recording.fillRow(from: block.values(slot), at: block.start, count: block.count) }
        }
        // Events of a subgroup are its parent's indices: shift them into the subgroup's own.
        let offset = eventIndexOffset
        let shifted = offset == 0 ? nil : Allocation<Int>(capacity: group.size)
        return { events in
            var elements = events
            if let shifted {
                for s in 0..<events.count { shifted.pointer[s] = events[s] - offset }
                elements = UnsafeBufferPointer(start: shifted.pointer, count: events.count)
            }
            for (recording, _) in slots { recording.reserve(elements.count) }
            program.execute(indices: elements, afterBlock: gather)
            for (recording, _) in slots { recording.commitRow(elements.count) }
        }
    }

    public func finishRun(time: Double, dt: Double) {}
}
