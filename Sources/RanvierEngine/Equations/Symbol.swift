/// What an identifier in model code refers to, once the model and the namespace are known.
public enum Symbol {
    /// A per-element variable with storage (state variable, parameter, `lastspike`...).
    case array(Variable)
    /// A variable with one value for the whole group (flag `shared`).
    case shared(Variable)
    /// A named expression (`I = ... : amp`), inlined where it is used.
    case subexpression(Variable, Expr)
    /// A value fixed during a run: external names, `N`, `dt`, `pi`...
    case constant(Double, Dimension)
    /// The current simulation time `t`.
    case time
    /// The element index `i`.
    case index
    /// A per-element variable of another group reached through an index map (`v_post`).
    case mappedArray(Variable, IndexMap)
    /// An index reached through a map (a synapse's `i` and `j`).
    case mappedIndex(IndexMap)
    /// A white-noise symbol (`xi`, `xi_1`...), allowed only in differential equations.
    case noise
    /// A name first assigned inside a code block (`w = 0` with no variable `w`): a per-element
    /// temporary, as in Brian2, with the dimension of its value.
    case temporary(Dimension, isBoolean: Bool)
    /// A function given by a table of samples over time (an external `TimedArray`), only callable.
    case timedArray(TimedArraySampler)

    /// The physical dimension of the symbol's values.
    public var dimension: Dimension {
        switch self {
        case .array(let v), .shared(let v), .subexpression(let v, _), .mappedArray(let v, _): return v.dimension
        case .constant(_, let d): return d
        case .time: return .time
        case .index, .mappedIndex: return .dimensionless
        case .noise: return Dimension(s: -0.5)
        case .temporary(let d, _): return d
        case .timedArray(let sampler): return sampler.table.dimension
        }
    }

    /// Whether the symbol holds truth values.
    public var isBoolean: Bool {
        switch self {
        case .array(let v), .shared(let v), .subexpression(let v, _), .mappedArray(let v, _): return v.isBoolean
        case .temporary(_, let isBoolean): return isBoolean
        default: return false
        }
    }
}

/// Looks identifiers up for dimension checking and compilation.
public protocol SymbolResolver {
    /// The symbol an identifier denotes, or nil when nothing defines it.
    func symbol(named name: String) -> Symbol?
}

/// Whether an identifier is a white-noise symbol (`xi` or `xi_<suffix>`).
public func isNoiseName(_ name: String) -> Bool {
    name == "xi" || name.hasPrefix("xi_")
}
