import Dispatch
import Foundation

/// Runs independent jobs on all cores: each worker takes the next job from a shared counter,
/// so big and small files balance themselves. Results keep the order of the jobs.
enum ParallelWork {
    static var workerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Whether a file's digests should run on two threads (``SplitDigest``): when there are fewer files
    /// than workers, or when the file holds more than half a worker's share of all the bytes. Such a
    /// file, hashed on one thread, would keep that thread busy long after the other workers ran out of
    /// files (`bench-bagit --only build,verify --files 2`, one 960 MiB and one 64 MiB file on 2 cores: build
    /// 2.01 s on one thread, 1.43 s split).
    static func splitsDigests(fileSize: Int64, totalBytes: Int64, files: Int, workers: Int) -> Bool {
        guard workers > 1 else { return false }
        return files < workers || fileSize > totalBytes / Int64(2 * workers)
    }

    static func map<Job: Sendable, Result: Sendable>(_ jobs: [Job], workers: Int = workerCount,
                                                     _ body: @Sendable (Job) throws -> Result) throws -> [Result] {
        let state = SharedState<Result>(count: jobs.count)
        let workers = max(1, min(workers, jobs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = state.next() {
                do { state.store(try body(jobs[index]), at: index) }
                catch { state.fail(error) }
            }
        }
        if let error = state.firstError { throw error }
        return state.results.map { $0! }
    }

    /// The counter, the result slots and the first error, behind one lock.
    private final class SharedState<Result>: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private let count: Int
        private(set) var results: [Result?]
        private(set) var firstError: Error?

        init(count: Int) {
            self.count = count
            results = Array(repeating: nil, count: count)
        }

        func next() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard firstError == nil, nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }

        func store(_ result: Result, at index: Int) {
            lock.lock(); results[index] = result; lock.unlock()
        }

        func fail(_ error: Error) {
            lock.lock(); if firstError == nil { firstError = error }; lock.unlock()
        }
    }
}
