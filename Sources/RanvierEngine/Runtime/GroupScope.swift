/// Name resolution for code of one group: its own variables first, then the engine's names
/// (`t`, `dt`, `i`, `N`, `xi`), then the caller's namespace, then default constants (`pi`, `e`...).
struct GroupScope: SymbolResolver {
    let group: NeuronGroup
    let namespace: Namespace
    let dt: Double

    func symbol(named name: String) -> Symbol? {
        if let variable = group.variables[name] {
            switch variable.role {
            case .subexpression: return .subexpression(variable, group.subexpressionDefinitions[name]!)
            default: return variable.isShared ? .shared(variable) : .array(variable)
            }
        }
        switch name {
        case "t": return .time
        case "dt": return .constant(dt, .time)
        case "i": return .index
        case "N": return .constant(Double(group.size), .dimensionless)
        default: break
        }
        if isNoiseName(name) { return .noise }
        if let entry = namespace.lookup(name) { return .constant(entry.value, entry.dimension) }
        if let value = OperationTable.constants[name] { return .constant(value, .dimensionless) }
        return nil
    }

    /// Whether `name` is defined without the caller's namespace (so it is not an external name).
    static func isInternal(_ name: String, in group: NeuronGroup) -> Bool {
        group.variables[name] != nil || ["t", "dt", "i", "N", "True", "False"].contains(name) || isNoiseName(name)
    }
}
