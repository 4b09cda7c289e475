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

    public init(watcher: CatalogueWatcher, sources: [CatalogueSource], alongside: CatalogueWatcher.AlongsideFactory? = nil) {
        self.watcher = watcher
        self.sources = sources
        self.alongside = alongside
    }

    /// Checks every source once, concurrently; reports arrive as checks finish (with their diffs; the
    /// returned list drops them so that a large round does not hold every changed row).
    @discardableResult
    public func runOnce(_ report: @Sendable (WatchReport) -> Void = { _ in }) async -> [WatchReport] {
        await round(sources, report)
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
            await round(ready, report)
            let finished = Date()
            for source in ready { due[source.id] = finished.addingTimeInterval(source.interval) }
        }
    }

    private func round(_ batch: [CatalogueSource], _ report: @Sendable (WatchReport) -> Void) async -> [WatchReport] {
        let watcher = self.watcher
        let alongside = self.alongside
        return await withTaskGroup(of: WatchReport.self) { group in
            for source in batch {
                group.addTask { await watcher.check(source, alongside: alongside?(source)) }
            }
            var reports: [WatchReport] = []
            for await r in group {
                report(r)
                reports.append(r.withoutDiff)
            }
            return reports
        }
    }
}
