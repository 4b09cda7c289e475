import Foundation
import GRDB
import RencaiCore
import Store

/// The alert outbox in the store: alerts, their per-channel delivery state, and acknowledgements.
///
/// Alerts are written with ``record(_:routes:in:now:)`` inside the caller's transaction (the one that
/// records the revision), so an alert exists exactly when its cause does; the unique key
/// (revision, hire, change) makes re-runs no-ops.
///
/// ```swift
/// let ids = try store.write { db in try Outbox.record(drafts, routes: channels, in: db) }
/// try Outbox(store: store).ack(id: ids[0], by: "hr")
/// ```
public struct Outbox: Sendable {
    public let store: RencaiStore

    public init(store: RencaiStore) { self.store = store }

    /// Stores the drafts that are not stored yet and queues a delivery for every channel that accepts
    /// each one. Returns the ids of the alerts it created (re-recorded drafts are left as they are).
    @discardableResult
    public static func record(_ drafts: [AlertDraft], routes channels: [ChannelConfig], in db: Database,
                              now: Date = Date()) throws -> [Int64] {
        let created = now.ISO8601Format()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var ids: [Int64] = []
        for draft in drafts {
            let details = String(decoding: try encoder.encode(draft.details), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO alert (kind, severity, employee_id, source_id, revision, change_key, province, city,
                                   title, body, details, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (revision, employee_id, change_key) DO NOTHING
                """, arguments: [draft.kind.rawValue, draft.severity.rawValue, draft.employeeID, draft.sourceID,
                                 draft.revision, draft.changeKey, draft.province, draft.city, draft.title, draft.body,
                                 details, created])
            guard db.changesCount == 1 else { continue }
            let id = db.lastInsertedRowID
            ids.append(id)
            for channel in channels where channel.accepts(severity: draft.severity, province: draft.province) {
                try db.execute(sql: "INSERT OR IGNORE INTO alert_delivery (alert_id, channel, status, attempts, next_attempt_at) VALUES (?, ?, 'pending', 0, 0)",
                               arguments: [id, channel.id])
            }
        }
        return ids
    }

    /// Stores drafts in their own transaction (for scans that are not part of a revision).
    @discardableResult
    public func record(_ drafts: [AlertDraft], routes channels: [ChannelConfig], now: Date = Date()) throws -> [Int64] {
        try store.write { db in try Outbox.record(drafts, routes: channels, in: db, now: now) }
    }

    private static let selectAlerts = """
        SELECT alert.*, alert_ack.acked_at AS acked_at FROM alert LEFT JOIN alert_ack ON alert_ack.alert_id = alert.id
        """

    /// Queues every unacknowledged alert for each of `channels` that accepts it and has not had it yet
    /// (after a channel is added to the configuration). Returns the number of deliveries queued.
    @discardableResult
    public func route(unacknowledgedTo channels: [ChannelConfig]) throws -> Int {
        try store.write { db in
            let open = try Alert.fetchAll(db, sql: Self.selectAlerts + " WHERE alert_ack.alert_id IS NULL ORDER BY alert.id")
            var queued = 0
            for alert in open {
                for channel in channels where channel.accepts(severity: alert.severity, province: alert.province) {
                    try db.execute(sql: "INSERT OR IGNORE INTO alert_delivery (alert_id, channel, status, attempts, next_attempt_at) VALUES (?, ?, 'pending', 0, 0)",
                                   arguments: [alert.id, channel.id])
                    queued += db.changesCount
                }
            }
            return queued
        }
    }

    /// Alerts, newest first; only those nobody acknowledged when `unackedOnly`.
    public func list(unackedOnly: Bool = false) throws -> [Alert] {
        try store.read { db in
            try Alert.fetchAll(db, sql: Self.selectAlerts + (unackedOnly ? " WHERE alert_ack.alert_id IS NULL" : "") + " ORDER BY alert.id DESC")
        }
    }

    /// One alert, or nil.
    public func alert(id: Int64) throws -> Alert? {
        try store.read { db in try Alert.fetchOne(db, sql: Self.selectAlerts + " WHERE alert.id = ?", arguments: [id]) }
    }

    /// Alerts by id, in id order.
    public static func alerts(ids: [Int64], in db: Database) throws -> [Alert] {
        guard !ids.isEmpty else { return [] }
        let marks = ids.map { _ in "?" }.joined(separator: ",")
        return try Alert.fetchAll(db, sql: selectAlerts + " WHERE alert.id IN (\(marks)) ORDER BY alert.id",
                                  arguments: StatementArguments(ids))
    }

    /// Records that a person has seen the alert. Returns false when it was already acknowledged.
    @discardableResult
    public func ack(id: Int64, by person: String? = nil, note: String? = nil, now: Date = Date()) throws -> Bool {
        try store.write { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM alert WHERE id = ?", arguments: [id]) != nil else {
                throw InputError("no alert with id \(id): see `rencai alerts list`", status: .noInput)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO alert_ack (alert_id, acked_at, acked_by, note) VALUES (?, ?, ?, ?)",
                           arguments: [id, now.ISO8601Format(), person, note])
            return db.changesCount == 1
        }
    }

    /// The delivery state of one alert, per channel.
    public func deliveries(alertID: Int64) throws -> [DeliveryState] {
        try store.read { db in
            try DeliveryState.fetchAll(db, sql: "SELECT * FROM alert_delivery WHERE alert_id = ? ORDER BY channel", arguments: [alertID])
        }
    }

    /// Every delivery not yet acknowledged by its receiver.
    public func pendingDeliveries() throws -> [DeliveryState] {
        try store.read { db in
            try DeliveryState.fetchAll(db, sql: "SELECT * FROM alert_delivery WHERE status = 'pending' ORDER BY alert_id, channel")
        }
    }

    /// Pending deliveries whose next attempt is due at `now`.
    func dueDeliveries(now: Date) throws -> [DeliveryState] {
        try store.read { db in
            try DeliveryState.fetchAll(db, sql: "SELECT * FROM alert_delivery WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY alert_id, channel",
                                       arguments: [now.timeIntervalSince1970])
        }
    }

    /// Claims due deliveries for one send: pushes their next attempt `lease` seconds ahead, so that a
    /// second deliverer running at the same time (a scheduled `watch run` and a manual `alerts deliver`)
    /// does not send them too. Returns the ids actually claimed. A sender killed mid-send leaves the claim
    /// to expire, after which the delivery is due again: never lost.
    func claim(alertIDs: [Int64], channel: String, dueAt now: Date, lease: Double) throws -> [Int64] {
        let until = Date().timeIntervalSince1970 + lease
        return try store.write { db in
            var claimed: [Int64] = []
            for id in alertIDs {
                try db.execute(sql: "UPDATE alert_delivery SET next_attempt_at = ? WHERE alert_id = ? AND channel = ? AND status = 'pending' AND next_attempt_at <= ?",
                               arguments: [until, id, channel, now.timeIntervalSince1970])
                if db.changesCount == 1 { claimed.append(id) }
            }
            return claimed
        }
    }

    func markDelivered(alertIDs: [Int64], channel: String, now: Date) throws {
        let stamp = now.ISO8601Format()
        try store.write { db in
            for id in alertIDs {
                try db.execute(sql: "UPDATE alert_delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE alert_id = ? AND channel = ?",
                               arguments: [stamp, id, channel])
            }
        }
    }

    func markFailed(alertIDs: [Int64], channel: String, error: String, policy: DeliveryPolicy, now: Date) throws {
        try store.write { db in
            for id in alertIDs {
                let attempts = (try Int.fetchOne(db, sql: "SELECT attempts FROM alert_delivery WHERE alert_id = ? AND channel = ?", arguments: [id, channel]) ?? 0) + 1
                let next = now.timeIntervalSince1970 + policy.delay(afterAttempts: attempts)
                try db.execute(sql: "UPDATE alert_delivery SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE alert_id = ? AND channel = ?",
                               arguments: [attempts, next, error, id, channel])
            }
        }
    }
}

/// Where one alert stands on one channel.
public struct DeliveryState: Sendable, Hashable, Codable, FetchableRecord {
    public var alertID: Int64
    public var channel: String
    /// `pending` until the receiver acknowledged, then `delivered`.
    public var status: String
    public var attempts: Int
    /// Seconds since 1970 of the next attempt.
    public var nextAttemptAt: Double
    /// The last failure, with secrets already removed.
    public var lastError: String?
    public var deliveredAt: String?

    enum CodingKeys: String, CodingKey {
        case alertID = "alert_id", channel, status, attempts, nextAttemptAt = "next_attempt_at"
        case lastError = "last_error", deliveredAt = "delivered_at"
    }

    public init(row: Row) throws {
        alertID = row["alert_id"]
        channel = row["channel"]
        status = row["status"]
        attempts = row["attempts"]
        nextAttemptAt = row["next_attempt_at"]
        lastError = row["last_error"]
        deliveredAt = row["delivered_at"]
    }

    public var isDelivered: Bool { status == "delivered" }
}
