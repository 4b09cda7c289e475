import Foundation
import Portals

/// The outcome of checking one source once: what `watch run` prints, one line (or one JSON object) per
/// source.
///
/// JSON: `{"source": "sh-urgent-need", "outcome": "changed", "revision": 12, "detail": "+2 −2 ~1"}`.
public struct WatchReport: Sendable, Hashable, Codable {
    public let source: String
    /// `first_seen`, `unchanged`, `not_modified`, `changed`, `blocked` or `error`.
    public let outcome: FetchOutcome.Kind
    /// The new revision (first_seen, changed), or the baseline that still stands; nil when there is none.
    public let revision: RevisionID?
    /// A short human explanation: the diff summary, the bot wall and its evidence, the error.
    public let detail: String
    /// The diff, for first_seen and changed (not encoded: `watch diff` shows it).
    public let diff: CatalogueDiff?
    /// For blocked: the number of blocks in a row, and whether a manual import is now needed.
    public let consecutiveBlocks: Int?
    public let needsManualImport: Bool

    public init(source: String, outcome: FetchOutcome.Kind, revision: RevisionID?, detail: String,
                diff: CatalogueDiff? = nil, consecutiveBlocks: Int? = nil, needsManualImport: Bool = false) {
        self.source = source
        self.outcome = outcome
        self.revision = revision
        self.detail = detail
        self.diff = diff
        self.consecutiveBlocks = consecutiveBlocks
        self.needsManualImport = needsManualImport
    }

    enum CodingKeys: String, CodingKey { case source, outcome, revision, detail }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(revision, forKey: .revision)   // null when none, so every line has the four keys
        try c.encode(detail, forKey: .detail)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        outcome = try c.decode(FetchOutcome.Kind.self, forKey: .outcome)
        revision = try c.decodeIfPresent(RevisionID.self, forKey: .revision)
        detail = try c.decode(String.self, forKey: .detail)
        diff = nil
        consecutiveBlocks = nil
        needsManualImport = false
    }

    /// The same report without its diff, to keep many reports without holding every changed row.
    public var withoutDiff: WatchReport {
        WatchReport(source: source, outcome: outcome, revision: revision, detail: detail, diff: nil,
                    consecutiveBlocks: consecutiveBlocks, needsManualImport: needsManualImport)
    }

    /// True for blocked and error: the portal gave nothing we could use.
    public var isFailure: Bool { outcome == .blocked || outcome == .error }
}
