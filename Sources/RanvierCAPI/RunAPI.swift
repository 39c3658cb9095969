import CRanvier
import RanvierEngine

@_cdecl("rv_statemonitor_create")
public func rvStateMonitorCreate(_ group: rv_handle?, _ variables: UnsafePointer<CChar>?, _ indices: UnsafePointer<Int64>?,
                                 _ count: Int64, _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_statemonitor_create"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        let g = try object(group, as: Group.self, "the group", in: function)
        let names = try string(variables, "variables", in: function).split(separator: "\n").map(String.init)
        output.pointee = retainedHandle(try StateMonitor(group: g, variables: names, indices: try indexList(indices, count, in: function)))
    }
}

@_cdecl("rv_statemonitor_record_single_timestep")
public func rvStateMonitorRecordSingleTimestep(_ monitor: rv_handle?) -> rv_status {
    let function = "rv_statemonitor_record_single_timestep"
    return guarded(function) {
        try object(monitor, as: StateMonitor.self, "the StateMonitor", in: function).recordSingleTimestep()
    }
}

@_cdecl("rv_spikemonitor_create")
public func rvSpikeMonitorCreate(_ group: rv_handle?, _ variables: UnsafePointer<CChar>?, _ record: Int32,
                                 _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_spikemonitor_create"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        let source = try object(group, as: SpikeSource.self, "the group", in: function)
        let names = try string(variables, "variables", in: function).split(separator: "\n").map(String.init)
        guard source.canSpike else {
            throw RanvierError(.value, "The recorded group (\(source.elementDescription)) does not define an event 'spike'. Did you forget to set a 'threshold'?")
        }
        let recorded = try RecordedVariable.resolve(names, in: source, for: "SpikeMonitor")
        output.pointee = retainedHandle(SpikeMonitor(group: source, variables: recorded, record: record != 0))
    }
}

@_cdecl("rv_ratemonitor_create")
public func rvRateMonitorCreate(_ group: rv_handle?, _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    createMonitor("rv_ratemonitor_create", of: group, out, PopulationRateMonitor.init)
}

/// Creates a monitor of a spiking group's activity with `make` and hands out its handle.
private func createMonitor(_ function: String, of group: rv_handle?, _ out: UnsafeMutablePointer<rv_handle?>?,
                           _ make: (SpikeSource) -> AnyObject) -> rv_status {
    guarded(function) {
        let output = try require(out, "the output handle", in: function)
        output.pointee = retainedHandle(make(try object(group, as: SpikeSource.self, "the group", in: function)))
    }
}

@_cdecl("rv_object_set_schedule")
public func rvObjectSetSchedule(_ handle: rv_handle?, _ when: UnsafePointer<CChar>?, _ order: Int32) -> rv_status {
    let function = "rv_object_set_schedule"
    return guarded(function) {
        let simulated = try object(handle, as: SimulationObject.self, "the object", in: function)
        let name = try string(when, "when", in: function)
        guard let slot = ScheduleSlot(name: name) else {
            throw RanvierError(.value, "Unknown schedule slot '\(name)'; slots are \(ScheduleSlot.allCases.map { "\($0)" }.joined(separator: ", "))")
        }
        simulated.scheduleOverride = (slot, Int(order))
    }
}

@_cdecl("rv_network_create")
public func rvNetworkCreate(_ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    guarded("rv_network_create") {
        try require(out, "the output handle", in: "rv_network_create").pointee = retainedHandle(Network())
    }
}

@_cdecl("rv_network_set_dt")
public func rvNetworkSetDt(_ handle: rv_handle?, _ dt: Double) -> rv_status {
    let function = "rv_network_set_dt"
    return guarded(function) {
        guard dt.isFinite, dt > 0 else { throw RanvierError(.value, "dt must be a positive time, got \(dt) s") }
        try object(handle, as: Network.self, "the network", in: function).dt = dt
    }
}

@_cdecl("rv_network_time")
public func rvNetworkTime(_ handle: rv_handle?, _ t: UnsafeMutablePointer<Double>?, _ dt: UnsafeMutablePointer<Double>?) -> rv_status {
    let function = "rv_network_time"
    return guarded(function) {
        let network = try object(handle, as: Network.self, "the network", in: function)
        try require(t, "t", in: function).pointee = network.t
        try require(dt, "dt", in: function).pointee = network.dt
    }
}

@_cdecl("rv_network_set_threads")
public func rvNetworkSetThreads(_ handle: rv_handle?, _ threads: Int32) -> rv_status {
    let function = "rv_network_set_threads"
    return guarded(function) {
        try object(handle, as: Network.self, "the network", in: function).setThreads(Int(threads))
    }
}

@_cdecl("rv_network_last_run_timing")
public func rvNetworkLastRunTiming(_ handle: rv_handle?, _ prepare: UnsafeMutablePointer<Double>?,
                                   _ loop: UnsafeMutablePointer<Double>?) -> rv_status {
    let function = "rv_network_last_run_timing"
    return guarded(function) {
        let network = try object(handle, as: Network.self, "the network", in: function)
        try require(prepare, "prepare", in: function).pointee = network.lastRunTiming.prepare
        try require(loop, "loop", in: function).pointee = network.lastRunTiming.loop
    }
}

@_cdecl("rv_network_set_time")
public func rvNetworkSetTime(_ handle: rv_handle?, _ t: Double) -> rv_status {
    let function = "rv_network_set_time"
    return guarded(function) {
        try object(handle, as: Network.self, "the network", in: function).setTime(t)
    }
}

@_cdecl("rv_network_run")
public func rvNetworkRun(_ handle: rv_handle?, _ objects: UnsafePointer<rv_handle?>?, _ count: Int64, _ duration: Double,
                         _ ns: rv_handle?, _ poll: rv_poll_callback?, _ pollContext: UnsafeMutableRawPointer?) -> rv_status {
    let function = "rv_network_run"
    return guarded(function) {
        let network = try object(handle, as: Network.self, "the network", in: function)
        let namespace = try object(ns, as: Namespace.self, "the namespace", in: function)
        guard count >= 0 else { throw RanvierError(.value, "\(function): negative object count") }
        var members: [SimulationObject] = []
        if count > 0 {
            let list = try require(objects, "the object list", in: function)
            members = try (0..<Int(count)).map { try object(list[$0], as: SimulationObject.self, "object \($0)", in: function) }
        }
        let stop: (() -> Bool)? = poll.map { callback in { callback(pollContext) != 0 } }
        try network.run(members, duration: duration, namespace: namespace, poll: stop)
    }
}
