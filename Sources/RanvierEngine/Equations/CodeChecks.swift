/// Dimension and type checks of code attached to a group (threshold, reset, initialisation).
public enum CodeChecks {
    /// Checks that `expr` is a truth value (thresholds, conditions).
    public static func requireBoolean(_ expr: Expr, scope: SymbolResolver, context: String) throws {
        let type = try DimensionChecker(resolver: scope, context: context).check(expr)
        guard type.isBoolean else {
            throw RanvierError(.type, "The \(context) must be a boolean expression (a comparison such as 'v > 1'), got units \(type.dimension)")
        }
    }

    /// Checks each statement's value against the units of the variable it assigns.
    public static func checkStatements(_ statements: [Statement], scope base: SymbolResolver, context: String) throws {
        let scope = ScopeWithTemporaries(base: base)
        let checker = DimensionChecker(resolver: scope, context: context)
        for statement in statements {
            if statement.op == .assign, scope.symbol(named: statement.target) == nil {
                let value = try checker.check(statement.value)
                scope.temporaries[statement.target] = .temporary(value.dimension, isBoolean: value.isBoolean)
                continue
            }
            guard let target = scope.symbol(named: statement.target) else {
                throw RanvierError(.unknownIdentifier, "The identifier '\(statement.target)' could not be resolved: \(context) line \(statement.line) assigns to a variable the model does not define")
            }
            let value = try checker.check(statement.value)
            let expected: Dimension
            switch statement.op {
            case .assign, .add, .subtract: expected = target.dimension
            case .multiply, .divide: expected = .dimensionless
            }
            guard value.dimension == expected else {
                throw RanvierError(.dimension, "Inconsistent units in \(context), line \(statement.line) \"\(statement.sourceText)\": the value \"\(statement.value.sourceText)\" has units \(value.dimension) but must have units \(expected) to \(statement.op == .assign ? "assign" : "update") '\(statement.target)' (units \(target.dimension))")
            }
        }
    }

    /// Checks every declaration of a model: right-hand sides of differential equations have the
    /// variable's units per second, subexpressions their declared units.
    public static func checkModel(_ model: ModelDefinition, scope: SymbolResolver) throws {
        for declaration in model.declarations {
            let line = "line \(declaration.equation.line): \"\(declaration.equation.text.trimmingSpaces())\""
            switch declaration.equation.kind {
            case .differential(let rhs):
                let type = try DimensionChecker(resolver: scope, context: "the equation for d\(declaration.name)/dt (\(line))").check(rhs)
                let expected = declaration.dimension / .time
                guard type.dimension == expected else {
                    throw RanvierError(.dimension, "Inconsistent units in the differential equation defining '\(declaration.name)' (\(line)): the right-hand side \"\(rhs.sourceText)\" has units \(type.dimension), but d\(declaration.name)/dt must have units \(expected) (the units of \(declaration.name), \(declaration.dimension), per second)")
                }
            case .subexpression(let expr):
                let type = try DimensionChecker(resolver: scope, context: "the subexpression '\(declaration.name)' (\(line))").check(expr)
                guard type.dimension == declaration.dimension else {
                    throw RanvierError(.dimension, "Inconsistent units in the subexpression defining '\(declaration.name)' (\(line)): \"\(expr.sourceText)\" has units \(type.dimension), but '\(declaration.name)' is declared with units \(declaration.dimension)")
                }
            case .parameter:
                break
            }
        }
    }
}

/// A scope extended by the temporaries a code block defines as it goes.
final class ScopeWithTemporaries: SymbolResolver {
    let base: SymbolResolver
    var temporaries: [String: Symbol] = [:]

    init(base: SymbolResolver) { self.base = base }

    func symbol(named name: String) -> Symbol? { temporaries[name] ?? base.symbol(named: name) }
}
