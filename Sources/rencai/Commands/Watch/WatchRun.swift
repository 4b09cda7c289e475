import ArgumentParser
import Catalogues
import Foundation
import Portals
import RencaiCore
import Watch

/// `rencai watch run`: fetch every configured source, once or on the sources' intervals until SIGTERM.
struct WatchRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fetch every configured source (once, or on their intervals until SIGTERM).",
        discussion: """
        Prints one line per source and check: SOURCE OUTCOME REVISION DETAIL, where OUTCOME is first_seen, \
        changed, unchanged, not_modified, blocked or error. With --json, one object per line: \
        {"source", "outcome", "revision", "detail"}. A block or an error never creates a revision and never \
        replaces the baseline. Without --once, runs until SIGTERM or Ctrl-C, finishing the fetches in flight. \
        Exit status with --once: 0 when every source was read, 75 when some were blocked or failed.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Check each source once and exit.")
    var once = false

    @Option(help: ArgumentHelp("Check only this source (its id in the config).", valueName: "id"))
    var source: String?

    func run() async throws {
        global.bootstrapLogging()
        let context = try CatalogueWatchContext(global)
        defer { context.close() }
        let sources = try source.map { [try context.source($0)] } ?? context.requireSources()
        let client = PortalClient(configuration: try PortalClientConfiguration.load(from: context.config))
        defer { client.shutdown() }
        let watcher = CatalogueWatcher(client: client, revisions: context.revisions,
                                       manualImportAfter: try context.manualImportAfter)
        let pipeline = try AlertsEnvironment.pipeline(store: context.store, config: context.config, global: global)
        let scheduler = WatchScheduler(watcher: watcher, sources: sources, alongside: pipeline.alongsideFactory())
        let json = global.json
        // A new revision's alerts were committed with it; they are delivered off the scheduler's threads
        // (a receiver that is down must not hold up the fetching), one pass at a time. What cannot be
        // delivered stays queued for the next pass and `rencai alerts deliver`.
        let deliveries = DispatchQueue(label: "rencai.watch.delivery")
        defer { deliveries.sync {} }
        let printer: @Sendable (WatchReport) -> Void = { report in
            Self.print(report, json: json)
            if report.outcome == .firstSeen || report.outcome == .changed {
                deliveries.async { Self.deliver(pipeline) }
            }
        }

        if once {
            let reports = await scheduler.runOnce(printer)
            deliveries.sync {}
            let failed = reports.filter(\.isFailure)
            if !failed.isEmpty {
                throw InputError("\(failed.count) of \(reports.count) source\(reports.count == 1 ? "" : "s") blocked or failed (\(failed.map(\.source).joined(separator: ", "))): their baselines are unchanged; see `rencai watch status`",
                                 status: .tempFailure)
            }
            return
        }
        let stop = StopSignal()
        stop.install(signals: [SIGTERM, SIGINT])
        defer { stop.uninstall() }
        if !global.quiet {
            Output.note("watching \(sources.count) source\(sources.count == 1 ? "" : "s"); SIGTERM or Ctrl-C stops after the fetches in flight")
        }
        await scheduler.run(until: stop, printer)
        if !global.quiet { Output.note("stopped\(stop.signal == SIGTERM ? " (SIGTERM)" : stop.signal == SIGINT ? " (SIGINT)" : "")") }
    }

    /// One delivery pass; what cannot be delivered now stays in the outbox with its retry time.
    static func deliver(_ pipeline: AlertPipeline) {
        do {
            let report = try pipeline.deliver()
            if report.pending > 0 {
                Output.note("alerts: \(report.pending) deliver\(report.pending == 1 ? "y" : "ies") pending; `rencai alerts deliver` retries them")
            }
        } catch {
            Output.note("alerts: delivery failed (\(error)); the alerts stay queued for `rencai alerts deliver`")
        }
    }

    static func print(_ report: WatchReport, json: Bool) {
        if json {
            try? Output.jsonLine(report)
        } else {
            let revision = report.revision.map { "r\($0)" } ?? "-"
            // Written straight to the file handle so that each line appears as the check ends.
            FileHandle.standardOutput.write(Data("\(report.source)  \(report.outcome.rawValue)  \(revision)  \(report.detail)\n".utf8))
        }
    }
}
