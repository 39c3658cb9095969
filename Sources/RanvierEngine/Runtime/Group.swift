/// What neuron groups and synapses share: named per-element variables, name resolution for their
/// code, and code executed between runs (initialisation strings, evaluated expressions).
public class Group {
    /// Number of elements (neurons, or synapses once connected).
    public internal(set) var size: Int
    /// Variables by name; `variableNames` keeps declaration order.
    public private(set) var variables: [String: Variable] = [:]
    public private(set) var variableNames: [String] = []
    var subexpressionDefinitions: [String: Expr] = [:]
    /// Subexpressions flagged `(constant over dt)`, in declaration order. As in Brian2 they are stored
    /// like parameters and recomputed once at the start of each step (see `constantOverStepUpdate`),
    /// so integration, thresholds and monitors read one value per step.
    private(set) var constantOverStepDefinitions: [(name: String, expr: Expr)] = []
    /// The time and time step of the last run, used by code executed between runs.
    public let currentTime = ScalarCell(0)
    /// The running network's time while a run is under way (code executed by a network operation
    /// then sees the current `t`), nil between runs.
    var runTime: ScalarCell?
    /// The time code executed outside the schedule (initialisation strings, connect conditions) reads.
    var codeTime: ScalarCell { runTime ?? currentTime }
    public internal(set) var currentDt = 1e-4
    public var scheduleOverride: (slot: ScheduleSlot, order: Int)?
    /// How the model's non-boolean variables are stored (Brian2's `default_float_dtype` when the
    /// group was created).
    public let floatType: ElementType

    init(size: Int, floatType: ElementType = .float64) {
        self.size = size
        self.floatType = floatType
    }

    /// The variables the model equations declare, as Brian2's `equations.names` lists them (what
    /// `StateMonitor(G, True)` records): state variables, parameters and subexpressions.
    public var modelVariableNames: [String] { variableNames.filter { variables[$0]!.role != .internal } }

    func add(_ variable: Variable) {
        if variables[variable.name] == nil { variableNames.append(variable.name) }
        variables[variable.name] = variable
    }

    /// Adds the variables a model declares.
    func addVariables(of model: ModelDefinition) throws {
        for declaration in model.declarations {
            let role: Variable.Role
            switch declaration.equation.kind {
            case .differential: role = .differential
            case .subexpression(let expr) where declaration.hasFlag("constant over dt"):
                role = .parameter
                constantOverStepDefinitions.append((declaration.name, expr))
            case .subexpression(let expr):
                role = .subexpression
                subexpressionDefinitions[declaration.name] = expr
            case .parameter: role = .parameter
            }
            add(Variable(name: declaration.name, dimension: declaration.dimension, role: role, size: size,
                         isBoolean: declaration.isBoolean, isInteger: declaration.isInteger,
                         isShared: declaration.hasFlag("shared"), isConstant: declaration.hasFlag("constant"),
                         floatType: floatType))
        }
        let inlined = try EquationSystem.inline(subexpressionDefinitions)
        for declaration in model.declarations {
            guard let definition = inlined[declaration.name] else { continue }
            try checkSubexpression(declaration, definition: definition)
        }
    }

    /// Brian2's rules for subexpressions: a `(shared)` one may only read shared variables (one value
    /// for the group cannot depend on each element), and one drawing random numbers must be
    /// `(constant over dt)` (otherwise each use would draw anew).
    private func checkSubexpression(_ declaration: ModelDefinition.Declaration, definition: Expr) throws {
        let name = declaration.name
        if declaration.hasFlag("shared"), let perElement = definition.identifiers.sorted().first(where: { used in
            used == "i" || variables[used].map { !$0.isShared && $0.role != .subexpression } ?? false
        }) {
            throw RanvierError(.syntax, "Shared subexpression '\(name)' refers to non-shared variable '\(perElement)'")
        }
        if !declaration.hasFlag("constant over dt"),
           definition.functionNames.contains(where: { OperationTable.functions[$0]?.isRandom ?? false }) {
            throw RanvierError(.syntax, "The subexpression '\(name)' refers to a stateful function (e.g. rand()). Such expressions should only be evaluated once per timestep, add the 'constant over dt' flag")
        }
    }

    /// The symbol a name denotes within this group, before the caller's namespace is consulted.
    /// Subclasses add their own engine names (`i`, `N`, `v_post`...).
    func ownSymbol(named name: String, dt: Double) -> Symbol? {
        if let variable = variables[name] {
            switch variable.role {
            case .subexpression: return .subexpression(variable, subexpressionDefinitions[name]!)
            default: return variable.isShared ? .shared(variable) : .array(variable)
            }
        }
        switch name {
        case "t": return .time
        case "dt": return .constant(dt, .time)
        default: return nil
        }
    }

    /// `i` (the element index) and `N` (the number of elements), as neuron groups and subgroups define them.
    func indexSymbol(named name: String) -> Symbol? {
        switch name {
        case "i": return .index
        case "N": return .constant(Double(size), .dimensionless)
        default: return nil
        }
    }

    /// Identifiers the right-hand sides of a model's declarations use.
    func identifiers(of model: ModelDefinition) -> Set<String> {
        model.declarations.reduce(into: Set<String>()) { used, declaration in
            switch declaration.equation.kind {
            case .differential(let e), .subexpression(let e): used.formUnion(e.externalCandidates)
            case .parameter: break
            }
        }
    }

    func scope(_ namespace: Namespace, dt: Double) -> GroupScope {
        GroupScope(group: self, namespace: namespace, dt: dt)
    }

    /// Whether `name` is defined without the caller's namespace (so it is not an external name).
    func isInternal(_ name: String) -> Bool {
        ownSymbol(named: name, dt: currentDt) != nil || isNoiseName(name) || name == "True" || name == "False"
    }

    /// Every name the group's own code (model, threshold, reset, pathways) uses that the group does
    /// not define: the caller resolves these before a run.
    public func externalNames() -> [String] { [] }

    /// Names used by `code` that the group does not define (for initialisation strings from Python).
    public func externalNames(inCode code: String, isExpression: Bool) throws -> [String] {
        var used = Set<String>()
        if isExpression {
            used = try ModelParser.parseExpression(code).externalCandidates
        } else {
            used = namesRead(by: try ModelParser.parseStatements(code))
        }
        return externalNames(among: used)
    }

    /// Names the values of `statements` read, leaving out temporaries the block itself defines first.
    func namesRead(by statements: [Statement]) -> Set<String> {
        var used = Set<String>(), temporaries = Set<String>()
        for statement in statements {
            used.formUnion(statement.value.externalCandidates.subtracting(temporaries))
            if statement.op == .assign, !isInternal(statement.target) { temporaries.insert(statement.target) }
        }
        return used
    }

    /// The external names among `used`, following subexpressions into their definitions.
    func externalNames(among used: Set<String>) -> [String] {
        var all = used
        let inlined = (try? EquationSystem.inline(subexpressionDefinitions)) ?? subexpressionDefinitions
        for name in used { if let definition = inlined[name] { all.formUnion(definition.externalCandidates) } }
        return all.filter { !isInternal($0) }.sorted()
    }

    /// Brian2's `before_start` update of the `(constant over dt)` subexpressions: their values for
    /// the step, computed before every other operation of the step (nil when there are none).
    func constantOverStepUpdate(_ scope: GroupScope, _ context: RunContext) throws -> ScheduledOperation? {
        guard !constantOverStepDefinitions.isEmpty else { return nil }
        let builder = ProgramBuilder(resolver: scope, time: context.time,
                                     context: "the (constant over dt) subexpressions of \(elementDescription)")
        try builder.compile(statements: constantOverStepDefinitions.map { Statement(target: $0.name, op: .assign, value: $0.expr, line: 0) })
        let program = builder.build()
        return ScheduledOperation(slot: .start, order: Int.min) { program.execute(count: self.size) }
    }

    /// The `(constant over dt)` subexpressions as variables written at the start of each step.
    var constantOverStepWrites: (names: Set<String>, slot: ScheduleSlot) {
        (Set(constantOverStepDefinitions.map(\.name)), .start)
    }

    /// Executes statements (e.g. `v = rand()`) for all elements or the listed ones.
    public func execute(_ code: String, indices: [Int]?, namespace: Namespace) throws {
        let statements = try ModelParser.parseStatements(code)
        let scope = self.scope(namespace, dt: currentDt)
        let description = "the code \"\(code.trimmingSpaces())\""
        try CodeChecks.checkStatements(statements, scope: scope, context: description)
        let builder = ProgramBuilder(resolver: scope, time: codeTime, context: description)
        builder.allowsWritingConstants = true
        try builder.compile(statements: statements)
        try run(builder.build(), on: indices, afterBlock: nil)
    }

    /// Evaluates an expression for all elements or the listed ones, writing one value per element.
    public func evaluate(_ expression: String, indices: [Int]?, namespace: Namespace, into out: UnsafeMutablePointer<Double>) throws {
        let expr = try ModelParser.parseExpression(expression)
        let scope = self.scope(namespace, dt: currentDt)
        let description = "the expression \"\(expression.trimmingSpaces())\""
        _ = try DimensionChecker(resolver: scope, context: description).check(expr)
        let builder = ProgramBuilder(resolver: scope, time: codeTime, context: description)
        let result = try builder.compile(expr)
        let program = builder.build(result: result)
        try run(program, on: indices) { block in
            (out + block.start).update(from: block.values(result), count: block.count)
        }
    }

    func run(_ program: BlockProgram, on indices: [Int]?, afterBlock: ((BlockProgram.Block) -> Void)?) throws {
        guard let indices else { return program.execute(count: size, afterBlock: afterBlock) }
        if let bad = indices.first(where: { $0 < 0 || $0 >= size }) {
            throw RanvierError(.index, "Index \(bad) is out of range for \(elementDescription) (valid indices are 0 to \(size - 1))")
        }
        indices.withUnsafeBufferPointer { program.execute(indices: $0, afterBlock: afterBlock) }
    }

    /// How messages refer to the group's elements, e.g. "a group of 10 neurons".
    public var elementDescription: String { "a group of \(size) elements" }

    /// Records the time reached by a run.
    public func finishRun(time: Double, dt: Double) {
        runTime = nil
        currentTime.value = time
        currentDt = dt
    }
}
