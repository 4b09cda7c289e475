import Foundation
import RencaiCore

/// The optional `fetching:` section of the configuration: how politely and how hard to fetch.
///
/// ```yaml
/// contact: hr-compliance@example.com
/// fetching:
///   min_delay: 5          # seconds between requests to one host (default 2)
///   jitter: 2             # up to this many extra random seconds (default 1)
///   max_concurrent: 4     # transfers at once across hosts (default 8)
///   max_attempts: 3       # tries per fetch on 429/5xx/network errors (default 3)
///   timeout: 120          # seconds per transfer (default 120)
///   max_body_mb: 32       # largest page or attachment (default 32)
/// ```
public struct FetchingSettings: Sendable, Codable, Hashable {
    public var minDelay: Double?
    public var jitter: Double?
    public var maxConcurrent: Int?
    public var maxAttempts: Int?
    public var timeout: Double?
    public var maxBodyMB: Int?

    enum CodingKeys: String, CodingKey {
        case minDelay = "min_delay", jitter, maxConcurrent = "max_concurrent", maxAttempts = "max_attempts", timeout
        case maxBodyMB = "max_body_mb"
    }
}

extension PortalClientConfiguration {
    /// The configuration from `contact:` and the optional `fetching:` section; throws an `InputError` naming the
    /// field when a value is out of range.
    public static func load(from config: RencaiConfig) throws -> PortalClientConfiguration {
        var configuration = PortalClientConfiguration(config: config)
        guard let settings = try config.section("fetching", as: FetchingSettings.self) else { return configuration }
        let file = config.url?.path ?? "config"
        func bad(_ field: String, _ rule: String) -> InputError {
            InputError("\(file): fetching.\(field) \(rule)", status: .config)
        }
        if let v = settings.minDelay {
            guard v >= 0 else { throw bad("min_delay", "must be 0 or more seconds") }
            configuration.perHostMinDelay = v
        }
        if let v = settings.jitter {
            guard v >= 0 else { throw bad("jitter", "must be 0 or more seconds") }
            configuration.perHostJitter = v
        }
        if let v = settings.maxConcurrent {
            guard v >= 1 else { throw bad("max_concurrent", "must be at least 1") }
            configuration.maxConcurrentTransfers = v
        }
        if let v = settings.maxAttempts {
            guard v >= 1 else { throw bad("max_attempts", "must be at least 1") }
            configuration.retry.maxAttempts = v
        }
        if let v = settings.timeout {
            guard v > 0 else { throw bad("timeout", "must be a positive number of seconds") }
            configuration.defaultLimits.totalTimeout = v
        }
        if let v = settings.maxBodyMB {
            guard (1...1024).contains(v) else { throw bad("max_body_mb", "must be between 1 and 1024") }
            configuration.defaultLimits.maxBodyBytes = v << 20
        }
        return configuration
    }
}
