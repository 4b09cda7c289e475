import Foundation

/// Replaces secrets (signing keys, passwords, tokens in robot URLs) with `***` in any text that may reach
/// a log, an error message or the store.
///
/// ```swift
/// Redactor(secrets: ["SEC123"]).redact("sign failed for SEC123")   // "sign failed for ***"
/// ```
public struct Redactor: Sendable {
    public let secrets: [String]

    /// `secrets` are hidden whatever their length; `urlParts` (query values, path tokens of a robot URL)
    /// only from 4 characters, since a short one (`?v=1`) is no credential and would blank out ordinary text.
    public init(secrets: [String], urlParts: [String] = []) {
        // Longest first, so that a secret containing another is hidden whole.
        self.secrets = Array(Set(secrets.filter { !$0.isEmpty } + urlParts.filter { $0.count >= 4 })).sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var out = text
        for secret in secrets {
            out = out.replacingOccurrences(of: secret, with: "***")
            let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret
            if encoded != secret { out = out.replacingOccurrences(of: encoded, with: "***") }
        }
        return out
    }

    public func merged(with other: Redactor) -> Redactor { Redactor(secrets: secrets + other.secrets) }

    /// The parts of a URL that may be credentials: user info, query values, and path segments that
    /// look like tokens (Slack's `/services/T…/B…/XXXX`, Feishu's `/hook/<uuid>`).
    static func sensitiveParts(ofURL url: String) -> [String] {
        guard let c = URLComponents(string: url) else { return [url] }
        var parts: [String] = [url]
        if let user = c.user { parts.append(user) }
        if let password = c.password { parts.append(password) }
        for item in c.queryItems ?? [] { if let v = item.value { parts.append(v) } }
        if let query = c.percentEncodedQuery { parts.append(query) }
        for segment in c.path.split(separator: "/") where segment.count >= 16 { parts.append(String(segment)) }
        return parts
    }
}
