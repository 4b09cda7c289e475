import Foundation

/// The id of a stored catalogue revision (`catalogue_revision.id`), increasing over time across sources.
public struct RevisionID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ value: Int64) { self.rawValue = value }

    public var description: String { String(rawValue) }

    public static func < (a: RevisionID, b: RevisionID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// The bytes a revision was parsed from: the response body (or the attachment a notice led to, or the
/// file a user imported), kept compressed in the store.
public struct CapturedDocument: Sendable, Hashable {
    /// How the bytes were obtained.
    public enum Origin: String, Sendable, Codable {
        /// Fetched by `watch run`.
        case fetch
        /// Imported by hand with `watch import` (a page saved from a browser after a bot wall).
        case `import`
    }

    public let bytes: Data
    /// The URL the bytes came from (the final one after redirects and notice links), or a file path.
    public let url: String
    /// The media type as served (`text/html; charset=gbk`), when known.
    public let mediaType: String?
    public let origin: Origin

    public init(bytes: Data, url: String, mediaType: String? = nil, origin: Origin = .fetch) {
        self.bytes = bytes
        self.url = url
        self.mediaType = mediaType
        self.origin = origin
    }
}

/// A stored revision without its rows: what `watch history` lists, and what alerts name.
public struct RevisionSummary: Sendable, Hashable, Codable {
    public let id: RevisionID
    public let sourceID: String
    /// The source's canonical province and city when the revision was recorded.
    public let province: String
    public let city: String?
    /// The source's revision before this one; nil for its first.
    public let previous: RevisionID?
    public let createdAt: Date
    public let origin: CapturedDocument.Origin
    public let url: String
    public let mediaType: String?
    public let rawSize: Int
    public let rawSHA256: String
    public let rowCount: Int
    public let findingCount: Int
    /// Counts of the diff against ``previous`` (all rows `added` for a first revision).
    public let added: Int
    public let removed: Int
    public let changed: Int

    enum CodingKeys: String, CodingKey {
        case id, sourceID = "source", province, city, previous, createdAt = "created_at", origin, url
        case mediaType = "media_type", rawSize = "raw_size", rawSHA256 = "raw_sha256", rowCount = "rows"
        case findingCount = "findings", added, removed, changed
    }
}
