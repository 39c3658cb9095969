import CRanvier
import RanvierEngine

/// Describes one engine array for C: where it is, its shape and type, and an owner keeping it alive.
struct ArrayDescription {
    let data: UnsafeMutableRawPointer
    let owner: AnyObject
    let rows: Int
    let cols: Int
    let is2D: Bool
    let dtype: Int32
    var readOnly = false
    var isShared = false
    var dimension = Dimension.dimensionless

    func write(to out: UnsafeMutablePointer<rv_array>) {
        var array = rv_array()
        array.data = data
        array.owner = retainedHandle(owner)
        array.rows = Int64(rows)
        array.cols = Int64(cols)
        array.is_2d = is2D ? 1 : 0
        array.dtype = dtype
        array.read_only = readOnly ? 1 : 0
        array.is_shared = isShared ? 1 : 0
        withUnsafeMutableBytes(of: &array.dimensions) { raw in
            let exponents = raw.bindMemory(to: Double.self)
            for (k, e) in dimension.exponents.enumerated() { exponents[k] = e }
        }
        out.pointee = array
    }
}

extension ElementType {
    /// The `RV_DTYPE_*` code of this storage type.
    var cDtype: Int32 {
        switch self {
        case .float64: return RV_DTYPE_FLOAT64
        case .float32: return RV_DTYPE_FLOAT32
        case .bool: return RV_DTYPE_BOOL
        case .int32: return RV_DTYPE_INT32
        }
    }
}

/// The storage type a `float_dtype` argument names.
func floatType(_ dtype: Int32, in function: String) throws -> ElementType {
    switch dtype {
    case RV_DTYPE_FLOAT64: return .float64
    case RV_DTYPE_FLOAT32: return .float32
    default: throw RanvierError(.value, "\(function): the float dtype must be RV_DTYPE_FLOAT64 or RV_DTYPE_FLOAT32, got \(dtype)")
    }
}

/// The arrays each kind of engine object exposes by name. One table per object kind.
protocol ExposesArrays {
    var arrayNames: [String] { get }
    func array(named name: String) -> ArrayDescription?
    var elementCount: Int { get }
}

extension Group: ExposesArrays {
    var arrayNames: [String] {
        (self is Synapses ? ["i", "j"] : []) + variableNames.filter { variables[$0]!.storage != nil }
    }

    func array(named name: String) -> ArrayDescription? {
        if let synapses = self as? Synapses, name == "i" || name == "j" {
            let map = name == "i" ? synapses.preIndex : synapses.postIndex
            return ArrayDescription(data: UnsafeMutableRawPointer(map.storage.pointer), owner: map.storage, rows: map.count,
                                    cols: 1, is2D: false, dtype: RV_DTYPE_INT32, readOnly: true)
        }
        guard let variable = variables[name], let storage = variable.storage else { return nil }
        return ArrayDescription(data: storage.raw, owner: storage, rows: storage.count, cols: 1,
                                is2D: false, dtype: storage.elementType.cDtype, isShared: variable.isShared, dimension: variable.dimension)
    }

    var elementCount: Int { size }
}

extension StateMonitor: ExposesArrays {
    var arrayNames: [String] { ["t"] + variableNames }

    func array(named name: String) -> ArrayDescription? {
        if name == "t" {
            return ArrayDescription(data: UnsafeMutableRawPointer(times.storage.pointer), owner: times.storage, rows: times.count,
                                    cols: 1, is2D: false, dtype: RV_DTYPE_FLOAT64, readOnly: true, dimension: .time)
        }
        guard let recording = recordings[name] else { return nil }
        let memory = recording.memory
        return ArrayDescription(data: memory.data, owner: memory.owner,
                                rows: times.count, cols: indices.count, is2D: true, dtype: recording.elementType.cDtype, readOnly: true,
                                dimension: recordedVariables.first { $0.name == name }!.dimension)
    }

    var elementCount: Int { times.count }
}

extension EventMonitor: ExposesArrays {
    var arrayNames: [String] { (recordsEvents ? ["i", "t"] : []) + ["count"] + recordedVariables.map(\.name) }

    func array(named name: String) -> ArrayDescription? {
        switch name {
        case "i" where recordsEvents:
            return ArrayDescription(data: UnsafeMutableRawPointer(indices.storage.pointer), owner: indices.storage, rows: indices.count,
                                    cols: 1, is2D: false, dtype: RV_DTYPE_INT32, readOnly: true)
        case "t" where recordsEvents:
            return ArrayDescription(data: UnsafeMutableRawPointer(times.storage.pointer), owner: times.storage, rows: times.count,
                                    cols: 1, is2D: false, dtype: RV_DTYPE_FLOAT64, readOnly: true, dimension: .time)
        case "count":
            return ArrayDescription(data: UnsafeMutableRawPointer(counts.pointer), owner: counts, rows: group.size,
                                    cols: 1, is2D: false, dtype: RV_DTYPE_INT32, readOnly: true)
        default:
            guard let variable = recordedVariables.first(where: { $0.name == name }), let recording = values[name] else { return nil }
            let memory = recording.memory
            return ArrayDescription(data: memory.data, owner: memory.owner, rows: recording.count, cols: 1, is2D: false,
                                    dtype: recording.elementType.cDtype, readOnly: true, dimension: variable.dimension)
        }
    }

    var elementCount: Int { eventCount }
}

extension PopulationRateMonitor: ExposesArrays {
    var arrayNames: [String] { ["t", "rate"] }

    func array(named name: String) -> ArrayDescription? {
        let (values, dimension): (GrowableArray<Double>, Dimension)
        switch name {
        case "t": (values, dimension) = (times, .time)
        case "rate": (values, dimension) = (rates, .frequency)
        default: return nil
        }
        return ArrayDescription(data: UnsafeMutableRawPointer(values.storage.pointer), owner: values.storage, rows: values.count,
                                cols: 1, is2D: false, dtype: RV_DTYPE_FLOAT64, readOnly: true, dimension: dimension)
    }

    var elementCount: Int { times.count }
}

@_cdecl("rv_object_variable_names")
public func rvObjectVariableNames(_ handle: rv_handle?, _ out: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> rv_status {
    let function = "rv_object_variable_names"
    return guarded(function) {
        let exposed = try object(handle, as: ExposesArrays.self, "the object", in: function)
        try ReturnedString.hand(exposed.arrayNames.joined(separator: "\n"), to: out, in: function)
    }
}

@_cdecl("rv_object_variable")
public func rvObjectVariable(_ handle: rv_handle?, _ name: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<rv_array>?) -> rv_status {
    let function = "rv_object_variable"
    return guarded(function) {
        let exposed = try object(handle, as: ExposesArrays.self, "the object", in: function)
        let variableName = try string(name, "name", in: function)
        guard let description = exposed.array(named: variableName) else {
            throw RanvierError(.unknownIdentifier, "No variable '\(variableName)'; available: \(exposed.arrayNames.joined(separator: ", "))")
        }
        description.write(to: try require(out, "the output array", in: function))
    }
}

@_cdecl("rv_object_size")
public func rvObjectSize(_ handle: rv_handle?, _ out: UnsafeMutablePointer<Int64>?) -> rv_status {
    let function = "rv_object_size"
    return guarded(function) {
        let exposed = try object(handle, as: ExposesArrays.self, "the object", in: function)
        try require(out, "the output", in: function).pointee = Int64(exposed.elementCount)
    }
}
