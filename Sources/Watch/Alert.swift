import Foundation
import GRDB

/// An alert before it is stored: what the impact analysis or the expiry scan concluded about one hire.
///
/// `(revision, employeeID, changeKey)` identifies it: storing the same draft twice is a no-op.
public struct AlertDraft: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The hire's occupation (or a group containing it) left the catalogue.
        case removed
        /// A requirement or threshold of the hire's row changed.
        case changed
        /// The hire's occupation (or a group containing it) is newly listed.
        case added
        /// The hire's work permit expires soon.
        case permitExpiry = "permit_expiry"
    }

    public var kind: Kind
    public var severity: Severity
    public var employeeID: String
    public var sourceID: String
    public var revision: String
    public var changeKey: String
    public var province: String?
    public var city: String?
    public var title: String
    public var body: String
    /// Machine-readable particulars (row key, old/new values, expiry date …), as JSON text.
    public var details: [String: String]

    public init(kind: Kind, severity: Severity, employeeID: String, sourceID: String, revision: String,
                changeKey: String, province: String?, city: String?, title: String, body: String,
                details: [String: String] = [:]) {
        self.kind = kind
        self.severity = severity
        self.employeeID = employeeID
        self.sourceID = sourceID
        self.revision = revision
        self.changeKey = changeKey
        self.province = province
        self.city = city
        self.title = title
        self.body = body
        self.details = details
    }
}

/// A stored alert: the draft it was stored from, its outbox id and its timestamps.
///
/// The draft's fields read through the alert (`alert.title`, `alert.employeeID`).
///
/// ```swift
/// let alerts = try Outbox(store: store).list(unackedOnly: true)
/// print(alerts.first?.title ?? "no alerts")
/// ```
@dynamicMemberLookup
public struct Alert: Sendable, Hashable, FetchableRecord {
    public var id: Int64
    /// What the alert says.
    public var content: AlertDraft
    public var createdAt: String
    /// When a user acknowledged it (`rencai alerts ack`), nil while open.
    public var ackedAt: String?

    public subscript<T>(dynamicMember field: KeyPath<AlertDraft, T>) -> T { content[keyPath: field] }

    public init(row: Row) throws {
        id = row["id"]
        let kindText: String = row["kind"]
        let severityText: String = row["severity"]
        let detailsText: String = row["details"] ?? "{}"
        content = AlertDraft(
            kind: AlertDraft.Kind(rawValue: kindText) ?? .changed,
            severity: Severity(rawValue: severityText) ?? .warning,
            employeeID: row["employee_id"], sourceID: row["source_id"], revision: row["revision"],
            changeKey: row["change_key"], province: row["province"], city: row["city"],
            title: row["title"], body: row["body"],
            details: (try? JSONDecoder().decode([String: String].self, from: Data(detailsText.utf8))) ?? [:])
        createdAt = row["created_at"]
        ackedAt = row["acked_at"]
    }
}
