import GRDB

extension StoreMigration {
    /// The alert outbox: alerts about hires (written in the same transaction as the revision or scan that
    /// caused them), one delivery row per alert and channel (at-least-once delivery state), and the
    /// acknowledgements users record with `rencai alerts ack`.
    static let alerts_v1 = StoreMigration(identifier: "050_alerts") { db in
        try db.create(table: "alert") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("kind", .text).notNull()
            t.column("severity", .text).notNull()
            t.column("employee_id", .text).notNull().indexed()
            t.column("source_id", .text).notNull()
            t.column("revision", .text).notNull()
            // What changed, e.g. `removed:2-02-10` or `permit-expiry:2027-03-01:filing-open`.
            t.column("change_key", .text).notNull()
            t.column("province", .text)
            t.column("city", .text)
            t.column("title", .text).notNull()
            t.column("body", .text).notNull()
            t.column("details", .text).notNull().defaults(to: "{}")
            t.column("created_at", .text).notNull()
            // The same (revision, hire, change) never produces two alerts, however often it is re-run.
            t.uniqueKey(["revision", "employee_id", "change_key"])
        }
        try db.create(table: "alert_delivery") { t in
            t.column("alert_id", .integer).notNull().references("alert", onDelete: .cascade)
            t.column("channel", .text).notNull()
            t.column("status", .text).notNull().defaults(to: "pending")
            t.column("attempts", .integer).notNull().defaults(to: 0)
            // Seconds since 1970; a pending delivery is due when this is in the past.
            t.column("next_attempt_at", .double).notNull().defaults(to: 0)
            t.column("last_error", .text)
            t.column("delivered_at", .text)
            t.primaryKey(["alert_id", "channel"])
        }
        try db.create(index: "alert_delivery_due", on: "alert_delivery", columns: ["status", "next_attempt_at"])
        try db.create(table: "alert_ack") { t in
            t.primaryKey("alert_id", .integer).references("alert", onDelete: .cascade)
            t.column("acked_at", .text).notNull()
            t.column("acked_by", .text)
            t.column("note", .text)
        }
    }
}
