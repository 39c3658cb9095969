/// Scratch marks for kernels that update neurons and find their spikes in one pass: the update of a
/// chunk of neurons marks the spiking ones (a vectorisable loop), then the marked indices are
/// collected while the marks are still in the first-level cache. One chunk per part of a parallel run.
final class SpikeMarks {
    /// Neurons updated before their spikes are collected.
    static let chunk = 256
    private let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: WorkerPool.maximumThreads * SpikeMarks.chunk)

    deinit { storage.deallocate() }

    /// Runs `update(k)` (which returns 1 for a spike, else 0) for every neuron of `range`, and stores
    /// the spiking ones in `spikes` from `range.lowerBound` on, in index order; returns their number.
    /// `part` is the range's part of a parallel run (each part has its own marks).
    @inline(__always)
    func updateAndCollect(_ range: Range<Int>, part: Int, into spikes: UnsafeMutablePointer<Int>,
                          _ update: (Int) -> UInt8) -> Int {
        let marks = storage + part * SpikeMarks.chunk
        var count = range.lowerBound
        var start = range.lowerBound
        while start < range.upperBound {
            let end = Swift.min(start + SpikeMarks.chunk, range.upperBound)
            var anyMarked: UInt8 = 0
            // Counting from 0 keeps the index arithmetic free of overflow checks, which would stop
            // the loop from being vectorised.
            for j in 0..<(end - start) {
                let mark = update(start &+ j)
                marks[j] = mark
                anyMarked |= mark
            }
            if anyMarked != 0 {
                // Few neurons spike: skip eight unmarked neurons at a time.
                let n = end - start
                var j = 0
                while j < n {
                    if j + 8 <= n, UnsafeRawPointer(marks).loadUnaligned(fromByteOffset: j, as: UInt64.self) == 0 {
                        j += 8
                        continue
                    }
                    if marks[j] != 0 {
                        spikes[count] = start &+ j
                        count += 1
                    }
                    j += 1
                }
            }
            start = end
        }
        return count - range.lowerBound
    }
}
