import ArgumentParser
import Foundation
import RencaiCore
import Watch

/// `rencai alerts deliver [--wait SECONDS]`
struct AlertsDeliver: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Send pending alerts to their channels; failed sends are retried with backoff until the receiver acknowledges.",
        discussion: """
            Channels come from the `alerts:` section of the configuration (see Templates/config/channels.example.yaml). \
            An alert counts as delivered only when its receiver acknowledged it; a failed send is kept and retried \
            with exponential backoff on the next run. Exit codes: 0 nothing pending, 75 some deliveries still \
            pending (run again later), 78 configuration error.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Keep retrying (with backoff) for up to this many seconds until nothing is pending.", valueName: "seconds"))
    var wait: Double?

    @Flag(help: "Ignore the backoff (and other senders' claims): try every pending delivery now.")
    var now = false

    func run() async throws {
        let env = try AlertsEnvironment(global: global)
        defer { try? env.store.close() }
        if env.pipeline.alerts.channels.isEmpty {
            Output.note("no alert channels are configured: add an `alerts: channels:` section to rencai.yaml (see Templates/config/channels.example.yaml)")
        }
        let deliverer = try env.pipeline.deliverer()
        var report = deliverer.deliverDue(now: now ? Date.distantFuture : Date())
        if let wait, report.pending > 0 {
            let more = deliverer.deliverUntilDone(deadline: Date().addingTimeInterval(wait))
            report.delivered += more.delivered
            report.messages += more.messages
            report.failures += more.failures
            report.pending = more.pending
            report.nextAttemptAt = more.nextAttemptAt
        }
        let next = report.nextAttemptAt.map { Date(timeIntervalSince1970: $0).ISO8601Format() }
        if global.json {
            struct Summary: Encodable { let delivered: Int; let messages: Int; let pending: Int; let failures: [String]; let unknown_channels: [String]; let next_attempt_at: String? }
            try Output.jsonLine(Summary(delivered: report.delivered, messages: report.messages, pending: report.pending,
                                        failures: report.failures, unknown_channels: report.unknownChannels, next_attempt_at: next))
        } else {
            Output.note("delivered \(report.delivered) alert deliver\(report.delivered == 1 ? "y" : "ies") in \(report.messages) message\(report.messages == 1 ? "" : "s"); \(report.pending) pending\(next.map { " (next attempt \($0))" } ?? "")")
            for failure in report.failures { Output.note("  failed: \(failure)") }
            for channel in report.unknownChannels { Output.note("  channel \(channel) has queued alerts but is not in the configuration") }
        }
        if report.pending > 0 { throw PendingAlerts(count: report.pending) }
    }
}

/// Some alerts are still waiting for their receiver: exit 75 (try again later).
struct PendingAlerts: UserFacingError {
    let count: Int
    var message: String { "\(count) alert deliver\(count == 1 ? "y is" : "ies are") still pending: run `rencai alerts deliver` again later (they are kept)" }
    var exitStatus: ExitStatus { .tempFailure }
}
