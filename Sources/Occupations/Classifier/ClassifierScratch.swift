extension OccupationClassifier {
    /// Reusable buffers for one thread, so that batch classification does not allocate per call. Raw
    /// memory because the accumulation loop is the hot path (no exclusivity checks, no copy-on-write).
    public final class Scratch {
        let capacity: Int
        let scores: UnsafeMutablePointer<Float>
        let touched: UnsafeMutablePointer<Int32>
        /// Candidate slot of an entry during re-ranking, -1 otherwise.
        let slot: UnsafeMutablePointer<Int32>
        /// Per-candidate sums during re-ranking (at most 64 candidates).
        let rerankBuffer: UnsafeMutablePointer<Float>
        var touchedCount = 0
        var matched: [Int32: [Why]] = [:]

        public init(entryCount: Int) {
            capacity = max(entryCount, 1)
            scores = .allocate(capacity: capacity)
            scores.initialize(repeating: 0, count: capacity)
            touched = .allocate(capacity: capacity)
            slot = .allocate(capacity: capacity)
            slot.initialize(repeating: -1, count: capacity)
            rerankBuffer = .allocate(capacity: 64)
            rerankBuffer.initialize(repeating: 0, count: 64)
        }

        deinit {
            scores.deallocate()
            touched.deallocate()
            slot.deallocate()
            rerankBuffer.deallocate()
        }

        @inline(__always) func add(_ e: Int32, _ w: Float) {
            let i = Int(e)
            if scores[i] == 0 { touched[touchedCount] = e; touchedCount += 1 }
            scores[i] += w
            // A score that cancels to exactly zero would be touched twice; nudge it.
            if scores[i] == 0 { scores[i] = .leastNonzeroMagnitude }
        }

        func reset() {
            for k in 0..<touchedCount { scores[Int(touched[k])] = 0 }
            touchedCount = 0
            if !matched.isEmpty { matched.removeAll(keepingCapacity: true) }
        }
    }

}
