import CRanvier
import RanvierEngine

@_cdecl("rv_clock_create")
public func rvClockCreate(_ dt: Double, _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_clock_create"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        output.pointee = retainedHandle(try Clock(dt: dt))
    }
}

@_cdecl("rv_clock_set_dt")
public func rvClockSetDt(_ handle: rv_handle?, _ dt: Double) -> rv_status {
    let function = "rv_clock_set_dt"
    return guarded(function) { try object(handle, as: Clock.self, "the clock", in: function).setDt(dt) }
}

@_cdecl("rv_clock_state")
public func rvClockState(_ handle: rv_handle?, _ dt: UnsafeMutablePointer<Double>?, _ timestep: UnsafeMutablePointer<Int64>?) -> rv_status {
    let function = "rv_clock_state"
    return guarded(function) {
        let clock = try object(handle, as: Clock.self, "the clock", in: function)
        try require(dt, "dt", in: function).pointee = clock.dt
        try require(timestep, "timestep", in: function).pointee = Int64(clock.timestep)
    }
}

@_cdecl("rv_network_default_clock")
public func rvNetworkDefaultClock(_ network: rv_handle?, _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_network_default_clock"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        output.pointee = retainedHandle(try object(network, as: Network.self, "the network", in: function).defaultClock)
    }
}

@_cdecl("rv_object_set_clock")
public func rvObjectSetClock(_ handle: rv_handle?, _ clock: rv_handle?) -> rv_status {
    let function = "rv_object_set_clock"
    return guarded(function) {
        let target = try object(handle, as: RunsOnOwnClock.self, "the object", in: function)
        target.clock = try clock.map { try object($0, as: Clock.self, "the clock", in: function) }
    }
}

@_cdecl("rv_run_regularly_create")
public func rvRunRegularlyCreate(_ group: rv_handle?, _ code: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_run_regularly_create"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        let owner = try object(group, as: Group.self, "the group", in: function)
        output.pointee = retainedHandle(try RegularOperation(group: owner, code: try string(code, "code", in: function)))
    }
}

/// Gives the caller's context back through its release function when the operation is freed.
private final class CallbackContext {
    let context: UnsafeMutableRawPointer?
    let release: rv_release_callback?
    init(_ context: UnsafeMutableRawPointer?, _ release: rv_release_callback?) { (self.context, self.release) = (context, release) }
    deinit { release?(context) }
}

@_cdecl("rv_network_operation_create")
public func rvNetworkOperationCreate(_ callback: rv_operation_callback?, _ release: rv_release_callback?,
                                     _ context: UnsafeMutableRawPointer?, _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_network_operation_create"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        let call = try require(callback, "the callback", in: function)
        let owned = CallbackContext(context, release)
        output.pointee = retainedHandle(CallbackOperation { t in call(owned.context, t) == 0 })
    }
}

@_cdecl("rv_network_stop")
public func rvNetworkStop(_ handle: rv_handle?) -> rv_status {
    let function = "rv_network_stop"
    return guarded(function) { try object(handle, as: Network.self, "the network", in: function).stop() }
}
