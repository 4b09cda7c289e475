import RencaiCore

/// What changed in one new revision of a watched catalogue, as impact analysis needs it: the source's
/// place (province, and city when the source names one) and the keyed rows that were added, removed
/// or changed.
///
/// ```swift
/// let changes = CatalogueChangeSet(sourceID: "sh-urgent-need", province: "Shanghai", city: nil,
///     revision: "r2", changes: [.init(key: "2-02-10", kind: .removed, title: "软件工程技术人员")])
/// ```
public struct CatalogueChangeSet: Sendable, Hashable, Codable {
    public var sourceID: String
    /// Canonical (English) province name, as the hires registry stores it.
    public var province: String
    /// Canonical city name when the source is a city's list; nil for a province-wide source.
    public var city: String?
    /// The new revision's identifier (part of every alert's de-duplication key).
    public var revision: String
    /// A short name of the source for messages ("Shanghai urgent-need list"); the id when absent.
    public var sourceTitle: String?
    /// Tags from the source definition (e.g. `urgent_need`), used to tell when a change touches a hire's route.
    public var tags: [String]
    /// The classification edition the catalogue's codes belong to (codes are edition-specific).
    public var edition: String
    public var changes: [RowChange]

    public init(sourceID: String, province: String, city: String? = nil, revision: String,
                sourceTitle: String? = nil, tags: [String] = [], edition: String = OccupationCode.defaultEdition,
                changes: [RowChange]) {
        self.sourceID = sourceID
        self.province = province
        self.city = city
        self.revision = revision
        self.sourceTitle = sourceTitle
        self.tags = tags
        self.edition = edition
        self.changes = changes
    }

    /// One keyed row that changed between two revisions.
    public struct RowChange: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            case added, removed, changed
        }
        /// The row key: a normalised occupation code, or a normalised title when the row had no code.
        public var key: String
        public var kind: Kind
        /// The row's title column, when known, for messages.
        public var title: String?
        /// For `changed` rows: column → (old, new).
        public var fields: [String: FieldChange]
        /// For added/removed rows: the row's cells, for messages.
        public var row: [String: String]

        public init(key: String, kind: Kind, title: String? = nil, fields: [String: FieldChange] = [:], row: [String: String] = [:]) {
            self.key = key
            self.kind = kind
            self.title = title
            self.fields = fields
            self.row = row
        }

        /// The row's occupation code, nil for a title-keyed row (which cannot be matched to hires by code).
        public var code: OccupationCode? { OccupationCode(key) }
    }

    /// A changed cell.
    public struct FieldChange: Sendable, Hashable, Codable {
        public var old: String
        public var new: String
        public init(old: String, new: String) {
            self.old = old
            self.new = new
        }
    }
}
