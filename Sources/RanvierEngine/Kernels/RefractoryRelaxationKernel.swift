/// One pass over the neurons for the most common neuron model: a fixed refractory period, one
/// exactly integrated variable relaxing towards a fixed point (`dv/dt = (v0 - v)/tau`), and a
/// `v > constant` threshold. It does what the refractory check, the state update and the threshold
/// would do in three passes, with the same arithmetic, so results are identical; the threshold's
/// spikes are only collected here and published in the thresholds slot.
///
/// Only valid when nothing else changes the group's state between its update and its threshold
/// (the caller checks that no other object writes the group's variables).
final class RefractoryRelaxationKernel {
    private let clock: RefractoryClock
    private let relaxation: ScalarRelaxation
    private let bound: Double
    private let spikes: UnsafeMutablePointer<Int>
    private let size: Int
    private let marks = SpikeMarks()

    init(clock: RefractoryClock, relaxation: ScalarRelaxation, bound: Double, spikes: UnsafeMutablePointer<Int>, size: Int) {
        (self.clock, self.relaxation, self.bound, self.spikes, self.size) = (clock, relaxation, bound, spikes, size)
    }

    /// Updates every neuron and stores the indices of those that cross the threshold; returns their number.
    func run() -> Int {
        switch relaxation.variable.elementType {
        case .float32: return run(Float.self)
        default: return run(Double.self)
        }
    }

    private func run<T: StoredValue>(_: T.Type) -> Int {
        relaxation.refresh?()
        let (p, q, s) = (relaxation.decay[0], relaxation.offset[0], relaxation.fixedPoints)
        let pool = WorkerPool.shared
        if relaxation.fixedPointIsUniform {
            let fixedPoint = s[0]
            return pool.collectSpikes(size, into: spikes) { sweep(T.self, $0, part: $1) { x, _ in (x - fixedPoint) * p + fixedPoint + q } }
        }
        // Per-neuron fixed points come without an offset (see `LinearUpdater.scalarRelaxation`).
        return pool.collectSpikes(size, into: spikes) { sweep(T.self, $0, part: $1) { x, k in (x - s[k]) * p + s[k] } }
    }

    /// The fused loop over `range` (part `part` of the neurons): see `SpikeMarks`.
    @inline(__always) private func sweep<T: StoredValue>(_: T.Type, _ range: Range<Int>, part: Int, _ relax: (Double, Int) -> Double) -> Int {
        let shifted = clock.shiftedTime
        let v = relaxation.variable.typed(T.self)
        let gated = relaxation.gated
        return marks.updateAndCollect(range, part: part, into: spikes) { k in
            let free = clock.decide(k, shiftedTime: shifted)
            let x = v[k]
            let value = free || !gated ? T(storing: relax(x.asDouble, k)) : x
            v[k] = value
            return free && value.asDouble > bound ? 1 : 0
        }
    }
}

/// One variable updated exactly as `v' = (v - s)·p + s + q`, with `p` and `q` shared by all
/// elements and `s` per element or shared; `gated` when the variable is `(unless refractory)`.
/// `p`, `q` and `s` are read before each pass, after `refresh` (set when they change with time).
struct ScalarRelaxation {
    /// The variable's values (doubles or floats).
    let variable: ValueBuffer
    let decay: UnsafePointer<Double>
    let offset: UnsafePointer<Double>
    let fixedPoints: UnsafePointer<Double>
    let fixedPointIsUniform: Bool
    let gated: Bool
    /// Recomputes the coefficients for the current time step, when they depend on it.
    let refresh: (() -> Void)?
    /// The object that owns the coefficient arrays (kept alive as long as this value is used).
    let owner: AnyObject
}
