import Dispatch
import Foundation

/// A flag that asks the scheduler to stop after the checks in flight, set by SIGTERM/SIGINT (see
/// ``install(signals:)``) or by a caller.
///
/// ```swift
/// let stop = StopSignal()
/// stop.install(signals: [SIGTERM, SIGINT])
/// await WatchScheduler(watcher: watcher, sources: sources).run(until: stop) { print($0.detail) }
/// ```
public final class StopSignal: @unchecked Sendable {
    // A lock rather than an actor: the signal handler and polling loops read it synchronously.
    private let lock = NSLock()
    private var stopped = false
    private var received: Int32?
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    /// Asks for a stop.
    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    public var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// The signal that stopped the run, if one did.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Turns the given signals into a stop request instead of the default termination, so that a fetch in
    /// flight is finished and recorded. Call ``uninstall()`` to restore the defaults.
    public func install(signals: [Int32]) {
        for number in signals {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                self.stopped = true
                self.received = number
                self.lock.unlock()
            }
            source.resume()
            lock.lock()
            sources.append(source)
            lock.unlock()
        }
    }

    /// Removes the handlers installed by ``install(signals:)`` and restores the default actions.
    public func uninstall() {
        lock.lock()
        let installed = sources
        sources = []
        lock.unlock()
        for source in installed {
            source.cancel()
            Foundation.signal(Int32(source.handle), SIG_DFL)
        }
    }

    /// Sleeps until `date` or until a stop is asked for, whichever comes first.
    public func sleep(until date: Date) async {
        while !isStopped, Date() < date {
            let left = date.timeIntervalSinceNow
            try? await Task.sleep(nanoseconds: UInt64(max(0.01, min(left, 0.2)) * 1e9))
        }
    }
}
