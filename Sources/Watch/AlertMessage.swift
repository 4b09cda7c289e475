import Foundation

/// The text of one outgoing message: one alert, or a digest of several from the same revision.
///
/// ```swift
/// let message = AlertMessage(alerts: alerts)   // 40 alerts → one digest message
/// print(message.subject)
/// ```
public struct AlertMessage: Sendable {
    public let alerts: [Alert]

    public init(alerts: [Alert]) { self.alerts = alerts }

    public var isDigest: Bool { alerts.count > 1 }

    public var subject: String {
        guard let first = alerts.first else { return "rencai: no alerts" }
        if !isDigest { return "[\(first.severity.rawValue)] \(first.title)" }
        let worst = alerts.map(\.severity).max() ?? .info
        let hires = Set(alerts.map(\.employeeID)).count
        return "[\(worst.rawValue)] rencai: \(alerts.count) alerts about \(hires) hire\(hires == 1 ? "" : "s") from \(first.sourceID) (revision \(first.revision))"
    }

    /// Plain text, limited to `maxBytes` of UTF-8 (robots reject longer messages); what is cut is counted.
    public func text(maxBytes: Int = 60_000) -> String {
        var blocks: [String] = []
        for alert in alerts {
            blocks.append("#\(alert.id) [\(alert.severity.rawValue)] \(alert.title)\n\(alert.body)\n(source \(alert.sourceID), revision \(alert.revision); acknowledge with `rencai alerts ack \(alert.id)`)")
        }
        var out = isDigest ? subject + "\n\n" : ""
        for (i, block) in blocks.enumerated() {
            let candidate = out + block + "\n\n"
            if candidate.utf8.count > maxBytes - 80 {
                out += "… and \(blocks.count - i) more: see `rencai alerts list --unacked`"
                return out
            }
            out = candidate
        }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The alerts as JSON records (for the generic webhook and JSON lines).
    public var records: [AlertRecord] { alerts.map(AlertRecord.init) }

    /// An RFC 5322 message with a UTF-8 subject (RFC 2047) and a base64 body, CRLF line ends.
    func mail(from: String, to: [String], now: Date = Date()) -> Data {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let body = Data(text().utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let ids = alerts.map { String($0.id) }.joined(separator: ",")
        let host = from.split(separator: "@").last.map(String.init) ?? "rencai.local"
        let lines = [
            "Date: \(formatter.string(from: now))",
            "From: <\(from)>",
            "To: \(to.map { "<\($0)>" }.joined(separator: ", "))",
            "Message-ID: <rencai-\(ids.replacingOccurrences(of: ",", with: "."))-\(UUID().uuidString)@\(host)>",
            "Subject: \(encodedSubject)",
            "X-Rencai-Alert-IDs: \(ids)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
            "",
        ]
        return Data(lines.joined(separator: "\r\n").utf8)
    }
}

/// An alert as JSON, in a reading order: id, severity and title first.
///
/// ```json
/// {"id":3,"severity":"warning","kind":"changed","title":"…","employee_id":"E001","province":"Shanghai", …}
/// ```
public struct AlertRecord: Codable, Sendable, Hashable {
    public let id: Int64
    public let severity: String
    public let kind: String
    public let title: String
    public let employee_id: String
    public let province: String?
    public let city: String?
    public let source: String
    public let revision: String
    public let change: String
    public let body: String
    public let details: [String: String]
    public let created_at: String

    public init(_ alert: Alert) {
        id = alert.id
        severity = alert.severity.rawValue
        kind = alert.kind.rawValue
        title = alert.title
        employee_id = alert.employeeID
        province = alert.province
        city = alert.city
        source = alert.sourceID
        revision = alert.revision
        change = alert.changeKey
        body = alert.body
        details = alert.details
        created_at = alert.createdAt
    }

    /// Compact JSON with the keys in declaration order (Foundation's encoder hashes or sorts them), so
    /// that a reader of the stream sees id, severity and title first.
    public func jsonLine() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func value<T: Encodable>(_ v: T) throws -> String { String(decoding: try encoder.encode(v), as: UTF8.self) }
        var fields: [(String, String)] = [
            ("id", String(id)), ("severity", try value(severity)), ("kind", try value(kind)), ("title", try value(title)),
            ("employee_id", try value(employee_id)),
        ]
        if let province { fields.append(("province", try value(province))) }
        if let city { fields.append(("city", try value(city))) }
        fields += [("source", try value(source)), ("revision", try value(revision)), ("change", try value(change)),
                   ("body", try value(body)), ("details", try value(details)), ("created_at", try value(created_at))]
        return Data(("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}").utf8)
    }
}
