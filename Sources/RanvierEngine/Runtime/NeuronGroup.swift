/// How a group's refractory period is given.
public enum Refractoriness {
    case none
    /// A fixed period in seconds.
    case duration(Double)
    /// Code evaluating to a period (units of time) or to a condition for staying refractory.
    case code(Expr)
}

/// A group of neurons: per-neuron state, the model's equations and integrator, threshold, reset and
/// refractoriness, run at Brian2's `groups`, `thresholds` and `resets` slots.
public final class NeuronGroup: Group, SimulationObject {
    public let model: ModelDefinition
    /// The requested integration method ("" for Brian2's default choice).
    public let method: String
    public let threshold: Expr?
    public let reset: [Statement]
    public let refractoriness: Refractoriness

    /// Indices of the neurons that spiked in the current step.
    public let spikes: UnsafeMutablePointer<Int>
    public internal(set) var spikeCount = 0
    /// Spikes given in advance (a SpikeGeneratorGroup), emitted in the thresholds slot (in place of a threshold's).
    public var spikeSchedule: SpikeSchedule?
    /// Whether the last run used the one-pass kernel (see `RefractoryRelaxationKernel`).
    private(set) var usesFusedKernel = false

    /// Creates a group; parses the model and code, so syntax and declaration errors surface here.
    /// `floatType` is how the model's variables are stored; `lastspike` is always a double.
    public init(size: Int, model text: String, method: String = "", threshold: String = "", reset: String = "",
                refractoriness: Refractoriness = .none, floatType: ElementType = .float64) throws {
        guard size >= 1 else { throw RanvierError(.value, "A NeuronGroup needs at least 1 neuron, got \(size)") }
        model = try ModelDefinition(parsing: text)
        try MemoryGuard.check(Double(size) * NeuronGroup.bytesPerNeuron(model, floatType, refractoriness),
                              for: "A NeuronGroup of \(size) neurons", advice: "Use fewer neurons.")
        guard size <= Int(Int32.max) else {
            throw RanvierError(.value, "A NeuronGroup needs between 1 and \(Int32.max) neurons (indices are 32-bit), got \(size)")
        }
        self.method = method
        self.threshold = threshold.trimmingSpaces().isEmpty ? nil : try ModelParser.parseExpression(threshold)
        self.reset = try ModelParser.parseStatements(reset)
        self.refractoriness = refractoriness
        spikes = .allocate(capacity: size)
        super.init(size: size, floatType: floatType)
        try addVariables(of: model)
        if case .none = refractoriness {} else {
            add(Variable(name: "lastspike", dimension: .time, role: .internal, size: size, initial: -1e4))
            add(Variable(name: "not_refractory", dimension: .dimensionless, role: .internal, size: size, isBoolean: true, initial: 1))
        }
    }

    deinit { spikes.deallocate() }

    /// Memory per neuron: its slot in the spike buffer, its stored variables, and `lastspike` and
    /// `not_refractory` when the group has refractoriness.
    private static func bytesPerNeuron(_ model: ModelDefinition, _ floatType: ElementType, _ refractoriness: Refractoriness) -> Double {
        let variables = model.declarations.reduce(0) { total, declaration in
            if case .subexpression = declaration.equation.kind { return total }
            if declaration.hasFlag("shared") { return total }
            return total + (declaration.isBoolean ? 1 : declaration.isInteger ? 4 : floatType.byteCount)
        }
        if case .none = refractoriness { return Double(8 + variables) }
        return Double(8 + variables + 9)
    }

    override func ownSymbol(named name: String, dt: Double) -> Symbol? {
        super.ownSymbol(named: name, dt: dt) ?? indexSymbol(named: name)
    }

    /// Whether code other than the group's own update may change `variable` only in neurons that are
    /// not refractory: Brian2's conditional write for variables declared `(unless refractory)`.
    func isGatedByRefractoriness(_ variable: String) -> Bool {
        variables["not_refractory"] != nil
            && model.declarations.contains { $0.name == variable && $0.hasFlag("unless refractory") }
    }

    /// The model's variables and, with refractoriness, `lastspike` and `not_refractory` (which
    /// Brian2 adds to the equations of such groups).
    public override var modelVariableNames: [String] {
        variableNames.filter { variables[$0]!.role != .internal || $0 == "lastspike" || $0 == "not_refractory" }
    }

    public override var elementDescription: String { "a NeuronGroup of \(size) neurons" }

    /// Every name the group's code uses that the group does not define (to be resolved by the caller).
    public override func externalNames() -> [String] {
        var used = identifiers(of: model)
        if let threshold { used.formUnion(threshold.externalCandidates) }
        used.formUnion(namesRead(by: reset))
        if case .code(let e) = refractoriness { used.formUnion(e.externalCandidates) }
        return externalNames(among: used)
    }

    // MARK: Running

    public func writtenVariables() -> [(owner: AnyObject, names: Set<String>, slot: ScheduleSlot)] {
        [(self, Set(reset.map(\.target)), .resets), (self, constantOverStepWrites.names, constantOverStepWrites.slot)]
    }

    public func prepare(_ context: RunContext) throws -> [ScheduledOperation] {
        let scope = self.scope(context.namespace, dt: context.dt)
        try CodeChecks.checkModel(model, scope: scope)
        let order = scheduleOverride?.order ?? 0
        let updater = try buildStateUpdater(scope, context)
        let detector = try threshold.map { try SpikeDetector(group: self, condition: $0, scope: scope, time: context.time) }
        var operations: [ScheduledOperation] = try constantOverStepUpdate(scope, context).map { [$0] } ?? []
        let clock = refractoryClock(context)
        let fused = fusedKernel(updater: updater, detector: detector, clock: clock, context: context)
        usesFusedKernel = fused != nil
        if let fused, let detector {
            var collected = 0
            operations.append(ScheduledOperation(slot: .groups, order: order) { collected = fused() })
            operations.append(ScheduledOperation(slot: .thresholds, order: order) {
                self.spikeCount = detector.publish(count: collected)
            })
        } else {
            var groupsStep: [() -> Void] = []
            if let clock {
                // The exact updater decides refractoriness in its own pass over the neurons.
                if let linear = updater as? LinearUpdater { linear.refractoryClock = clock } else {
                    groupsStep.append { clock.decideAll(count: self.size) }
                }
            } else if case .duration = refractoriness {
                groupsStep.append(shortRefractoryKernel(context: context))
            } else if let refractoryProgram = try compileRefractoriness(scope, context) {
                groupsStep.append { refractoryProgram.execute(count: self.size) }
            }
            if let updater { groupsStep.append(updater.update) }
            if !groupsStep.isEmpty {
                operations.append(ScheduledOperation(slot: scheduleOverride?.slot ?? .groups, order: order) {
                    for step in groupsStep { step() }
                })
            }
            if let detector {
                operations.append(ScheduledOperation(slot: .thresholds, order: order) { self.spikeCount = detector.detect() })
            } else {
                spikeCount = 0
            }
        }
        if let schedule = try spikeSchedule?.bind(dt: context.dt) {
            let (time, dt) = (context.time, context.dt)
            operations.append(ScheduledOperation(slot: .thresholds, order: order) {
                self.spikeCount = schedule.emit(step: Int((time.value / dt).rounded()), into: self.spikes)
            })
        }
        if !reset.isEmpty {
            let program = try compileReset(scope, context)
            operations.append(ScheduledOperation(slot: .resets, order: order) {
                guard self.spikeCount > 0 else { return }
                program.execute(indices: UnsafeBufferPointer(start: self.spikes, count: self.spikeCount))
            })
        }
        return operations
    }

    private func buildStateUpdater(_ scope: GroupScope, _ context: RunContext) throws -> StateUpdater? {
        var system = try EquationSystem(model: model)
        guard !system.equations.isEmpty else { return nil }
        system.markFunctionsConstantOverStep(scope, dt: context.dt)
        let description = "a NeuronGroup of \(size) neurons"
        let chosen = try MethodTable.choose(method, for: system, context: description)
        let storage = Dictionary(uniqueKeysWithValues: system.variableNames.map { ($0, variables[$0]!.storage!) })
        let integration = IntegrationContext(system: system, scope: scope, time: context.time, dt: context.dt, size: size,
                                             storage: storage, notRefractory: notRefractoryFlags,
                                             changingNames: context.writtenNames(self), context: "the equations of \(description)")
        return try chosen.build(integration)
    }

    /// Brian2's refractoriness update, run before integration: a neuron leaves refractoriness once
    /// the period (in whole time steps) has passed, or once the condition no longer holds.
    private func compileRefractoriness(_ scope: GroupScope, _ context: RunContext) throws -> BlockProgram? {
        let elapsed = Expr.call("timestep", [.binary(.subtract, .name("t"), .name("lastspike")), .name("dt")])
        let update: Expr
        switch refractoriness {
        case .none, .duration:
            return nil
        case .code(let expr):
            let type = try DimensionChecker(resolver: scope, context: "the refractory expression \"\(expr.sourceText)\"").check(expr)
            if type.dimension == .time {
                update = .comparison(.greaterEqual, elapsed, .call("timestep", [expr, .name("dt")]))
            } else if type.isBoolean {
                update = .logical(.or, .name("not_refractory"), .unary(.not, expr))
            } else {
                throw RanvierError(.type, "The refractory expression \"\(expr.sourceText)\" has units \(type.dimension); it must evaluate to a time span or to a boolean condition")
            }
        }
        let builder = ProgramBuilder(resolver: scope, time: context.time, context: "the refractoriness of a NeuronGroup")
        try builder.compile(statements: [Statement(target: "not_refractory", op: .assign, value: update, line: 1)])
        return builder.build()
    }

    /// The run's fixed refractory period of at least one step (Brian2's rule, tested without a
    /// division per neuron: see `RefractoryWindow`), or nil.
    private func refractoryClock(_ context: RunContext) -> RefractoryClock? {
        guard case .duration(let seconds) = refractoriness, let window = RefractoryWindow(period: seconds, dt: context.dt) else { return nil }
        return RefractoryClock(window: window, lastSpike: lastSpikeTimes!, notRefractory: notRefractoryFlags!,
                               time: context.time, dt: context.dt)
    }

    /// A fixed period under one step: `timestep(t - lastspike, dt) >= 0`, i.e. elapsed steps plus
    /// Brian2's 1e-3 margin above -1 (refractory only within the step of the spike).
    private func shortRefractoryKernel(context: RunContext) -> () -> Void {
        let dt = context.dt
        let lastSpike = lastSpikeTimes!, notRefractory = notRefractoryFlags!
        let time = context.time
        let size = self.size
        return {
            let shifted = RefractoryWindow.shiftedTime(time.value, dt: dt)
            for k in 0..<size { notRefractory[k] = (shifted - lastSpike[k]) / dt > -1 ? 1 : 0 }
        }
    }

    /// One pass for update, refractoriness and threshold (see `RefractoryRelaxationKernel` and
    /// `LinearUpdater.fusedStepWithThreshold`): for a fixed refractory period, an exact update of a
    /// supported form and a `variable > constant` threshold, when the update runs in the groups slot
    /// and no code assigns the group's variables in the groups or thresholds slots (so nothing
    /// between update and threshold changes what the threshold sees; synaptic effects and resets
    /// come after). Returns the step, which gives the number of spikes it stored.
    private func fusedKernel(updater: StateUpdater?, detector: SpikeDetector?, clock: RefractoryClock?,
                             context: RunContext) -> (() -> Int)? {
        guard let clock, (scheduleOverride?.slot ?? .groups) == .groups, let linear = updater as? LinearUpdater,
              let (values, bound) = detector?.simpleComparison,
              context.writtenNames(self, in: ScheduleSlot.groups...ScheduleSlot.thresholds).isEmpty else { return nil }
        if let relaxation = linear.scalarRelaxation, values === relaxation.variable {
            return RefractoryRelaxationKernel(clock: clock, relaxation: relaxation, bound: bound, spikes: spikes, size: size).run
        }
        return linear.fusedStepWithThreshold(bound: bound, on: values, clock: clock, spikes: spikes)
    }

    /// `lastspike` (always doubles) and `not_refractory` of a group with refractoriness.
    var lastSpikeTimes: UnsafeMutablePointer<Double>? { variables["lastspike"]?.storage?.doubles }
    var notRefractoryFlags: UnsafeMutablePointer<Flag>? { variables["not_refractory"]?.storage?.typed(Flag.self) }

    private func compileReset(_ scope: GroupScope, _ context: RunContext) throws -> BlockProgram {
        let description = "the reset code"
        try CodeChecks.checkStatements(reset, scope: scope, context: description)
        let builder = ProgramBuilder(resolver: scope, time: context.time, context: description)
        try builder.compile(statements: reset)
        return builder.build()
    }
}

/// Evaluates a threshold condition block by block and collects the indices of neurons that cross it
/// (and are not refractory), then marks them refractory from now.
final class SpikeDetector {
    private let program: BlockProgram
    private let condition: Int
    private let spikes: UnsafeMutablePointer<Int>
    private let size: Int
    private let notRefractory: UnsafeMutablePointer<Flag>?
    private let lastSpike: UnsafeMutablePointer<Double>?
    private let time: ScalarCell
    private var count = 0
    private var collect: ((BlockProgram.Block) -> Void)!
    /// Neurons tested together before looking for the crossing ones.
    private static let chunk = 64

    /// For the common `variable > constant` form: the variable's values and the constant, compared
    /// in one native loop instead of a block program.
    let simpleComparison: (values: ValueBuffer, bound: Double)?

    init(group: NeuronGroup, condition: Expr, scope: GroupScope, time: ScalarCell) throws {
        let context = "threshold condition \"\(condition.sourceText)\""
        try CodeChecks.requireBoolean(condition, scope: scope, context: context)
        let builder = ProgramBuilder(resolver: scope, time: time, context: context)
        self.condition = try builder.compile(condition)
        program = builder.build(result: self.condition)
        simpleComparison = SpikeDetector.matchGreaterThanConstant(condition, scope: scope, program: program)
        spikes = group.spikes
        size = group.size
        notRefractory = group.notRefractoryFlags
        lastSpike = group.lastSpikeTimes
        self.time = time
        collect = { [unowned self] block in self.collectBlock(block) }
    }

    private func collectBlock(_ block: BlockProgram.Block) {
        let crossed = block.values(condition)
        if let notRefractory {
            for k in 0..<block.count where crossed[k] != 0 && notRefractory[block.start + k] != 0 {
                spikes[count] = block.start + k
                count += 1
            }
        } else {
            for k in 0..<block.count where crossed[k] != 0 {
                spikes[count] = block.start + k
                count += 1
            }
        }
    }

    private static func matchGreaterThanConstant(_ condition: Expr, scope: GroupScope, program: BlockProgram) -> (ValueBuffer, Double)? {
        guard case .comparison(.greater, .name(let name), let bound) = condition,
              case .array(let variable)? = scope.symbol(named: name),
              let value = try? DimensionChecker(resolver: scope, context: "").check(bound).constantValue else { return nil }
        guard let values = variable.storage else { return nil }
        return (values, value)
    }

    /// Runs the condition for every neuron; returns the number of spikes stored in the group's buffer.
    func detect() -> Int {
        count = 0
        if let (values, bound) = simpleComparison {
            switch values.elementType {
            case .float64: count = detectAbove(bound, in: values.typed(Double.self))
            case .float32: count = detectAbove(bound, in: values.typed(Float.self))
            case .bool: count = detectAbove(bound, in: values.typed(Flag.self))
            case .int32: count = detectAbove(bound, in: values.typed(Int32.self))
            }
        } else {
            program.execute(count: size, afterBlock: collect)
        }
        return publish(count: count)
    }

    /// The threshold `values > bound` for every neuron, in one native loop.
    @inline(__always) private func detectAbove<T: StoredValue>(_ bound: Double, in values: UnsafeMutablePointer<T>) -> Int {
        WorkerPool.shared.collectSpikes(size, into: spikes) { range, _ in
            if let notRefractory {
                return crossings(in: range) { (values[$0].asDouble > bound ? 1 : 0) & (notRefractory[$0] != 0 ? 1 : 0) }
            }
            return crossings(in: range) { values[$0].asDouble > bound ? 1 : 0 }
        }
    }

    /// Stores the indices `k` in `range` with `crosses(k) == 1` from `range.lowerBound` on and returns
    /// how many there are. Few neurons cross in a step, so a vectorised count per chunk finds the
    /// chunks worth scanning.
    @inline(__always) private func crossings(in range: Range<Int>, _ crosses: (Int) -> Int) -> Int {
        var found = range.lowerBound
        var start = range.lowerBound
        while start < range.upperBound {
            let end = Swift.min(start + SpikeDetector.chunk, range.upperBound)
            var crossings = 0
            for k in start..<end { crossings &+= crosses(k) }
            if crossings > 0 {
                for k in start..<end where crosses(k) != 0 {
                    spikes[found] = k
                    found += 1
                }
            }
            start = end
        }
        return found - range.lowerBound
    }

    /// Takes the first `count` entries of the group's spike buffer as this step's spikes (found by
    /// `detect()` or by a fused kernel) and marks those neurons refractory from now; returns `count`.
    func publish(count: Int) -> Int {
        if let notRefractory, let lastSpike {
            for s in 0..<count {
                lastSpike[spikes[s]] = time.value
                notRefractory[spikes[s]] = 0
            }
        }
        return count
    }
}
