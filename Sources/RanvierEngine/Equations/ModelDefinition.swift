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

    /// What kind of object a model describes: it decides the allowed flags and reserved names.
    public struct Kind {
        let name: String
        /// Flags and the kinds of declaration each may follow.
        let allowedFlags: [String: Set<String>]
        /// Names a model may not declare because the engine defines them.
        let reservedNames: Set<String>

        public static let neuron = Kind(name: "neuron model", allowedFlags: [
            "unless refractory": ["differential"],
            "constant": ["parameter"],
            "shared": ["parameter", "subexpression"],
            "constant over dt": ["subexpression"],
        ], reservedNames: ["t", "dt", "i", "N", "xi", "lastspike", "not_refractory", "t_in_timesteps"])

        public static let synapses = Kind(name: "synapse model", allowedFlags: [
            "event-driven": ["differential"],
            "clock-driven": ["differential"],
            "summed": ["subexpression"],
            "constant": ["parameter"],
            "shared": ["parameter", "subexpression"],
            "constant over dt": ["subexpression"],
        ], reservedNames: ["t", "dt", "i", "j", "N", "N_pre", "N_post", "xi", "lastupdate", "delay", "t_in_timesteps"])
    }

    /// Parses model text (Brian2 equation syntax) and checks declarations, units and flags.
    public init(parsing text: String, kind: Kind = .neuron) throws {
        let equations = try ModelParser.parseEquations(text)
        declarations = try equations.map { try ModelDefinition.declaration($0, kind: kind) }
    }

    private static func declaration(_ equation: Equation, kind model: Kind) throws -> Declaration {
        let location = "line \(equation.line): \"\(equation.text.trimmingSpaces())\""
        if let (kind, problem) = nameProblem(equation.name, kind: model, summed: equation.flags.contains("summed")) {
            throw RanvierError(kind, "\(problem) (\(location))")
        }
        let dimension: Dimension
        do {
            dimension = try UnitTable.evaluate(equation.unit)
        } catch let error as RanvierError {
            throw RanvierError(error.kind, "\(error.message) (\(location))")
        }
        let declaration = Declaration(equation: equation, dimension: dimension)
        if case .differential = equation.kind, declaration.isBoolean || declaration.isInteger {
            throw RanvierError(.type, "Differential equations can only define floating point variables (\(location))")
        }
        let kind: String
        switch equation.kind {
        case .differential: kind = "differential"
        case .subexpression: kind = "subexpression"
        case .parameter: kind = "parameter"
        }
        for flag in equation.flags {
            guard let allowed = model.allowedFlags[flag] else {
                throw RanvierError(.syntax, "Unknown flag '(\(flag))' for a \(model.name); known flags: \(model.allowedFlags.keys.sorted().map { "(\($0))" }.joined(separator: ", ")) (\(location))")
            }
            guard allowed.contains(kind) else {
                throw RanvierError(.syntax, "The flag '(\(flag))' cannot be used on a \(kind == "differential" ? "differential equation" : kind) (\(location))")
            }
        }
        return declaration
    }

    /// Names every model gives a meaning of its own (Brian2's special names in equations).
    static let specialNames: Set<String> = ["t", "dt", "i", "N", "xi", "t_in_timesteps"]

    /// Why a model may not declare `name`, as Brian2 says it and with its exception kind, or nil when
    /// it may. A summed variable names its target with `_post` or `_pre`. Unit names are checked by
    /// the caller, which owns the unit catalogue.
    static func nameProblem(_ name: String, kind model: Kind, summed: Bool) -> (ErrorKind, String)? {
        if name.hasPrefix("_") {
            return (.syntax, "Variable '\(name)' starts with an underscore, this is only allowed for variables used internally")
        }
        if specialNames.contains(name) || isNoiseName(name) {
            return (.syntax, "'\(name)' has a special meaning in equations and cannot be used as a variable name")
        }
        if model.reservedNames.contains(name) {
            return (.syntax, "'\(name)' is a reserved name that cannot be used as a variable name")
        }
        if OperationTable.functions[name] != nil {
            return (.syntax, "'\(name)' is the name of a function, cannot be used as a variable name")
        }
        if name == "True" || name == "False" {
            return (.syntax, "'\(name)' is a Python keyword and cannot be used as a variable")
        }
        if OperationTable.constants[name] != nil {
            return (.syntax, "'\(name)' is the name of a constant, cannot be used as a variable name")
        }
        if !summed, name.hasSuffix("_pre") || name.hasSuffix("_post") {
            return (.value, "'\(name)' cannot be used as a variable name, the '_pre' and '_post' suffixes are used to refer to pre- and post-synaptic variables in synapses")
        }
        return nil
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
