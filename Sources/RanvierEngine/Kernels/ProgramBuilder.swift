/// Compiles expressions and statements into a `BlockProgram`.
///
/// Names are looked up through a `SymbolResolver`; subexpressions are inlined; sub-trees whose
/// operands are all constants are folded at compile time, so per-element work is only what varies.
public final class ProgramBuilder {
    private var slots: [SlotKind] = []
    private var steps: [ProgramStep] = []
    private var nameSlots: [String: Int] = [:]
    private var constantSlots: [UInt64: Int] = [:]
    private var freeRegisters: [Int] = []
    private var temporaries = Set<Int>()
    private let resolver: SymbolResolver
    private let time: ScalarCell
    /// Describes the code for error messages.
    private let context: String
    /// Whether statements may assign `(constant)` variables (true for initialisation between runs).
    public var allowsWritingConstants = false

    /// A builder resolving names through `resolver`; `time` supplies `t`.
    public init(resolver: SymbolResolver, time: ScalarCell, context: String) {
        self.resolver = resolver
        self.time = time
        self.context = context
    }

    // MARK: Slots

    /// A constant slot holding `value` (shared between uses).
    public func constant(_ value: Double) -> Int {
        if let slot = constantSlots[value.bitPattern] { return slot }
        let slot = addSlot(.constant(value))
        constantSlots[value.bitPattern] = slot
        return slot
    }

    /// A fresh scratch register that stays reserved (not reused) until `release`.
    public func register() -> Int {
        if let slot = freeRegisters.popLast() { return slot }
        return addSlot(.register)
    }

    /// A register for an intermediate value, released automatically once consumed.
    private func temporary() -> Int {
        let slot = register()
        temporaries.insert(slot)
        return slot
    }

    /// Makes a register available for reuse.
    public func release(_ slot: Int) {
        guard case .register = slots[slot], !freeRegisters.contains(slot) else { return }
        temporaries.remove(slot)
        freeRegisters.append(slot)
    }

    private func releaseIfTemporary(_ slot: Int) {
        if temporaries.contains(slot) { release(slot) }
    }

    /// Marks a temporary result as owned by the caller, so that later compilation does not reuse it.
    public func keep(_ slot: Int) -> Int {
        temporaries.remove(slot)
        return slot
    }

    private func addSlot(_ kind: SlotKind) -> Int {
        slots.append(kind)
        return slots.count - 1
    }

    /// Makes `name` refer to `slot` in code compiled from now on (stage values of Runge–Kutta methods,
    /// noise draws, propagated values).
    public func bind(_ name: String, to slot: Int) {
        nameSlots[name] = slot
    }

    /// Forgets a binding made with `bind`.
    public func unbind(_ name: String) {
        nameSlots[name] = nil
    }

    /// The slot of a stored variable, creating it on first use.
    public func slot(forVariable name: String) throws -> Int {
        if let slot = nameSlots[name] { return slot }
        guard let symbol = resolver.symbol(named: name) else {
            throw RanvierError(.unknownIdentifier, "The identifier '\(name)' could not be resolved (in \(context))")
        }
        let slot: Int
        switch symbol {
        case .array(let variable): slot = addSlot(.array(variable.storage!))
        case .shared(let variable): slot = addSlot(.sharedArray(variable.storage!))
        case .constant(let value, _): return constant(value)
        case .time: slot = addSlot(.scalar(time))
        case .index: slot = addSlot(.index)
        case .mappedArray(let variable, let map):
            slot = variable.isShared ? addSlot(.sharedArray(variable.storage!)) : addSlot(.mappedArray(variable.storage!, map))
        case .mappedIndex(let map): slot = addSlot(.mappedIndex(map))
        case .subexpression:
            throw RanvierError(.type, "The subexpression '\(name)' has no storage of its own (in \(context))")
        case .noise:
            throw RanvierError(.syntax, "The noise term '\(name)' can only be used in differential equations (in \(context))")
        case .temporary:
            throw RanvierError(.unknownIdentifier, "The identifier '\(name)' is used before it is assigned (in \(context))")
        case .timedArray:
            throw RanvierError(.value, "'\(name)' was used like a variable or constant, but it is a function (in \(context))")
        }
        nameSlots[name] = slot
        return slot
    }

    /// Whether a slot has one value for all elements of a block (a constant, `t`, a shared variable).
    private func holdsOneValue(_ slot: Int) -> Bool {
        switch slots[slot] {
        case .constant, .scalar, .sharedArray: return true
        default: return false
        }
    }

    private func constantValue(_ slot: Int) -> Double? {
        if case .constant(let value) = slots[slot] { return value }
        return nil
    }

    // MARK: Expressions

    /// Emits steps computing `expr`; returns the slot that holds its value for each element.
    public func compile(_ expr: Expr) throws -> Int {
        switch expr {
        case .number(let value, _):
            return constant(value)
        case .name(let name):
            if nameSlots[name] == nil, let symbol = resolver.symbol(named: name), case .subexpression(_, let definition) = symbol {
                return try compile(definition)
            }
            return try slot(forVariable: name)
        case .unary(.plus, let operand):
            return try compile(operand)
        case .unary(let op, let operand):
            return try apply(OperationTable.operators[op == .negate ? "neg" : "not"]!, [operand])
        case .binary(.power, let base, .number(let exponent, _)) where [2, 3, 4].contains(exponent):
            return try smallPower(base, Int(exponent))
        case .binary(let op, let lhs, let rhs):
            return try apply(OperationTable.operators[op.rawValue]!, [lhs, rhs])
        case .comparison(let op, let lhs, let rhs):
            return try apply(OperationTable.operators[op.rawValue]!, [lhs, rhs])
        case .logical(let op, let lhs, let rhs):
            return try apply(OperationTable.operators[op.rawValue]!, [lhs, rhs])
        case .call(let name, let arguments):
            if OperationTable.functions[name] == nil, case .timedArray(let sampler) = resolver.symbol(named: name) {
                guard sampler.table.arity == arguments.count else {
                    throw RanvierError(.value, "Function '\(name)' was called with \(arguments.count) parameter(s), needs \(sampler.table.arity) (in \(context))")
                }
                let operands = try arguments.map(compile)
                return apply(sampler.operation(timeIsUniform: holdsOneValue(operands[0])), slots: operands)
            }
            guard let function = OperationTable.functions[name] else {
                throw RanvierError(.unknownIdentifier, "The function '\(name)' is not known (in \(context))")
            }
            guard function.arity == arguments.count else {
                throw RanvierError(.type, "The function '\(name)' takes \(function.arity) argument(s) but \(arguments.count) were given (in \(context))")
            }
            return try apply(function, arguments)
        }
    }

    /// Emits one operation over already compiled operand slots, folding it when all are constants.
    public func apply(_ operation: Operation, slots operands: [Int]) -> Int {
        let values = operands.map(constantValue)
        if !operation.isRandom, !values.contains(where: { $0 == nil }) {
            let v = values.map { $0! } + [0, 0, 0]
            return constant(operation.scalar(v[0], v[1], v[2]))
        }
        operands.forEach(releaseIfTemporary)
        let dst = temporary()
        // Unused operands are marked -1 and read the program's dummy block (see `build`).
        let padded = operands + Array(repeating: -1, count: 3 - operands.count)
        steps.append(.compute(operation.block, dst: dst, a: padded[0], b: padded[1], c: padded[2]))
        return dst
    }

    /// `x**2`, `x**3`, `x**4` as products (gating variables such as `m**3*h`, `n**4` in every step of
    /// a Hodgkin-Huxley model), as compilers do for Brian2's compiled targets; `pow` is many times
    /// slower. `x*x` is exactly `pow(x, 2)`; the others can differ from `pow` in the last bit.
    private func smallPower(_ base: Expr, _ exponent: Int) throws -> Int {
        let multiply = OperationTable.operators["*"]!
        let x = try compile(base)
        let ownsBase = temporaries.contains(x)
        _ = keep(x)  // read again after the first product
        let square = apply(multiply, slots: [x, x])
        let result: Int
        switch exponent {
        case 2: result = square
        case 3: result = apply(multiply, slots: [square, x])
        default: result = apply(multiply, slots: [square, square])
        }
        if ownsBase { release(x) }
        return result
    }

    private func apply(_ operation: Operation, _ arguments: [Expr]) throws -> Int {
        let operands = try arguments.map(compile)
        return apply(operation, slots: operands)
    }

    /// Emits `slots[dst] = slots[src]` unless they are the same slot.
    public func copy(_ src: Int, to dst: Int) {
        if src != dst { steps.append(.copy(dst: dst, src: src)) }
    }

    // MARK: Statements

    /// Compiles statements (`v = 0`, `vt += delta`) executed element by element in order. A target
    /// listed in `gates` is only changed where the named gate is non-zero (it keeps its value elsewhere).
    public func compile(statements: [Statement], gates: [String: String] = [:]) throws {
        for statement in statements {
            if statement.op == .assign, nameSlots[statement.target] == nil, resolver.symbol(named: statement.target) == nil {
                // Brian2 semantics: assigning an undefined name defines a per-element temporary.
                let result = try compile(statement.value)
                let temporary = keep(register())
                copy(result, to: temporary)
                releaseIfTemporary(result)
                bind(statement.target, to: temporary)
                continue
            }
            let target = try writableSlot(statement.target)
            var value: Expr = statement.value
            if let op = augmentedOperator(statement.op) {
                value = .binary(op, .name(statement.target), statement.value)
            }
            var result = try compile(value)
            if let gate = gates[statement.target] {
                result = apply(OperationTable.select, slots: [try compile(.name(gate)), result, target])
            }
            copy(result, to: target)
            releaseIfTemporary(result)
        }
    }

    private func augmentedOperator(_ op: AssignmentOperator) -> BinaryOperator? {
        switch op {
        case .assign: return nil
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        }
    }

    /// The slot of a variable that code may assign to.
    public func writableSlot(_ name: String) throws -> Int {
        if let bound = nameSlots[name], case .register = slots[bound] { return bound }
        guard let symbol = resolver.symbol(named: name) else {
            throw RanvierError(.unknownIdentifier, "The identifier '\(name)' could not be resolved: code cannot assign to an undefined variable (in \(context))")
        }
        switch symbol {
        case .array(let variable), .mappedArray(let variable, _):
            if variable.isShared {
                throw RanvierError(.type, "The shared variable '\(name)' cannot be assigned in code that runs for each element (in \(context))")
            }
            if variable.isConstant && !allowsWritingConstants {
                throw RanvierError(.type, "The variable '\(name)' is declared (constant) and cannot change during a run (in \(context))")
            }
            return try slot(forVariable: name)
        case .shared:
            throw RanvierError(.type, "The shared variable '\(name)' cannot be assigned in code that runs for each element (in \(context))")
        case .subexpression:
            throw RanvierError(.type, "The subexpression '\(name)' cannot be assigned to (in \(context))")
        default:
            throw RanvierError(.type, "'\(name)' is not a variable of the model and cannot be assigned to (in \(context))")
        }
    }

    /// The finished program; `result` names the slot whose values callers read after each block.
    public func build(result: Int? = nil) -> BlockProgram {
        let dummy = slots.count
        let fixed = steps.map { step -> ProgramStep in
            guard case .compute(let kernel, let dst, let a, let b, let c) = step else { return step }
            return .compute(kernel, dst: dst, a: a < 0 ? dummy : a, b: b < 0 ? dummy : b, c: c < 0 ? dummy : c)
        }
        return BlockProgram(slots: slots, steps: fixed, resultSlot: result)
    }
}
