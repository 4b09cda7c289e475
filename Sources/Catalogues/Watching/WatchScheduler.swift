import Foundation

/// Runs checks on each source's interval until stopped. A source is due when its interval has passed
/// since its last attempt (at once when it was never attempted). Due sources are checked concurrently;
/// the ``PortalClient`` keeps one request at a time per host. A stop request is honoured between rounds,
/// so the fetches in flight finish and are recorded.
///
/// ```swift
/// let scheduler = WatchScheduler(watcher: watcher, sources: sources)
/// await scheduler.run(until: stop) { report in print(report.source, report.outcome.rawValue) }
/// ```
public struct WatchScheduler: Sendable {
    public let watcher: CatalogueWatcher
    public let sources: [CatalogueSource]
    /// Per-source work to run in the transaction of each new revision (see ``RevisionStore/Alongside``).
    public let alongside: CatalogueWatcher.AlongsideFactory?

    /// Checks in flight at once (on different hosts: the client fetches one page at a time per host
    /// anyway, so one check per host keeps a stop request from waiting behind a host's politeness delays).
    public let window: Int

    public init(watcher: CatalogueWatcher, sources: [CatalogueSource], alongside: CatalogueWatcher.AlongsideFactory? = nil,
                window: Int = 256) {
        self.watcher = watcher
        self.sources = sources
        self.alongside = alongside
        self.window = max(1, window)
    }

    /// Checks every source once, concurrently; reports arrive as checks finish (with their diffs; the
    /// returned list drops them so that a large round does not hold every changed row).
    @discardableResult
    public func runOnce(_ report: @Sendable (WatchReport) -> Void = { _ in }) async -> [WatchReport] {
        await round(sources, stop: nil, report)
    }

    /// Checks sources as they fall due until `stop` is set; returns when the round in flight is done.
    public func run(until stop: StopSignal, _ report: @Sendable (WatchReport) -> Void) async {
        var due: [String: Date] = [:]
        for source in sources {
            let last = (try? watcher.revisions.state(of: source.id))??.lastAttemptAt
            due[source.id] = last.map { $0.addingTimeInterval(source.interval) } ?? .distantPast
        }
        while !stop.isStopped {
            let now = Date()
            let ready = sources.filter { (due[$0.id] ?? .distantPast) <= now }
            if ready.isEmpty {
                await stop.sleep(until: due.values.min() ?? now.addingTimeInterval(60))
                continue
            }
            _ = await round(ready, stop: stop, report)
            let finished = Date()
            for source in ready { due[source.id] = finished.addingTimeInterval(source.interval) }
        }
    }

    /// Checks a batch with at most ``window`` checks in flight and one per host. Once `stop` is set, no new
    /// check starts; the ones in flight finish and are recorded.
    private func round(_ batch: [CatalogueSource], stop: StopSignal?, _ report: @Sendable (WatchReport) -> Void) async -> [WatchReport] {
        let watcher = self.watcher
        let alongside = self.alongside
        var pending = Self.interleavedByHost(batch)
        var busyHosts: [String: Int] = [:]   // host → checks in flight
        var inFlight = 0
        return await withTaskGroup(of: (WatchReport, String).self) { group in
            func startWhatCan() {
                var i = 0
                while inFlight < window, i < pending.count, stop?.isStopped != true {
                    let source = pending[i]
                    let host = Self.host(source)
                    if busyHosts[host, default: 0] > 0 { i += 1; continue }
                    pending.remove(at: i)
                    busyHosts[host, default: 0] += 1
                    inFlight += 1
                    group.addTask { (await watcher.check(source, alongside: alongside?(source)), host) }
                }
            }
            startWhatCan()
            var reports: [WatchReport] = []
            while let (r, host) = await group.next() {
                inFlight -= 1
                busyHosts[host, default: 1] -= 1
                report(r)
                reports.append(r.withoutDiff)
                startWhatCan()
            }
            return reports
        }
    }

    static func host(_ source: CatalogueSource) -> String {
        (source.url.host?.lowercased() ?? "") + ":" + String(source.url.port ?? 0)
    }

    /// One source per host in turn: a, b, c, a, b, a …
    static func interleavedByHost(_ sources: [CatalogueSource]) -> [CatalogueSource] {
        var queues: [String: [CatalogueSource]] = [:]
        var hosts: [String] = []
        for s in sources {
            let host = host(s)
            if queues[host] == nil { hosts.append(host) }
            queues[host, default: []].append(s)
        }
        var out: [CatalogueSource] = []
        var depth = 0
        while out.count < sources.count {
            for host in hosts {
                if let queue = queues[host], depth < queue.count { out.append(queue[depth]) }
            }
            depth += 1
        }
        return out
    }
}
