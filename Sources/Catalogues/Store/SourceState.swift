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
    /// The revision new content is compared with.
    public let baseline: RevisionID?

    enum CodingKeys: String, CodingKey {
        case sourceID = "source", province, city, url, kind, etag, lastModified = "last_modified"
        case lastAttemptAt = "last_attempt_at", lastOutcome = "last_outcome", lastSuccessAt = "last_success_at"
        case lastChangeAt = "last_change_at", lastBlockAt = "last_block_at", lastBlockDetail = "last_block_detail"
        case lastErrorAt = "last_error_at", lastErrorDetail = "last_error_detail"
        case consecutiveBlocks = "consecutive_blocks", baseline
    }
}
