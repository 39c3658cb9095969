/// A name a monitor records from a group, resolved once: the group's own variables (state variables,
/// parameters, subexpressions, `lastspike`...) and, for synapses, the pre- and postsynaptic
/// variables they reach (`v_post`). Values are kept in the variable's storage type.
public struct RecordedVariable {
    public let name: String
    public let dimension: Dimension
    /// How the recorded values are stored: like the variable (float32 variables as float32, flags
    /// as booleans); subexpressions like the group's floats.
    public let elementType: ElementType

    /// The recordable variable `name` of `group`, or nil when the group has no such per-element value.
    public init?(name: String, in group: Group) {
        guard let symbol = group.ownSymbol(named: name, dt: group.currentDt) else { return nil }
        switch symbol {
        case .array(let variable), .shared(let variable), .mappedArray(let variable, _):
            elementType = variable.storage?.elementType ?? group.floatType
        case .subexpression(let variable, _):
            elementType = variable.isBoolean ? .bool : group.floatType
        case .constant, .time, .index, .mappedIndex, .noise, .temporary, .timedArray:
            return nil
        }
        self.name = name
        dimension = symbol.dimension
    }

    /// The distinct `names` resolved in `group`, in order; an unknown name is an error naming what
    /// the group has (`monitor` says which kind of monitor asked).
    public static func resolve(_ names: [String], in group: Group, for monitor: String) throws -> [RecordedVariable] {
        var seen = Set<String>()
        return try names.filter { seen.insert($0).inserted }.map { name in
            guard let variable = RecordedVariable(name: name, in: group) else {
                throw RanvierError(.unknownIdentifier, "A \(monitor) cannot record '\(name)': \(group.elementDescription) has no such variable; its variables are \(group.variableNames.joined(separator: ", "))")
            }
            return variable
        }
    }
}
