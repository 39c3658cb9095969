/// What an integration method needs to build the state update of one group.
public struct IntegrationContext {
    public let system: EquationSystem
    /// Resolves every name the equations use (variables, `t`, `dt`, constants).
    public let scope: SymbolResolver
    public let time: ScalarCell
    public let dt: Double
    public let size: Int
    /// Storage of each integrated variable.
    public let storage: [String: ValueBuffer]
    /// 1 where an element may integrate its `(unless refractory)` variables, 0 while refractory;
    /// nil for groups without refractoriness.
    let notRefractory: UnsafeMutablePointer<Flag>?
    /// Names whose values code changes during a run; coefficients depending on them are recomputed
    /// every step instead of once per run.
    public let changingNames: Set<String>
    /// Describes the group for messages.
    public let context: String
}

/// Advances a group's differential equations by one time step.
public protocol StateUpdater: AnyObject {
    func update()
}

/// A numerical integration method known by name (`exact`, `euler`, ...).
public struct IntegrationMethod {
    public let name: String
    /// Why the method cannot integrate `system`, or nil when it can.
    public let unsupportedReason: (EquationSystem) -> String?
    /// Builds the state update for a group.
    public let build: (IntegrationContext) throws -> StateUpdater
}

/// The registry of integration methods: the one place a method is added.
public enum MethodTable {
    /// Every method by name; `linear` is Brian2's alias of `exact`.
    public static let methods: [String: IntegrationMethod] = {
        let list = [ExactIntegration.method] + ExplicitScheme.all.map(\.method)
        var table = Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
        table["linear"] = table["exact"]
        return table
    }()

    /// The methods tried, in order, when a model names none (Brian2's default choice).
    public static let defaultChoice = ["exact", "euler", "heun"]

    /// The method to use for `system`: the named one (failing with Brian2's refusal when it cannot
    /// apply), or the first of the default choice that can.
    public static func choose(_ requested: String, for system: EquationSystem, context: String) throws -> IntegrationMethod {
        if requested.isEmpty {
            for name in defaultChoice where methods[name]!.unsupportedReason(system) == nil {
                return methods[name]!
            }
            throw RanvierError(.unsupportedEquations, "No integration method among \(defaultChoice.joined(separator: ", ")) can integrate the equations of \(context)")
        }
        guard let method = methods[requested] else {
            throw RanvierError(.value, "Unknown integration method '\(requested)' for \(context); known methods: \(methods.keys.sorted().joined(separator: ", "))")
        }
        if let reason = method.unsupportedReason(system) {
            throw RanvierError(.unsupportedEquations, "The integration method '\(requested)' cannot integrate the equations of \(context): \(reason)")
        }
        return method
    }
}
