/// The checked type of an expression: its dimension, whether it is a truth value, and its value when
/// it is a constant (needed for exponents of dimensioned bases).
public struct ExpressionType {
    public var dimension: Dimension
    public var isBoolean: Bool
    public var constantValue: Double?
}

/// Checks the physical dimensions of expressions against declared units and external constants.
///
/// Every message names the code being checked (`context`) and the units that disagree.
public struct DimensionChecker {
    let resolver: SymbolResolver
    /// Where the expression comes from, e.g. `threshold condition "v > 1"`.
    let context: String

    public init(resolver: SymbolResolver, context: String) {
        self.resolver = resolver
        self.context = context
    }

    /// The type of `expr`, or a `.dimension` / `.unknownIdentifier` error.
    public func check(_ expr: Expr) throws -> ExpressionType {
        switch expr {
        case .number(let value, _):
            return ExpressionType(dimension: .dimensionless, isBoolean: false, constantValue: value)
        case .name(let name):
            return try checkName(name)
        case .unary(let op, let operand):
            let inner = try check(operand)
            if op == .not {
                return ExpressionType(dimension: .dimensionless, isBoolean: true, constantValue: inner.constantValue.map { $0 == 0 ? 1 : 0 })
            }
            return ExpressionType(dimension: inner.dimension, isBoolean: false, constantValue: inner.constantValue.map { op == .negate ? -$0 : $0 })
        case .binary(let op, let lhs, let rhs):
            return try checkBinary(op, lhs, rhs)
        case .comparison(let op, let lhs, let rhs):
            let (l, r) = (try check(lhs), try check(rhs))
            try requireSame(l, r, lhs, rhs, operation: "compare")
            return ExpressionType(dimension: .dimensionless, isBoolean: true,
                                  constantValue: fold(op.rawValue, l.constantValue, r.constantValue))
        case .logical(let op, let lhs, let rhs):
            let (l, r) = (try check(lhs), try check(rhs))
            for (side, type) in [(lhs, l), (rhs, r)] where !type.dimension.isDimensionless {
                throw RanvierError(.dimension, "The operand \"\(side.sourceText)\" of '\(op.rawValue)' in \(context) has units \(type.dimension), but logical operators need truth values")
            }
            return ExpressionType(dimension: .dimensionless, isBoolean: true,
                                  constantValue: fold(op.rawValue, l.constantValue, r.constantValue))
        case .call(let name, let arguments):
            return try checkCall(name, arguments, expr)
        }
    }

    private func checkName(_ name: String) throws -> ExpressionType {
        guard let symbol = resolver.symbol(named: name) else {
            throw RanvierError(.unknownIdentifier, "The identifier '\(name)' could not be resolved (in \(context))")
        }
        if case .constant(let value, let dimension) = symbol {
            return ExpressionType(dimension: dimension, isBoolean: name == "True" || name == "False", constantValue: value)
        }
        if case .timedArray = symbol {
            throw RanvierError(.value, "'\(name)' was used like a variable or constant, but it is a function (in \(context))")
        }
        return ExpressionType(dimension: symbol.dimension, isBoolean: symbol.isBoolean, constantValue: nil)
    }

    private func checkBinary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr) throws -> ExpressionType {
        let (l, r) = (try check(lhs), try check(rhs))
        let value = fold(op.rawValue, l.constantValue, r.constantValue)
        switch op {
        case .add, .subtract, .modulo, .floorDivide:
            try requireSame(l, r, lhs, rhs, operation: op == .add ? "add" : op == .subtract ? "subtract" : "apply '\(op.rawValue)' to")
            let dimension = op == .floorDivide ? Dimension.dimensionless : l.dimension
            return ExpressionType(dimension: dimension, isBoolean: false, constantValue: value)
        case .multiply:
            return ExpressionType(dimension: l.dimension * r.dimension, isBoolean: false, constantValue: value)
        case .divide:
            return ExpressionType(dimension: l.dimension / r.dimension, isBoolean: false, constantValue: value)
        case .power:
            guard r.dimension.isDimensionless else {
                throw RanvierError(.dimension, "The exponent \"\(rhs.sourceText)\" in \(context) has units \(r.dimension); exponents must be dimensionless")
            }
            if l.dimension.isDimensionless {
                return ExpressionType(dimension: .dimensionless, isBoolean: false, constantValue: value)
            }
            guard let exponent = r.constantValue else {
                throw RanvierError(.dimension, "The exponent \"\(rhs.sourceText)\" in \(context) must be a constant because its base \"\(lhs.sourceText)\" has units \(l.dimension)")
            }
            return ExpressionType(dimension: l.dimension.power(exponent), isBoolean: false, constantValue: value)
        }
    }

    private func checkCall(_ name: String, _ arguments: [Expr], _ call: Expr) throws -> ExpressionType {
        if OperationTable.functions[name] == nil, case .timedArray(let sampler) = resolver.symbol(named: name) {
            return try checkTimedArrayCall(name, sampler, arguments, call)
        }
        guard let function = OperationTable.functions[name] else {
            if resolver.symbol(named: name) != nil {
                throw RanvierError(.type, "'\(name)' is not a function but is called in \(context)")
            }
            throw RanvierError(.unknownIdentifier, "The function '\(name)' is not known (in \(context)); available functions: \(OperationTable.functions.keys.sorted().joined(separator: ", "))")
        }
        guard arguments.count == function.arity else {
            throw RanvierError(.type, "The function '\(name)' takes \(function.arity) argument\(function.arity == 1 ? "" : "s") but \(arguments.count) were given in \"\(call.sourceText)\" (\(context))")
        }
        let types = try arguments.map(check)
        let constants = types.map(\.constantValue)
        let value: Double? = function.isRandom || constants.contains(where: { $0 == nil }) ? nil
            : function.scalar(constants.first.flatMap { $0 } ?? 0, constants.count > 1 ? constants[1]! : 0, constants.count > 2 ? constants[2]! : 0)
        switch function.dimensionRule {
        case .dimensionlessOnly:
            for (argument, type) in zip(arguments, types) where !type.dimension.isDimensionless {
                throw RanvierError(.dimension, "The argument \"\(argument.sourceText)\" of \(name)() in \(context) has units \(type.dimension), but \(name)() needs a dimensionless argument")
            }
            return ExpressionType(dimension: .dimensionless, isBoolean: false, constantValue: value)
        case .sameAsArguments:
            for (argument, type) in zip(arguments, types).dropFirst() where type.dimension != types[0].dimension {
                throw RanvierError(.dimension, "The arguments of \(name)() in \(context) must share one unit, but \"\(arguments[0].sourceText)\" has units \(types[0].dimension) and \"\(argument.sourceText)\" has units \(type.dimension)")
            }
            return ExpressionType(dimension: types.first?.dimension ?? .dimensionless, isBoolean: false, constantValue: value)
        case .anyToDimensionless:
            return ExpressionType(dimension: .dimensionless, isBoolean: false, constantValue: value)
        case .timesToCount:
            for (argument, type) in zip(arguments, types) where type.dimension != .time {
                throw RanvierError(.dimension, "The argument \"\(argument.sourceText)\" of \(name)() in \(context) has units \(type.dimension), but \(name)() needs times (units s)")
            }
            return ExpressionType(dimension: .dimensionless, isBoolean: false, constantValue: value)
        case .squareRoot:
            return ExpressionType(dimension: types[0].dimension.power(0.5), isBoolean: false, constantValue: value)
        }
    }

    /// `ta(t)` or `ta(t, i)`: a time, then a dimensionless column index; the result has the
    /// table's dimension (Brian2's messages and exception classes).
    private func checkTimedArrayCall(_ name: String, _ sampler: TimedArraySampler, _ arguments: [Expr], _ call: Expr) throws -> ExpressionType {
        let arity = sampler.table.arity
        guard arguments.count == arity else {
            throw RanvierError(.value, "Function '\(name)' was called with \(arguments.count) parameter\(arguments.count == 1 ? "" : "s"), needs \(arity), in \"\(call.sourceText)\" (\(context))")
        }
        let types = try arguments.map(check)
        for (k, (argument, type)) in zip(arguments, types).enumerated() where type.dimension != (k == 0 ? Dimension.time : .dimensionless) {
            throw RanvierError(.dimension, "Argument number \(k + 1) for function \(name) does not have the correct units. Expression '\(argument.sourceText)' has units \(type.dimension), but should be \(k == 0 ? "s" : "1") (in \(context))")
        }
        let constants = types.compactMap(\.constantValue)
        let value = constants.count == arity ? sampler.value(at: constants[0], column: constants.count > 1 ? constants[1] : 0) : nil
        return ExpressionType(dimension: sampler.table.dimension, isBoolean: false, constantValue: value)
    }

    private func requireSame(_ l: ExpressionType, _ r: ExpressionType, _ lhs: Expr, _ rhs: Expr, operation: String) throws {
        guard l.dimension != r.dimension else { return }
        throw RanvierError(.dimension, "Cannot \(operation) \"\(lhs.sourceText)\" (units \(l.dimension)) and \"\(rhs.sourceText)\" (units \(r.dimension)) in \(context): units do not match")
    }

    private func fold(_ symbol: String, _ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b, let operation = OperationTable.operators[symbol] else { return nil }
        return operation.scalar(a, b, 0)
    }
}
