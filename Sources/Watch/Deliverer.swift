import Foundation
import GRDB
import Logging
import Store

/// Delivers the outbox: every pending (alert, channel) pair whose next attempt is due is sent; it is
/// marked delivered only after the receiver acknowledged, so a crash or a kill between sending and
/// recording means the alert is sent again (at least once), never lost. Failures are retried with
/// exponential backoff and jitter.
///
/// With `digest: true`, a channel gets one message per (source, revision) instead of one per alert.
/// Each send first claims its deliveries for the send's timeout, so two deliverers running at once do
/// not both send the same alert (a killed sender's claim simply expires).
///
/// ```swift
/// let deliverer = Deliverer(store: store, channels: try config.channels.map { try $0.resolved() })
/// let report = deliverer.deliverDue()
/// print(report.delivered, report.pending)
/// ```
public struct Deliverer: Sendable {
    public let store: RencaiStore
    public let channels: [ResolvedChannel]
    public let policy: DeliveryPolicy
    public let logger: Logger

    public init(store: RencaiStore, channels: [ResolvedChannel], policy: DeliveryPolicy = DeliveryPolicy(),
                logger: Logger = Logger(label: "rencai.alerts")) {
        self.store = store
        self.channels = channels
        self.policy = policy
        self.logger = logger
    }

    /// What one pass did.
    public struct Report: Sendable, Codable {
        /// (alert, channel) pairs acknowledged by their receiver in this pass.
        public var delivered = 0
        /// Messages acknowledged (a digest counts once).
        public var messages = 0
        /// Send attempts made, acknowledged or not.
        public var sends = 0
        /// Failed sends, one line each (secrets removed).
        public var failures: [String] = []
        /// Pairs still pending after the pass.
        public var pending = 0
        /// Channels named in the outbox but absent from the configuration.
        public var unknownChannels: [String] = []
        /// The earliest next attempt among pending pairs, seconds since 1970.
        public var nextAttemptAt: Double?
    }

    /// One pass over the deliveries due at `now`. Channels are served side by side, so that a slow or
    /// unreachable receiver does not hold up the others.
    public func deliverDue(now: Date = Date()) -> Report {
        var report = Report()
        let outbox = Outbox(store: store)
        let due: [DeliveryState]
        do { due = try outbox.dueDeliveries(now: now) } catch {
            report.failures.append("cannot read the outbox: \(error)")
            return report
        }
        let byChannel = Dictionary(grouping: due, by: \.channel)
        let channelIDs = byChannel.keys.sorted()
        let results = ChannelReports(count: channelIDs.count)
        // One thread per channel (there are few): a receiver stuck until its timeout blocks only its own.
        let group = DispatchGroup()
        for (index, channelID) in channelIDs.enumerated() {
            group.enter()
            let states = byChannel[channelID] ?? []
            Thread {
                results.set(index, deliver(states, to: channelID, dueAt: now, outbox: outbox))
                group.leave()
            }.start()
        }
        group.wait()
        for part in results.all {
            report.delivered += part.delivered
            report.messages += part.messages
            report.sends += part.sends
            report.failures += part.failures
            report.unknownChannels += part.unknownChannels
        }
        if let pending = try? outbox.pendingDeliveries() {
            report.pending = pending.count
            report.nextAttemptAt = pending.map(\.nextAttemptAt).min()
        }
        return report
    }

    /// One channel's share of a pass: its batches in order, each claimed, sent, then recorded.
    private func deliver(_ states: [DeliveryState], to channelID: String, dueAt now: Date, outbox: Outbox) -> Report {
        var report = Report()
        guard let channel = channels.first(where: { $0.id == channelID }) else {
            report.unknownChannels.append(channelID)
            logger.warning("alerts queued for channel \(channelID), which is not in the configuration: add it back or they stay pending")
            return report
        }
        let ids = states.map(\.alertID)
        let alerts: [Alert]
        do { alerts = try store.read { db in try Outbox.alerts(ids: ids, in: db) } } catch {
            report.failures.append("cannot read alerts for \(channelID): \(error)")
            return report
        }
        let notifier = Notifier(channel: channel, timeout: policy.timeoutSeconds)
        let session = try? CurlSession()
        defer { session?.close() }
        var unreachable: String? = nil
        for candidates in batches(alerts, digest: channel.config.digest ?? false) {
            if let reason = unreachable {
                // One unreachable receiver costs one timeout per pass, not one per queued alert.
                let skipped = candidates.map(\.id)
                report.failures.append("channel \(channelID): alerts \(skipped.map(String.init).joined(separator: ",")): not attempted, the receiver was unreachable in this pass")
                try? outbox.markFailed(alertIDs: skipped, channel: channelID, error: reason, policy: policy, now: Date())
                continue
            }
            // A send cannot outlast its timeout, so the claim only needs to cover that.
            let claimed: [Int64]
            do { claimed = try outbox.claim(alertIDs: candidates.map(\.id), channel: channelID, dueAt: now, lease: policy.timeoutSeconds + 2) } catch {
                report.failures.append("cannot claim alerts for \(channelID): \(error)")
                continue
            }
            let batch = candidates.filter { claimed.contains($0.id) }
            guard !batch.isEmpty else { continue }
            let batchIDs = batch.map(\.id)
            logger.debug("sending \(batch.count) alert(s) \(batchIDs) to channel \(channelID) (\(channel.config.kind.rawValue), \(channel.displayURL))")
            report.sends += 1
            do {
                try notifier.send(AlertMessage(alerts: batch), session: session)
                try outbox.markDelivered(alertIDs: batchIDs, channel: channelID, now: Date())
                report.delivered += batch.count
                report.messages += 1
            } catch {
                let failure = error as? DeliveryFailure
                let text = channel.redactor.redact(failure?.message ?? "\(error)")
                report.failures.append("channel \(channelID): alerts \(batchIDs.map(String.init).joined(separator: ",")): \(text)")
                logger.warning("channel \(channelID): delivery of alerts \(batchIDs) failed, will retry: \(text)")
                try? outbox.markFailed(alertIDs: batchIDs, channel: channelID, error: text, policy: policy, now: Date())
                if failure?.unreachable == true { unreachable = text }
            }
        }
        return report
    }

    /// Passes until nothing is pending or `deadline` passes, sleeping until the next attempt is due.
    public func deliverUntilDone(deadline: Date) -> Report {
        var total = Report()
        while true {
            let pass = deliverDue()
            total.delivered += pass.delivered
            total.messages += pass.messages
            total.sends += pass.sends
            total.failures += pass.failures
            total.pending = pass.pending
            total.unknownChannels = pass.unknownChannels
            total.nextAttemptAt = pass.nextAttemptAt
            // Deliveries for unknown channels never become deliverable in this run.
            let stuck = pass.unknownChannels.isEmpty ? 0 : ((try? Outbox(store: store).pendingDeliveries())?
                .filter { pass.unknownChannels.contains($0.channel) }.count ?? 0)
            guard pass.pending > stuck, let next = pass.nextAttemptAt else { return total }
            let wait = max(0.01, next - Date().timeIntervalSince1970)
            guard Date().addingTimeInterval(wait) < deadline else { return total }
            Thread.sleep(forTimeInterval: wait)
        }
    }

    /// One alert per message, or one message per (source, revision) for a digest channel.
    func batches(_ alerts: [Alert], digest: Bool) -> [[Alert]] {
        guard digest else { return alerts.map { [$0] } }
        var order: [String] = []
        var groups: [String: [Alert]] = [:]
        for alert in alerts {
            let key = "\(alert.sourceID)\u{1F}\(alert.revision)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(alert)
        }
        return order.map { groups[$0]! }
    }
}

/// The per-channel reports of one pass, filled from concurrent workers.
private final class ChannelReports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [Deliverer.Report]

    init(count: Int) { reports = Array(repeating: Deliverer.Report(), count: count) }

    func set(_ index: Int, _ report: Deliverer.Report) { lock.withLock { reports[index] = report } }

    var all: [Deliverer.Report] { lock.withLock { reports } }
}
