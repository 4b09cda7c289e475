import Foundation

/// What `watch status` shows for a source: when it was last verified, changed, blocked or failed, and
/// whether it needs a manual import.
public struct SourceState: Sendable, Hashable, Codable {
    public let sourceID: String
    public let province: String
    public let city: String?
    public let url: String
    public let kind: String
    /// Validators for the next conditional request.
    public let etag: String?
    public let lastModified: String?
    /// SHA-256 of the last document read (a page, or the attachment a notice led to).
    public let contentHash: String?
    /// When a request last went out without validators (a server that wrongly answers 304 cannot hide a
    /// change for ever).
    public let lastUnconditionalAt: Date?
    public let lastAttemptAt: Date?
    /// The outcome of the last attempt (`first_seen`, `unchanged`, `not_modified`, `changed`, `blocked`, `error`).
    public let lastOutcome: String?
    /// "Last verified at": the last time the portal answered with content (or 304) that we could read.
    public let lastSuccessAt: Date?
    /// When the last new revision was recorded.
    public let lastChangeAt: Date?
    public let lastBlockAt: Date?
    public let lastBlockDetail: String?
    public let lastErrorAt: Date?
    public let lastErrorDetail: String?
    /// Blocks in a row since the last success.
    public let consecutiveBlocks: Int

    /// True when the source has been blocked `threshold` times in a row: a user should save the page in a
    /// browser and run `rencai watch import`.
    public func needsManualImport(after threshold: Int) -> Bool { consecutiveBlocks >= threshold }
    /// The revision new content is compared with.
    public let baseline: RevisionID?

    enum CodingKeys: String, CodingKey {
        case sourceID = "source", province, city, url, kind, etag, lastModified = "last_modified"
        case contentHash = "content_hash", lastUnconditionalAt = "last_unconditional_at"
        case lastAttemptAt = "last_attempt_at", lastOutcome = "last_outcome", lastSuccessAt = "last_success_at"
        case lastChangeAt = "last_change_at", lastBlockAt = "last_block_at", lastBlockDetail = "last_block_detail"
        case lastErrorAt = "last_error_at", lastErrorDetail = "last_error_detail"
        case consecutiveBlocks = "consecutive_blocks", baseline
    }
}
