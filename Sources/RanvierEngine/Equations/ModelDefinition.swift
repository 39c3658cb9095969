/// A parsed and validated model: the declared variables of a group, their units and flags.
public struct ModelDefinition {
    /// One declared variable.
    public struct Declaration {
        public let equation: Equation
        public let dimension: Dimension
        public var name: String { equation.name }
        public var isBoolean: Bool { typeName == "boolean" }
        public var isInteger: Bool { typeName == "integer" }
        public func hasFlag(_ flag: String) -> Bool { equation.flags.contains(flag) }
        private var typeName: String? {
            if case .name(let name) = equation.unit, UnitTable.typeNames.contains(name) { return name }
            return nil
        }
    }

    /// Declarations in the order written.
    public let declarations: [Declaration]

    /// Flags Ranvier understands on neuron models, and the kinds of declaration each may follow.
    static let allowedFlags: [String: Set<String>] = [
        "unless refractory": ["differential"],
        "constant": ["parameter"],
        "shared": ["parameter", "subexpression"],
        "constant over dt": ["subexpression"],
    ]

    /// Names a model may not declare because the engine defines them.
    public static let reservedNames: Set<String> = ["t", "dt", "i", "N", "xi", "lastspike", "not_refractory", "t_in_timesteps"]

    /// Parses model text (Brian2 equation syntax) and checks declarations, units and flags.
    public init(parsing text: String) throws {
        let equations = try ModelParser.parseEquations(text)
        declarations = try equations.map(ModelDefinition.declaration)
    }

    private static func declaration(_ equation: Equation) throws -> Declaration {
        let location = "line \(equation.line): \"\(equation.text.trimmingSpaces())\""
        if reservedNames.contains(equation.name) || isNoiseName(equation.name) || OperationTable.functions[equation.name] != nil {
            throw RanvierError(.syntax, "The name '\(equation.name)' is reserved and cannot be declared in a model (\(location))")
        }
        let dimension: Dimension
        do {
            dimension = try UnitTable.evaluate(equation.unit)
        } catch let error as RanvierError {
            throw RanvierError(error.kind, "\(error.message) (\(location))")
        }
        let kind: String
        switch equation.kind {
        case .differential: kind = "differential"
        case .subexpression: kind = "subexpression"
        case .parameter: kind = "parameter"
        }
        for flag in equation.flags {
            guard let allowed = allowedFlags[flag] else {
                throw RanvierError(.syntax, "Unknown flag '(\(flag))' for a neuron model; known flags: \(allowedFlags.keys.sorted().map { "(\($0))" }.joined(separator: ", ")) (\(location))")
            }
            guard allowed.contains(kind) else {
                throw RanvierError(.syntax, "The flag '(\(flag))' cannot be used on a \(kind == "differential" ? "differential equation" : kind) (\(location))")
            }
        }
        return Declaration(equation: equation, dimension: dimension)
    }

    /// Names of the variables defined by differential equations, in order.
    public var differentialVariables: [String] {
        declarations.compactMap { if case .differential = $0.equation.kind { return $0.name } else { return nil } }
    }

    /// The declaration of `name`, if any.
    public func declaration(named name: String) -> Declaration? {
        declarations.first { $0.name == name }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    public func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
