/// Name resolution for code of one group: the group's own names first (variables, `t`, `dt`, `i`,
/// `N`, pre/post variables of synapses), then `xi`, the caller's namespace, and default constants.
public struct GroupScope: SymbolResolver {
    let group: Group
    let namespace: Namespace
    let dt: Double

    public func symbol(named name: String) -> Symbol? {
        if let own = group.ownSymbol(named: name, dt: dt) { return own }
        if isNoiseName(name) { return .noise }
        if let entry = namespace.symbol(named: name, dt: dt) { return entry }
        if let value = OperationTable.constants[name] { return .constant(value, .dimensionless) }
        return nil
    }
}
