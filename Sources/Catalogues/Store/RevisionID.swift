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

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(sourceID, forKey: .sourceID)
        try c.encode(province, forKey: .province)
        try c.encodeIfPresent(city, forKey: .city)
        try c.encodeIfPresent(previous, forKey: .previous)
        try c.encode(Timestamp.string(createdAt), forKey: .createdAt)   // ISO 8601, not a bare number
        try c.encode(origin, forKey: .origin)
        try c.encode(url, forKey: .url)
        try c.encodeIfPresent(mediaType, forKey: .mediaType)
        try c.encode(rawSize, forKey: .rawSize)
        try c.encode(rawSHA256, forKey: .rawSHA256)
        try c.encode(rowCount, forKey: .rowCount)
        try c.encode(findingCount, forKey: .findingCount)
        try c.encode(added, forKey: .added)
        try c.encode(removed, forKey: .removed)
        try c.encode(changed, forKey: .changed)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let created = try c.decode(String.self, forKey: .createdAt)
        guard let date = Timestamp.date(created) else {
            throw DecodingError.dataCorruptedError(forKey: .createdAt, in: c, debugDescription: "'\(created)' is not a timestamp")
        }
        self.init(id: try c.decode(RevisionID.self, forKey: .id), sourceID: try c.decode(String.self, forKey: .sourceID),
                  province: try c.decode(String.self, forKey: .province), city: try c.decodeIfPresent(String.self, forKey: .city),
                  previous: try c.decodeIfPresent(RevisionID.self, forKey: .previous), createdAt: date,
                  origin: try c.decode(CapturedDocument.Origin.self, forKey: .origin), url: try c.decode(String.self, forKey: .url),
                  mediaType: try c.decodeIfPresent(String.self, forKey: .mediaType), rawSize: try c.decode(Int.self, forKey: .rawSize),
                  rawSHA256: try c.decode(String.self, forKey: .rawSHA256), rowCount: try c.decode(Int.self, forKey: .rowCount),
                  findingCount: try c.decode(Int.self, forKey: .findingCount), added: try c.decode(Int.self, forKey: .added),
                  removed: try c.decode(Int.self, forKey: .removed), changed: try c.decode(Int.self, forKey: .changed))
    }

    init(id: RevisionID, sourceID: String, province: String, city: String?, previous: RevisionID?, createdAt: Date,
         origin: CapturedDocument.Origin, url: String, mediaType: String?, rawSize: Int, rawSHA256: String, rowCount: Int,
         findingCount: Int, added: Int, removed: Int, changed: Int) {
        self.id = id
        self.sourceID = sourceID
        self.province = province
        self.city = city
        self.previous = previous
        self.createdAt = createdAt
        self.origin = origin
        self.url = url
        self.mediaType = mediaType
        self.rawSize = rawSize
        self.rawSHA256 = rawSHA256
        self.rowCount = rowCount
        self.findingCount = findingCount
        self.added = added
        self.removed = removed
        self.changed = changed
    }
}
