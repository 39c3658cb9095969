import CRanvier
import RanvierEngine

@_cdecl("rv_neurongroup_create")
public func rvNeuronGroupCreate(_ n: Int64, _ model: UnsafePointer<CChar>?, _ method: UnsafePointer<CChar>?,
                                _ threshold: UnsafePointer<CChar>?, _ reset: UnsafePointer<CChar>?,
                                _ refractory: UnsafePointer<CChar>?, _ refractorySeconds: Double, _ floatDtype: Int32,
                                _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_neurongroup_create"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        let refractoryCode = try string(refractory, "refractory", in: function).trimmingSpaces()
        let refractoriness: Refractoriness
        if !refractoryCode.isEmpty {
            refractoriness = .code(try ModelParser.parseExpression(refractoryCode))
        } else if refractorySeconds != 0 {
            guard refractorySeconds.isFinite, refractorySeconds > 0 else {
                throw RanvierError(.value, "The refractory period must be a positive time, got \(refractorySeconds) s")
            }
            refractoriness = .duration(refractorySeconds)
        } else {
            refractoriness = .none
        }
        let group = try NeuronGroup(size: Int(n), model: try string(model, "model", in: function),
                                    method: try string(method, "method", in: function),
                                    threshold: try string(threshold, "threshold", in: function),
                                    reset: try string(reset, "reset", in: function), refractoriness: refractoriness,
                                    floatType: try floatType(floatDtype, in: function))
        output.pointee = retainedHandle(group)
    }
}

@_cdecl("rv_subgroup_create")
public func rvSubgroupCreate(_ parent: rv_handle?, _ start: Int64, _ stop: Int64, _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_subgroup_create"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        let group = try object(parent, as: NeuronGroup.self, "the parent group", in: function)
        guard start >= 0, stop <= Int64(group.size), start < stop else {
            throw RanvierError(.index, "A subgroup needs 0 <= start < stop <= \(group.size), got \(start):\(stop)")
        }
        output.pointee = retainedHandle(try Subgroup(parent: group, start: Int(start), stop: Int(stop)))
    }
}

@_cdecl("rv_neurongroup_set_spike_schedule")
public func rvNeuronGroupSetSpikeSchedule(_ handle: rv_handle?, _ indices: UnsafePointer<Int64>?, _ times: UnsafePointer<Double>?,
                                          _ count: Int64, _ period: Double) -> rv_status {
    let function = "rv_neurongroup_set_spike_schedule"
    return guarded(function) {
        let group = try object(handle, as: NeuronGroup.self, "the group", in: function)
        guard count >= 0 else { throw RanvierError(.value, "\(function): the number of spikes must not be negative, got \(count)") }
        let neurons = try indexList(indices, count, in: function) ?? []
        let spikeTimes = count == 0 ? [] : Array(UnsafeBufferPointer(start: try require(times, "the time array", in: function), count: Int(count)))
        group.spikeSchedule = try SpikeSchedule(groupSize: group.size, neurons: neurons, times: spikeTimes, period: period)
    }
}

@_cdecl("rv_neurongroup_spike_schedule")
public func rvNeuronGroupSpikeSchedule(_ handle: rv_handle?, _ indices: UnsafeMutablePointer<Int64>?, _ times: UnsafeMutablePointer<Double>?,
                                       _ capacity: Int64, _ count: UnsafeMutablePointer<Int64>?, _ period: UnsafeMutablePointer<Double>?) -> rv_status {
    let function = "rv_neurongroup_spike_schedule"
    return guarded(function) {
        let group = try object(handle, as: NeuronGroup.self, "the group", in: function)
        guard let schedule = group.spikeSchedule else { throw RanvierError(.value, "\(function): the group has no spike schedule") }
        guard capacity >= 0 else { throw RanvierError(.value, "\(function): the capacity must not be negative, got \(capacity)") }
        try require(count, "count", in: function).pointee = Int64(schedule.neurons.count)
        try require(period, "period", in: function).pointee = schedule.period
        let copied = Swift.min(Int(capacity), schedule.neurons.count)
        guard copied > 0 else { return }
        let indexOut = try require(indices, "the index array", in: function), timeOut = try require(times, "the time array", in: function)
        for k in 0..<copied {
            indexOut[k] = Int64(schedule.neurons[k])
            timeOut[k] = schedule.times[k]
        }
    }
}

@_cdecl("rv_group_external_names")
public func rvGroupExternalNames(_ group: rv_handle?, _ out: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> rv_status {
    let function = "rv_group_external_names"
    return guarded(function) {
        let g = try object(group, as: Group.self, "the group", in: function)
        try ReturnedString.hand(g.externalNames().joined(separator: "\n"), to: out, in: function)
    }
}

@_cdecl("rv_code_external_names")
public func rvCodeExternalNames(_ group: rv_handle?, _ code: UnsafePointer<CChar>?, _ isExpression: Int32,
                                _ out: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> rv_status {
    let function = "rv_code_external_names"
    return guarded(function) {
        let g = try object(group, as: Group.self, "the group", in: function)
        let names = try g.externalNames(inCode: try string(code, "code", in: function), isExpression: isExpression != 0)
        try ReturnedString.hand(names.joined(separator: "\n"), to: out, in: function)
    }
}

@_cdecl("rv_group_execute")
public func rvGroupExecute(_ group: rv_handle?, _ code: UnsafePointer<CChar>?, _ indices: UnsafePointer<Int64>?,
                           _ count: Int64, _ ns: rv_handle?) -> rv_status {
    let function = "rv_group_execute"
    return guarded(function) {
        let g = try object(group, as: Group.self, "the group", in: function)
        let namespace = try object(ns, as: Namespace.self, "the namespace", in: function)
        try g.execute(try string(code, "code", in: function), indices: try indexList(indices, count, in: function), namespace: namespace)
    }
}

@_cdecl("rv_group_evaluate")
public func rvGroupEvaluate(_ group: rv_handle?, _ expression: UnsafePointer<CChar>?, _ indices: UnsafePointer<Int64>?,
                            _ count: Int64, _ ns: rv_handle?, _ out: UnsafeMutablePointer<Double>?) -> rv_status {
    let function = "rv_group_evaluate"
    return guarded(function) {
        let g = try object(group, as: Group.self, "the group", in: function)
        let namespace = try object(ns, as: Namespace.self, "the namespace", in: function)
        try g.evaluate(try string(expression, "expression", in: function), indices: try indexList(indices, count, in: function),
                       namespace: namespace, into: try require(out, "the output array", in: function))
    }
}

@_cdecl("rv_group_model_variable_names")
public func rvGroupModelVariableNames(_ group: rv_handle?, _ out: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> rv_status {
    let function = "rv_group_model_variable_names"
    return guarded(function) {
        let g = try object(group, as: Group.self, "the group", in: function)
        try ReturnedString.hand(g.modelVariableNames.joined(separator: "\n"), to: out, in: function)
    }
}

@_cdecl("rv_group_variable_dimensions")
public func rvGroupVariableDimensions(_ group: rv_handle?, _ name: UnsafePointer<CChar>?,
                                      _ dimensions: UnsafeMutablePointer<Double>?, _ kind: UnsafeMutablePointer<Int32>?) -> rv_status {
    let function = "rv_group_variable_dimensions"
    return guarded(function) {
        let g = try object(group, as: Group.self, "the group", in: function)
        let variableName = try string(name, "name", in: function)
        guard let variable = g.variables[variableName] else {
            throw RanvierError(.unknownIdentifier, "\(g.elementDescription) has no variable '\(variableName)'")
        }
        write(variable.dimension, to: try require(dimensions, "the dimensions array", in: function))
        let code: Int32
        switch variable.role {
        case .differential, .parameter: code = 0
        case .subexpression: code = 1
        case .internal: code = 2
        }
        try require(kind, "the kind output", in: function).pointee = code
    }
}
