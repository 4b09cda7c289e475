import Foundation
import RencaiCore

/// The `alerts:` section of `rencai.yaml`: where alerts go, and how delivery retries.
///
/// ```yaml
/// alerts:
///   expiry_window_days: 150
///   channels:
///     - id: hr-mail
///       kind: smtp                     # smtp | webhook | wecom | dingtalk | feishu | slack | jsonl
///       url: smtp://mail.example.com:587
///       from: rencai@example.com
///       to: [hr@example.com]
///       password_env: RENCAI_SMTP_PASSWORD
///       provinces: [Shanghai]
///       min_severity: warning
///       digest: true
/// ```
/// Secrets are best given as `*_env` (the name of an environment variable); they are never logged.
public struct AlertsConfig: Sendable, Decodable {
    public var expiryWindowDays: Int?
    public var delivery: DeliveryPolicy
    public var channels: [ChannelConfig]
    /// Routes each watched source's list underpins, by source id (`sh-urgent-need: [urgent_need]`): a change
    /// to such a list can move the category or route of a hire on that route, and the alert says so.
    public var sourceRoutes: [String: [String]]
    /// A replacement for the bundled `rules/alert-rules.yaml` (e.g. when the authority publishes a new text).
    public var rulesFile: String?
    /// A folder of hires' candidate profiles (one per hire, `id` = employee id): when a revision adds or
    /// removes a hire's row, the assessment is re-run with the old and the new list.
    public var profiles: String?

    enum CodingKeys: String, CodingKey {
        case expiryWindowDays = "expiry_window_days", delivery, channels, sourceRoutes = "source_routes", rulesFile = "rules_file", profiles
    }

    public init(expiryWindowDays: Int? = nil, delivery: DeliveryPolicy = DeliveryPolicy(), channels: [ChannelConfig],
                sourceRoutes: [String: [String]] = [:]) {
        self.expiryWindowDays = expiryWindowDays
        self.delivery = delivery
        self.channels = channels
        self.sourceRoutes = sourceRoutes
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        expiryWindowDays = try c.decodeIfPresent(Int.self, forKey: .expiryWindowDays)
        delivery = try c.decodeIfPresent(DeliveryPolicy.self, forKey: .delivery) ?? DeliveryPolicy()
        channels = try c.decodeIfPresent([ChannelConfig].self, forKey: .channels) ?? []
        sourceRoutes = try c.decodeIfPresent([String: [String]].self, forKey: .sourceRoutes) ?? [:]
        rulesFile = try c.decodeIfPresent(String.self, forKey: .rulesFile)
        profiles = try c.decodeIfPresent(String.self, forKey: .profiles)
    }

    /// Reads the section from the configuration (an empty one when absent) and checks it.
    public static func load(from config: RencaiConfig) throws -> AlertsConfig {
        let section = try config.section("alerts", as: AlertsConfig.self) ?? AlertsConfig(channels: [])
        try section.validate(file: config.url?.path ?? "config")
        return section
    }

    func validate(file: String) throws {
        var seen: Set<String> = []
        for (i, channel) in channels.enumerated() {
            let at = "\(file): alerts.channels[\(i)] (\(channel.id))"
            guard seen.insert(channel.id).inserted else {
                throw InputError("\(at): the id '\(channel.id)' is used twice: give each channel its own id", status: .config)
            }
            try channel.validate(at: at)
        }
        if let days = expiryWindowDays, days <= 0 {
            throw InputError("\(file): alerts.expiry_window_days must be a positive number of days", status: .config)
        }
    }
}

/// Retry timing: exponential backoff with jitter between attempts, per delivery.
public struct DeliveryPolicy: Sendable, Decodable, Hashable {
    public var baseDelaySeconds: Double
    public var maxDelaySeconds: Double
    /// Total time allowed for one send (connect included).
    public var timeoutSeconds: Double

    public init(baseDelaySeconds: Double = 30, maxDelaySeconds: Double = 3600, timeoutSeconds: Double = 20) {
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
        self.timeoutSeconds = timeoutSeconds
    }

    enum CodingKeys: String, CodingKey {
        case baseDelaySeconds = "base_delay_seconds", maxDelaySeconds = "max_delay_seconds", timeoutSeconds = "timeout_seconds"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        baseDelaySeconds = try c.decodeIfPresent(Double.self, forKey: .baseDelaySeconds) ?? 30
        maxDelaySeconds = try c.decodeIfPresent(Double.self, forKey: .maxDelaySeconds) ?? 3600
        timeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? 20
    }

    /// The delay before attempt `attempts + 1`: base × 2^(attempts−1), capped, with jitter in [½, 1].
    public func delay(afterAttempts attempts: Int, jitter: Double = Double.random(in: 0.5...1)) -> Double {
        let exponent = Double(max(0, min(attempts - 1, 30)))
        return min(maxDelaySeconds, baseDelaySeconds * pow(2, exponent)) * jitter
    }
}

/// One delivery channel.
public struct ChannelConfig: Sendable, Decodable, Hashable {
    public enum Kind: String, Sendable, Decodable, CaseIterable {
        case smtp, webhook, wecom, dingtalk, feishu, slack, jsonl
    }
    /// SMTP transport security.
    public enum TLSMode: String, Sendable, Decodable {
        /// STARTTLS required (CURLUSESSL_ALL); the default.
        case starttls
        /// Implicit TLS (`smtps://`).
        case tls
        /// No TLS: accepted only for a server on localhost.
        case plain
    }

    public var id: String
    public var kind: Kind
    /// Webhook or SMTP URL; `url_env` names an environment variable holding it (robot URLs carry tokens).
    public var url: String?
    public var urlEnv: String?
    /// Signing secret (DingTalk, Feishu/Lark, generic webhook HMAC); `secret_env` names a variable.
    public var secret: String?
    public var secretEnv: String?
    /// JSON lines: a file path, or `-` for stdout.
    public var path: String?
    // SMTP
    public var from: String?
    public var to: [String]?
    public var username: String?
    public var password: String?
    public var passwordEnv: String?
    public var tls: TLSMode?
    /// A CA bundle (PEM) to verify the server with, for a private CA; TLS verification is always on.
    public var caFile: String?
    // Routing
    /// Only alerts about hires in these provinces (canonical names); all when absent.
    public var provinces: [String]?
    public var minSeverity: Severity?
    /// One message per revision per channel instead of one per alert.
    public var digest: Bool?

    enum CodingKeys: String, CodingKey {
        case id, kind, url, urlEnv = "url_env", secret, secretEnv = "secret_env", path, from, to, username
        case password, passwordEnv = "password_env", tls, caFile = "ca_file", provinces, minSeverity = "min_severity", digest
    }

    public init(id: String, kind: Kind, url: String? = nil, secret: String? = nil, path: String? = nil,
                from: String? = nil, to: [String]? = nil, username: String? = nil, password: String? = nil,
                tls: TLSMode? = nil, caFile: String? = nil, provinces: [String]? = nil, minSeverity: Severity? = nil, digest: Bool? = nil) {
        self.id = id
        self.kind = kind
        self.url = url
        self.secret = secret
        self.path = path
        self.from = from
        self.to = to
        self.username = username
        self.password = password
        self.tls = tls
        self.caFile = caFile
        self.provinces = provinces
        self.minSeverity = minSeverity
        self.digest = digest
    }

    /// Whether an alert goes to this channel (province and severity routing).
    public func accepts(severity: Severity, province: String?) -> Bool {
        if let minSeverity, severity < minSeverity { return false }
        if let provinces, !provinces.isEmpty {
            guard let province else { return false }
            return provinces.contains { $0.caseInsensitiveCompare(province) == .orderedSame }
        }
        return true
    }

    func validate(at: String) throws {
        switch kind {
        case .jsonl:
            guard path != nil else { throw InputError("\(at): a jsonl channel needs `path:` (a file, or - for stdout)", status: .config) }
        case .smtp:
            guard url != nil || urlEnv != nil else { throw InputError("\(at): an smtp channel needs `url: smtp://host:587`", status: .config) }
            guard from != nil, let to, !to.isEmpty else { throw InputError("\(at): an smtp channel needs `from:` and `to: [addresses]`", status: .config) }
            if let url, (tls ?? .starttls) == .plain {
                guard let host = URLComponents(string: url)?.host, ["localhost", "127.0.0.1", "::1"].contains(host) else {
                    throw InputError("\(at): `tls: plain` is allowed only for an SMTP server on localhost; use starttls (the default) or tls", status: .config)
                }
            }
            if let url, !(url.hasPrefix("smtp://") || url.hasPrefix("smtps://")) {
                throw InputError("\(at): the url must start with smtp:// or smtps://", status: .config)
            }
            if let url, tls == .tls, !url.hasPrefix("smtps://") {
                throw InputError("\(at): `tls: tls` (implicit TLS) needs an smtps:// url; for STARTTLS on smtp:// use `tls: starttls`", status: .config)
            }
        default:
            guard url != nil || urlEnv != nil else { throw InputError("\(at): a \(kind.rawValue) channel needs `url:` or `url_env:`", status: .config) }
            if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                throw InputError("\(at): the webhook url must start with https:// (or http:// for a local receiver)", status: .config)
            }
        }
    }

    /// Resolves `*_env` references against the environment; errors name the variable, never its value.
    public func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResolvedChannel {
        func env(_ name: String?, _ field: String) throws -> String? {
            guard let name else { return nil }
            guard let value = environment[name], !value.isEmpty else {
                throw InputError("channel \(id): \(field) names the environment variable \(name), which is not set", status: .config)
            }
            return value
        }
        let resolvedURL = try env(urlEnv, "url_env") ?? url
        let resolvedSecret = try env(secretEnv, "secret_env") ?? secret
        let resolvedPassword = try env(passwordEnv, "password_env") ?? password
        if kind == .smtp, let resolvedURL, (tls ?? .starttls) == .plain {
            let host = URLComponents(string: resolvedURL)?.host ?? ""
            guard ["localhost", "127.0.0.1", "::1"].contains(host) else {
                throw InputError("channel \(id): `tls: plain` is allowed only for an SMTP server on localhost", status: .config)
            }
        }
        return ResolvedChannel(config: self, url: resolvedURL, secret: resolvedSecret, password: resolvedPassword)
    }
}

/// A channel with its secrets resolved, ready to send. Its ``redactor`` hides every secret it holds.
public struct ResolvedChannel: Sendable {
    public let config: ChannelConfig
    public let url: String?
    let secret: String?
    let password: String?

    public var id: String { config.id }

    /// Hides this channel's URL tokens, secret and password in any text.
    public var redactor: Redactor {
        let urlParts = url.map { config.kind == .jsonl ? [] : Redactor.sensitiveParts(ofURL: $0) } ?? []
        return Redactor(secrets: [secret, password].compactMap { $0 }, urlParts: urlParts)
    }

    /// The URL without credentials, path tokens or query, for messages (`https://oapi.dingtalk.com/…`).
    public var displayURL: String {
        guard let url, let c = URLComponents(string: url), let scheme = c.scheme, let host = c.host else { return config.kind.rawValue }
        return "\(scheme)://\(host)\(c.port.map { ":\($0)" } ?? "")/…"
    }
}
