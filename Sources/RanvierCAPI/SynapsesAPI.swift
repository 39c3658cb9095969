import CRanvier
import RanvierEngine

@_cdecl("rv_synapses_create")
public func rvSynapsesCreate(_ source: rv_handle?, _ target: rv_handle?, _ model: UnsafePointer<CChar>?,
                             _ method: UnsafePointer<CChar>?, _ delay: Double, _ floatDtype: Int32,
                             _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_synapses_create"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        let synapses = try Synapses(source: try object(source, as: SpikeSource.self, "the source group", in: function),
                                    target: try object(target, as: Group.self, "the target group", in: function),
                                    model: try string(model, "model", in: function), pathways: [], delay: delay,
                                    method: try string(method, "method", in: function),
                                    floatType: try floatType(floatDtype, in: function))
        output.pointee = retainedHandle(synapses)
    }
}

@_cdecl("rv_synapses_add_pathway")
public func rvSynapsesAddPathway(_ handle: rv_handle?, _ name: UnsafePointer<CChar>?, _ isPre: Int32, _ code: UnsafePointer<CChar>?,
                                 _ delay: Double) -> rv_status {
    let function = "rv_synapses_add_pathway"
    return guarded(function) {
        let synapses = try object(handle, as: Synapses.self, "the synapses", in: function)
        try synapses.addPathway(PathwaySpec(name: try string(name, "name", in: function), isPre: isPre != 0,
                                            code: try string(code, "code", in: function), delay: delay))
    }
}

@_cdecl("rv_synapses_connect_indices")
public func rvSynapsesConnectIndices(_ handle: rv_handle?, _ i: UnsafePointer<Int64>?, _ j: UnsafePointer<Int64>?, _ n: Int64) -> rv_status {
    let function = "rv_synapses_connect_indices"
    return guarded(function) {
        let synapses = try object(handle, as: Synapses.self, "the synapses", in: function)
        guard n >= 0 else { throw RanvierError(.value, "\(function): negative number of pairs") }
        try synapses.connect(pre: try indexList(i, n, in: function) ?? [], post: try indexList(j, n, in: function) ?? [])
    }
}

@_cdecl("rv_synapses_connect")
public func rvSynapsesConnect(_ handle: rv_handle?, _ condition: UnsafePointer<CChar>?, _ p: UnsafePointer<CChar>?,
                              _ n: UnsafePointer<CChar>?, _ generator: UnsafePointer<CChar>?, _ skipIfInvalid: Int32,
                              _ ns: rv_handle?) -> rv_status {
    connect(handle, condition, p, n, generator, skipIfInvalid, ns, poll: nil, pollContext: nil, function: "rv_synapses_connect")
}

@_cdecl("rv_synapses_connect_polled")
public func rvSynapsesConnectPolled(_ handle: rv_handle?, _ condition: UnsafePointer<CChar>?, _ p: UnsafePointer<CChar>?,
                                    _ n: UnsafePointer<CChar>?, _ generator: UnsafePointer<CChar>?, _ skipIfInvalid: Int32,
                                    _ ns: rv_handle?, _ poll: rv_poll_callback?, _ pollContext: UnsafeMutableRawPointer?) -> rv_status {
    connect(handle, condition, p, n, generator, skipIfInvalid, ns, poll: poll, pollContext: pollContext,
            function: "rv_synapses_connect_polled")
}

/// rv_synapses_connect and rv_synapses_connect_polled (with `poll` nil: not polled).
private func connect(_ handle: rv_handle?, _ condition: UnsafePointer<CChar>?, _ p: UnsafePointer<CChar>?,
                     _ n: UnsafePointer<CChar>?, _ generator: UnsafePointer<CChar>?, _ skipIfInvalid: Int32,
                     _ ns: rv_handle?, poll: rv_poll_callback?, pollContext: UnsafeMutableRawPointer?, function: String) -> rv_status {
    guarded(function) {
        let synapses = try object(handle, as: Synapses.self, "the synapses", in: function)
        let stop: (() -> Bool)? = poll.map { callback in { callback(pollContext) != 0 } }
        try synapses.connect(condition: try string(condition, "condition", in: function), probability: try string(p, "p", in: function),
                             multiplicity: try string(n, "n", in: function), generator: try string(generator, "j", in: function),
                             skipIfInvalid: skipIfInvalid != 0, namespace: try object(ns, as: Namespace.self, "the namespace", in: function),
                             poll: stop)
    }
}

@_cdecl("rv_synapses_connect_external_names")
public func rvSynapsesConnectExternalNames(_ handle: rv_handle?, _ condition: UnsafePointer<CChar>?, _ p: UnsafePointer<CChar>?,
                                           _ n: UnsafePointer<CChar>?, _ generator: UnsafePointer<CChar>?,
                                           _ out: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> rv_status {
    let function = "rv_synapses_connect_external_names"
    return guarded(function) {
        let synapses = try object(handle, as: Synapses.self, "the synapses", in: function)
        let names = try synapses.connectExternalNames(condition: try string(condition, "condition", in: function),
                                                      probability: try string(p, "p", in: function),
                                                      multiplicity: try string(n, "n", in: function),
                                                      generator: try string(generator, "j", in: function))
        try ReturnedString.hand(names.joined(separator: "\n"), to: out, in: function)
    }
}
