import Foundation
import RencaiCore

/// How politely and how hard the client fetches. The defaults suit government portals.
///
/// ```swift
/// var configuration = PortalClientConfiguration(config: try RencaiConfig.load(explicit: nil))
/// configuration.perHostMinDelay = 5
/// let client = PortalClient(configuration: configuration)
/// ```
public struct PortalClientConfiguration: Sendable {
    /// The User-Agent sent with every request; it names rencai and how to reach its operator.
    public var userAgent: String
    /// The product token matched against robots.txt `User-agent` lines.
    public var robotsProductToken: String
    /// Transfers in flight at once across all hosts.
    public var maxConcurrentTransfers: Int
    /// Seconds between the end of one request to a host and the start of the next.
    public var perHostMinDelay: Double
    /// Up to this many extra seconds, drawn at random, added to each per-host delay.
    public var perHostJitter: Double
    /// Retries on 429, 5xx and network errors.
    public var retry: RetryPolicy
    /// Whether robots.txt is read and obeyed (RFC 9309).
    public var obeyRobots: Bool
    /// How long a fetched robots.txt (or a 4xx answer: all allowed) is trusted.
    public var robotsCacheTTL: Double
    /// How long a 5xx or unreachable robots.txt (all disallowed) is trusted before asking again.
    public var robotsErrorTTL: Double
    /// After this many seconds without one, a fetch is made unconditional (validators not sent).
    public var unconditionalInterval: Double
    /// Limits for requests that do not set their own.
    public var defaultLimits: FetchLimits
    /// Sent as Accept-Language: the portals serve Chinese first.
    public var acceptLanguage: String

    public init(userAgent: String = PortalClientConfiguration.userAgent(contact: nil),
                maxConcurrentTransfers: Int = 8, perHostMinDelay: Double = 2, perHostJitter: Double = 1,
                retry: RetryPolicy = .standard, obeyRobots: Bool = true, robotsCacheTTL: Double = 24 * 3600,
                robotsErrorTTL: Double = 3600, unconditionalInterval: Double = 7 * 24 * 3600,
                defaultLimits: FetchLimits = .standard, acceptLanguage: String = "zh-CN,zh;q=0.9,en;q=0.5") {
        self.userAgent = userAgent
        self.robotsProductToken = "rencai"
        self.maxConcurrentTransfers = max(1, maxConcurrentTransfers)
        self.perHostMinDelay = max(0, perHostMinDelay)
        self.perHostJitter = max(0, perHostJitter)
        self.retry = retry
        self.obeyRobots = obeyRobots
        self.robotsCacheTTL = robotsCacheTTL
        self.robotsErrorTTL = robotsErrorTTL
        self.unconditionalInterval = unconditionalInterval
        self.defaultLimits = defaultLimits
        self.acceptLanguage = acceptLanguage
    }

    /// Reads `contact:` (an e-mail address or URL) from the configuration for the User-Agent.
    public init(config: RencaiConfig) {
        self.init(userAgent: PortalClientConfiguration.userAgent(contact: config.string("contact")))
    }

    /// `rencai/0.1 (+https://github.com/rencai; contact: hr-it@example.com)`: honest about who fetches.
    public static func userAgent(contact: String?) -> String {
        let contactPart = contact.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        return "rencai/\(rencaiVersion) (catalogue watcher" + (contactPart.map { "; contact: \($0)" } ?? "; no contact configured") + ")"
    }

    /// The version named in the User-Agent.
    public static let rencaiVersion = "0.1"
}

/// Exponential backoff with full jitter (AWS architecture blog): wait a random time between 0 and
/// `min(maxDelay, baseDelay × 2^(attempt−1))`, unless the server said `Retry-After`.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (1 = no retry).
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// A Retry-After longer than this is not waited for inside one fetch: the fetch ends as an error that
    /// carries the Retry-After, and the caller's scheduler comes back later.
    public var maxRetryAfter: Double

    public init(maxAttempts: Int = 3, baseDelay: Double = 1, maxDelay: Double = 60, maxRetryAfter: Double = 120) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    public static let standard = RetryPolicy()
    /// One attempt only.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The full-jitter delay before attempt `attempt + 1`, given `attempt` failures so far (1-based).
    public func backoff(afterAttempt attempt: Int, random: Double = Double.random(in: 0..<1)) -> Double {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return ceiling * random
    }
}
