import Glibc

/// Worker threads that share the parts of one loop at a time: the engine's only parallelism.
///
/// Kernels split their elements into contiguous parts (`partition`) whose results do not depend on
/// how many parts there are, so a run gives the same numbers for any thread count. Threads sleep
/// between loops; waking them costs microseconds, so only loops over many elements use the pool.
final class WorkerPool {
    /// The pool used by every kernel (Brian2's scripts run one network at a time).
    static let shared = WorkerPool()

    /// Loops over fewer elements than this run on the calling thread alone.
    static let minimumParallelElements = 65_536
    static let maximumThreads = 256

    /// Threads taking part in a loop, the caller included (1: no parallelism).
    private(set) var threadCount = 1

    private final class Worker {
        unowned let pool: WorkerPool
        let index: Int
        /// The loop generation when the worker was made: it serves only later ones.
        let firstSeen: Int
        var thread = pthread_t()
        init(pool: WorkerPool, index: Int, firstSeen: Int) { (self.pool, self.index, self.firstSeen) = (pool, index, firstSeen) }
    }

    private var workers: [Worker] = []
    /// Per-part results of `collectSpikes` (loops are started from one thread, one at a time).
    private let partTotals = UnsafeMutablePointer<Int>.allocate(capacity: WorkerPool.maximumThreads)
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    // Guarded by `mutex`.
    private var generation = 0
    private var running = 0
    private var job: ((Int) -> Void)?
    private var partCount = 0
    private var stopping = false

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(finished, nil)
    }

    /// Uses `count` threads (the caller and `count - 1` workers) from now on; returns false if the
    /// system refused to start a thread (the pool then keeps the ones it has).
    @discardableResult
    func setThreadCount(_ count: Int) -> Bool {
        let wanted = Swift.min(Swift.max(1, count), WorkerPool.maximumThreads)
        if wanted == threadCount { return true }
        stopWorkers()
        pollsBeforeSleeping = wanted <= Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) ? 25_000 : 0
        for index in 1..<wanted {
            let worker = Worker(pool: self, index: index, firstSeen: generation)
            let context = Unmanaged.passRetained(worker).toOpaque()
            guard pthread_create(&worker.thread, nil, { raw in
                let worker = Unmanaged<Worker>.fromOpaque(raw!).takeRetainedValue()
                worker.pool.serve(worker.index, seen: worker.firstSeen)
                return nil
            }, context) == 0 else {
                Unmanaged<Worker>.fromOpaque(context).release()
                threadCount = workers.count + 1
                return false
            }
            workers.append(worker)
        }
        threadCount = wanted
        return true
    }

    /// The contiguous range of part `part` of `count` elements split into `parts` parts.
    static func partition(_ count: Int, parts: Int, part: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }

    /// How many parts a loop over `count` elements is split into.
    func parts(for count: Int) -> Int {
        count >= WorkerPool.minimumParallelElements ? threadCount : 1
    }

    /// Runs `body` over contiguous ranges that cover `0..<count`, on several threads when `count` is large.
    func forEachRange(_ count: Int, _ body: (Range<Int>) -> Void) {
        let parts = parts(for: count)
        if parts == 1 { return body(0..<count) }
        forEachPart(parts) { body(WorkerPool.partition(count, parts: parts, part: $0)) }
    }

    /// Finds spikes in `0..<count` in parallel: `find(range, part)` stores the indices it finds in
    /// `spikes` from `range.lowerBound` on and returns how many; they are then packed together, in
    /// index order whatever the number of parts. Returns the total.
    func collectSpikes(_ count: Int, into spikes: UnsafeMutablePointer<Int>, _ find: (Range<Int>, Int) -> Int) -> Int {
        let parts = parts(for: count)
        if parts == 1 { return find(0..<count, 0) }
        let found = partTotals
        forEachPart(parts) { found[$0] = find(WorkerPool.partition(count, parts: parts, part: $0), $0) }
        var total = found[0]
        for part in 1..<parts {
            let start = WorkerPool.partition(count, parts: parts, part: part).lowerBound
            if start != total { memmove(spikes + total, spikes + start, found[part] * MemoryLayout<Int>.stride) }
            total += found[part]
        }
        return total
    }

    /// Runs `body(part)` for every part in `0..<parts`, spread over the threads; returns when all are done.
    func forEachPart(_ parts: Int, _ body: (Int) -> Void) {
        guard parts > 1, !workers.isEmpty else {
            for part in 0..<parts { body(part) }
            return
        }
        withoutActuallyEscaping(body) { body in
            pthread_mutex_lock(mutex)
            job = body
            partCount = parts
            running = workers.count
            generation &+= 1
            pthread_cond_broadcast(wake)
            pthread_mutex_unlock(mutex)
            for part in stride(from: 0, to: parts, by: workers.count + 1) { body(part) }
            pthread_mutex_lock(mutex)
            wait(on: finished) { running == 0 }
            job = nil
            pthread_mutex_unlock(mutex)
        }
    }

    /// A worker's life: wait for a new loop, run its share of the parts, report, repeat.
    private func serve(_ index: Int, seen firstSeen: Int) {
        var seen = firstSeen
        pthread_mutex_lock(mutex)
        while true {
            wait(on: wake) { generation != seen || stopping }
            if stopping { break }
            seen = generation
            let body = job!, parts = partCount, stride = workers.count + 1
            pthread_mutex_unlock(mutex)
            for part in Swift.stride(from: index, to: parts, by: stride) { body(part) }
            pthread_mutex_lock(mutex)
            running -= 1
            if running == 0 { pthread_cond_signal(finished) }
        }
        pthread_mutex_unlock(mutex)
    }

    /// Polls before sleeping: about a millisecond (see `wait(on:until:)`), unless there are more
    /// threads than processors, where polling threads would take the time of working ones. Set
    /// with the thread count, before any worker starts.
    private var pollsBeforeSleeping = 0

    /// Waits, with `mutex` held, until `ready()`. The next loop of a run usually starts within
    /// microseconds, while waking a sleeping thread costs tens of them on virtual machines (measured
    /// here: ~50 µs per loop, more than a 65,536-neuron update takes), so the thread first polls,
    /// releasing the mutex between polls, and only then sleeps on `condition`.
    private func wait(on condition: UnsafeMutablePointer<pthread_cond_t>, until ready: () -> Bool) {
        var polls = 0
        while !ready() {
            if polls < pollsBeforeSleeping {
                pthread_mutex_unlock(mutex)
                polls += 1
                pthread_mutex_lock(mutex)
            } else {
                pthread_cond_wait(condition, mutex)
            }
        }
    }

    private func stopWorkers() {
        guard !workers.isEmpty else { return }
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_broadcast(wake)
        pthread_mutex_unlock(mutex)
        for worker in workers { pthread_join(worker.thread, nil) }
        workers = []
        stopping = false
        threadCount = 1
    }
}
