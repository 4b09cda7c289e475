import Dispatch
import Foundation

/// Runs independent jobs on all cores: each worker takes the next job from a shared counter,
/// so big and small files balance themselves. Results keep the order of the jobs.
enum ParallelWork {
    static var workerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

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
