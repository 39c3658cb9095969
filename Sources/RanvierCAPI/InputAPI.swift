import CRanvier
import RanvierEngine

@_cdecl("rv_poissoninput_create")
public func rvPoissonInputCreate(_ target: rv_handle?, _ variable: UnsafePointer<CChar>?, _ inputs: Int64, _ rate: Double,
                                 _ weightCode: UnsafePointer<CChar>?, _ weightValue: Double, _ weightDimensions: UnsafePointer<Double>?,
                                 _ out: UnsafeMutablePointer<rv_handle?>?) -> rv_status {
    let function = "rv_poissoninput_create"
    return guarded(function) {
        let output = try require(out, "the output handle", in: function)
        let group = try object(target, as: Group.self, "the target group", in: function)
        let name = try string(variable, "the target variable", in: function)
        let code = try string(weightCode, "the weight code", in: function)
        let weight: PoissonInput.Weight = code.isEmpty
            ? .constant(weightValue, try dimension(weightDimensions, in: function)) : .code(code)
        guard inputs >= 1, inputs <= Int64(Int32.max) else {
            throw RanvierError(.value, "N has to be an integer >= 1 (and below 2^31), got \(inputs).")
        }
        output.pointee = retainedHandle(try PoissonInput(target: group, variable: name, inputs: Int(inputs), rate: rate, weight: weight))
    }
}
