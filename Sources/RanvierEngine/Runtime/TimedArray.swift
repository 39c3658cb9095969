import Glibc

/// Brian2's `TimedArray`: a function of time given by samples `dt` apart, one column per index for a
/// two-dimensional table (`ta(t)` or `ta(t, i)`). Its values are stored in SI units with one dimension.
///
/// The sample used at time `t` follows Brian2: `t` is rounded on a grid `K` times finer than the
/// table's `dt` (K chosen from the group's `dt`, see `upsampling(groupDt:)`), so times a rounding
/// error below a sample boundary still select the later sample. Times before the first sample and
/// after the last use the first and the last sample; a time whose step number is not representable
/// (NaN, infinite, beyond 2^63 steps) uses the first sample, as Brian2's numpy code does. A column
/// outside the table gives NaN, as Brian2's compiled code does.
public final class TimedArray {
    /// Number of samples in time (rows of the table).
    public let rows: Int
    /// Number of columns; nil for a one-dimensional table (called as `ta(t)`).
    public let columns: Int?
    /// The time between samples, in seconds.
    public let dt: Double
    /// The dimension of the values.
    public let dimension: Dimension
    /// Row-major samples (`rows × (columns ?? 1)`), owned by this object.
    let values: UnsafeMutablePointer<Double>

    /// A table copied from `values` (row-major, `rows × (columns ?? 1)` numbers). Throws a `.value`
    /// error for an empty table or a `dt` that is not a positive finite time.
    public init(values source: UnsafeBufferPointer<Double>, rows: Int, columns: Int?, dt: Double, dimension: Dimension) throws {
        let width = columns ?? 1
        guard rows > 0, width > 0, rows.multipliedReportingOverflow(by: width) == (source.count, false) else {
            throw RanvierError(.value, "A TimedArray needs at least one value per row and column (got \(rows) rows, \(columns.map(String.init) ?? "no") columns, \(source.count) values)")
        }
        guard dt > 0, dt.isFinite else {
            throw RanvierError(.value, "The dt of a TimedArray must be a positive time, got \(dt) s")
        }
        try MemoryGuard.check(Double(source.count) * 8, for: "A TimedArray of \(source.count) values", advice: "Use a smaller table.")
        (self.rows, self.columns, self.dt, self.dimension) = (rows, columns, dt, dimension)
        values = .allocate(capacity: source.count)
        values.initialize(from: source.baseAddress!, count: source.count)
    }

    deinit { values.deallocate() }

    /// The number of arguments a call takes: the time, and the column for a two-dimensional table.
    public var arity: Int { columns == nil ? 1 : 2 }

    /// Brian2's upsampling factor for a group with time step `groupDt`: the smallest power of two
    /// at least `8·dt/groupDt` (at least 1), capped so that it stays an exact integer.
    public func upsampling(groupDt: Double) -> Int {
        let ratio = 8 / groupDt * dt
        guard ratio > 1 else { return 1 }
        return 1 << Int(Swift.min(Glibc.ceil(Glibc.log2(ratio)), 52))
    }

    /// Whether the value stays the same during each step of `groupDt` (Brian2's `is_locally_constant`):
    /// the table's `dt` is a whole multiple of it. Exact integration may then treat it as a constant.
    public func isConstantOverStep(groupDt: Double) -> Bool {
        groupDt <= dt && Glibc.floor(dt / groupDt) == dt / groupDt
    }

    /// The table as seen by code running with time step `groupDt`.
    public func sampler(groupDt: Double) -> TimedArraySampler {
        TimedArraySampler(table: self, upsampling: upsampling(groupDt: groupDt))
    }
}

/// A `TimedArray` with the upsampling factor of one group's time step: evaluates calls one value or
/// one block at a time.
public struct TimedArraySampler {
    /// The table sampled.
    public let table: TimedArray
    /// `K`: the table's `dt` divided into this many steps of the grid times are rounded on.
    let upsampling: Int
    /// The step of that grid, `dt / K`, as Brian2 computes it.
    private var epsilon: Double { table.dt / Double(upsampling) }

    /// The row used at time `t` (seconds).
    @inline(__always) func row(at t: Double) -> Int {
        let step = (t / epsilon).rounded(.toNearestOrEven) / Double(upsampling)
        // Brian2 truncates to a 64-bit integer; unrepresentable steps become the first sample.
        guard step > -9.2e18, step < 9.2e18 else { return 0 }
        return Swift.min(Swift.max(Int(step), 0), table.rows - 1)
    }

    /// `ta(t)` for a one-dimensional table, or `ta(t, column)` for a two-dimensional one.
    @inline(__always) public func value(at t: Double, column: Double = 0) -> Double {
        guard let columns = table.columns else { return table.values[row(at: t)] }
        return TimedArraySampler.entry(of: table.values + row(at: t) * columns, columns: columns, at: column)
    }

    /// The call as an operation of the code language: a block kernel reading the block of times
    /// (and of columns), and the same rule for constant folding. When every element of a block has
    /// the same time (`timeIsUniform`: the step's `t`, a constant), the kernel finds the row once.
    public func operation(timeIsUniform: Bool) -> Operation {
        let sampler = self
        let scalar: (Double, Double, Double) -> Double = { t, c, _ in sampler.value(at: t, column: c) }
        let kernel: BlockKernel
        switch (table.columns, timeIsUniform) {
        case (nil, true):
            kernel = { out, t, _, _, n in out.update(repeating: sampler.value(at: t[0]), count: n) }
        case (nil, false):
            kernel = { out, t, _, _, n in for k in 0..<n { out[k] = sampler.value(at: t[k]) } }
        case (let columns?, true):
            kernel = { out, t, c, _, n in
                let row = sampler.table.values + sampler.row(at: t[0]) * columns
                for k in 0..<n { out[k] = TimedArraySampler.entry(of: row, columns: columns, at: c[k]) }
            }
        case (let columns?, false):
            kernel = { out, t, c, _, n in
                for k in 0..<n {
                    out[k] = TimedArraySampler.entry(of: sampler.table.values + sampler.row(at: t[k]) * columns, columns: columns, at: c[k])
                }
            }
        }
        return Operation(name: "TimedArray", arity: table.arity, dimensionRule: .dimensionlessOnly, isBoolean: false,
                         isRandom: false, scalar: scalar, block: kernel)
    }

    /// Column `column` (truncated) of a row, or NaN outside the table.
    @inline(__always) static func entry(of row: UnsafePointer<Double>, columns: Int, at column: Double) -> Double {
        let c = column.rounded(.towardZero)
        guard c >= 0, c < Double(columns) else { return .nan }
        return row[Int(c)]
    }
}
