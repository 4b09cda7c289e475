import Foundation

/// What one fetch means for a watched source, given the content hash of its last good fetch.
///
/// Only ``firstSeen`` and ``changed`` create a revision. A block or an error never creates a revision and
/// never replaces the baseline: the caller keeps its stored hash and validators.
///
/// ```swift
/// switch result.outcome {
/// case .firstSeen, .changed: saveRevision(result.response!.body, hash: result.baselineHash)
/// case .unchanged, .notModified: touch(source)
/// case .blocked(let wall): countBlock(source, wall.vendor)   // after N in a row: manual import
/// case .error(let failure): log(failure.message)
/// }
/// ```
public enum FetchOutcome: Sendable, Hashable {
    /// A 2xx body and no previous hash: the first revision.
    case firstSeen
    /// A 2xx body with the same hash as before.
    case unchanged
    /// The server answered 304 to a conditional request.
    case notModified
    /// A 2xx body whose hash differs from the previous one.
    case changed
    /// A bot wall answered instead of the page.
    case blocked(BotWall)
    /// No usable answer: network failure, limit hit, HTTP error, robots.txt refusal.
    case error(FetchFailure)

    /// The stable name used in JSON and the store: `first_seen`, `unchanged`, `not_modified`, `changed`,
    /// `blocked`, `error`.
    public var kind: Kind {
        switch self {
        case .firstSeen: return .firstSeen
        case .unchanged: return .unchanged
        case .notModified: return .notModified
        case .changed: return .changed
        case .blocked: return .blocked
        case .error: return .error
        }
    }

    /// Whether the body is new content that should become a revision.
    public var createsRevision: Bool { self == .firstSeen || self == .changed }

    /// The outcome names.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case firstSeen = "first_seen", unchanged, notModified = "not_modified", changed, blocked, error
    }

    /// Classifies a response: bot walls first (some answer 200), then 304, then HTTP errors, then the
    /// content hash against the previous one.
    public static func classify(status: Int, headers: HTTPHeaders, body: Data, previousContentHash: String?) -> FetchOutcome {
        classify(status: status, headers: headers, body: body,
                 wall: BotWallDetector.detect(status: status, headers: headers, body: body),
                 bodyHash: nil, previousContentHash: previousContentHash)
    }

    /// ``classify(status:headers:body:previousContentHash:)`` with the detector's verdict already known,
    /// and the body's hash when the caller has it (nil: computed here when needed).
    static func classify(status: Int, headers: HTTPHeaders, body: Data, wall: BotWall?, bodyHash: String?,
                         previousContentHash: String?) -> FetchOutcome {
        if let wall { return .blocked(wall) }
        switch status {
        case 304: return .notModified
        case 429: return .error(.rateLimited(retryAfter: RetryAfter.seconds(headers["retry-after"])))
        case 200...299:
            let hash = bodyHash ?? ContentHash.sha256Hex(body)
            guard let previousContentHash else { return .firstSeen }
            return previousContentHash.lowercased() == hash ? .unchanged : .changed
        default: return .error(.httpStatus(status))
        }
    }
}

extension FetchOutcome: CustomStringConvertible {
    public var description: String {
        switch self {
        case .blocked(let wall): return "blocked by \(wall.vendor.displayName): \(wall.evidence.joined(separator: "; "))"
        case .error(let failure): return "error: \(failure.message)"
        default: return kind.rawValue
        }
    }
}
