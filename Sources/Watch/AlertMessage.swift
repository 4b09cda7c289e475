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

    /// The alerts as JSON objects (for the generic webhook and JSON lines).
    public var jsonObjects: [[String: Any]] {
        alerts.map { alert in
            var object: [String: Any] = [
                "id": alert.id, "kind": alert.kind.rawValue, "severity": alert.severity.rawValue,
                "employee_id": alert.employeeID, "source": alert.sourceID, "revision": alert.revision,
                "change": alert.changeKey, "title": alert.title, "body": alert.body, "details": alert.details,
                "created_at": alert.createdAt,
            ]
            if let province = alert.province { object["province"] = province }
            if let city = alert.city { object["city"] = city }
            return object
        }
    }

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
