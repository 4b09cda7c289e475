import Foundation
import RencaiCore

/// What changed between two revisions of a catalogue, row by row, by key.
///
/// Not changes: row-number columns (they are not kept in rows at all), and cell differences only in white
/// space, line breaks or full-width/half-width forms (``CellText/comparable(_:)``). A row whose code
/// changed while its title stayed is reported as removed + added, with a ``RecodeHint`` pairing the two.
///
/// ```swift
/// let diff = CatalogueDiff(from: old, to: new)
/// for change in diff.changed {
///     print(change.key, change.fields["学历要求"]?.old, "→", change.fields["学历要求"]?.new)
/// }
/// ```
///
/// Encoded as JSON it is
/// `{"added": [{"key", "row"}], "removed": [{"key", "row"}], "changed": [{"key", "fields": {COLUMN: {"old", "new"}}}],
///   "recode_hints": [{"title", "old_key", "new_key"}], "from", "to"}`.
public struct CatalogueDiff: Sendable, Hashable, Codable {
    /// A row present on one side only.
    public struct Entry: Sendable, Hashable, Codable {
        public let key: RowKey
        public let row: CatalogueRow

        public init(key: RowKey, row: CatalogueRow) {
            self.key = key
            self.row = row
        }

        enum CodingKeys: String, CodingKey { case key, row, code, title }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(row.cells, forKey: .row)
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            key = try c.decode(RowKey.self, forKey: .key)
            let cells = try c.decode([String: String].self, forKey: .row)
            row = CatalogueRow(key: key, title: nil, line: 0, cells: cells)
        }
    }

    /// One column's old and new value.
    public struct FieldChange: Sendable, Hashable, Codable {
        public let old: String
        public let new: String

        public init(old: String, new: String) {
            self.old = old
            self.new = new
        }
    }

    /// A row present on both sides whose cells differ.
    public struct Change: Sendable, Hashable, Codable {
        public let key: RowKey
        /// Changed columns (by the newer revision's column name) with their old and new values; a column
        /// present on one side only has "" on the other.
        public let fields: [String: FieldChange]
        public let old: CatalogueRow
        public let new: CatalogueRow

        public init(key: RowKey, fields: [String: FieldChange], old: CatalogueRow, new: CatalogueRow) {
            self.key = key
            self.fields = fields
            self.old = old
            self.new = new
        }

        enum CodingKeys: String, CodingKey { case key, fields }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(fields, forKey: .fields)
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            key = try c.decode(RowKey.self, forKey: .key)
            fields = try c.decode([String: FieldChange].self, forKey: .fields)
            old = CatalogueRow(key: key, title: nil, line: 0, cells: fields.mapValues(\.old))
            new = CatalogueRow(key: key, title: nil, line: 0, cells: fields.mapValues(\.new))
        }
    }

    /// A removed row and an added row with the same title: possibly the same occupation under a new code.
    /// A hint only; the rows stay in ``removed`` and ``added``.
    public struct RecodeHint: Sendable, Hashable, Codable {
        public let title: String
        public let oldKey: RowKey
        public let newKey: RowKey

        public init(title: String, oldKey: RowKey, newKey: RowKey) {
            self.title = title
            self.oldKey = oldKey
            self.newKey = newKey
        }

        enum CodingKeys: String, CodingKey { case title, oldKey = "old_key", newKey = "new_key" }
    }

    /// Rows on the newer side only, by key. Read it once and keep the array: for a first revision it is
    /// made on each read (see ``AddedRows``).
    public var added: [Entry] {
        get { addedRows.entries }
        set { addedRows = .entries(newValue) }
    }
    /// `added.count`, without making the entries.
    public var addedCount: Int { addedRows.count }
    private var addedRows: AddedRows
    public var removed: [Entry]
    public var changed: [Change]
    public var recodeHints: [RecodeHint]
    /// The older revision, nil when the newer one is a source's first (then every row is `added`).
    public var from: RevisionID?
    /// The newer revision, nil before it is stored.
    public var to: RevisionID?

    enum CodingKeys: String, CodingKey {
        case added, removed, changed, recodeHints = "recode_hints", from, to
    }

    public init(added: [Entry] = [], removed: [Entry] = [], changed: [Change] = [], recodeHints: [RecodeHint] = [],
                from: RevisionID? = nil, to: RevisionID? = nil) {
        self.addedRows = .entries(added)
        self.removed = removed
        self.changed = changed
        self.recodeHints = recodeHints
        self.from = from
        self.to = to
    }

    /// A source's first revision: every row of `catalogue` added, nothing else.
    init(firstRevisionOf catalogue: Catalogue) {
        addedRows = .everyRow(catalogue.rows)
        removed = []
        changed = []
        recodeHints = []
    }

    /// The added rows as they are held. A watch round's first fetch makes hundreds of first revisions whose
    /// added rows nobody reads (the report shows a count, the store keeps the catalogue): for those the diff
    /// keeps the catalogue's own row array (shared, not copied) and makes the sorted entries only when asked.
    private enum AddedRows: Sendable {
        case entries([Entry])
        case everyRow([CatalogueRow])

        var count: Int {
            switch self {
            case .entries(let e): e.count
            case .everyRow(let rows): rows.count
            }
        }

        var entries: [Entry] {
            switch self {
            case .entries(let e): return e
            case .everyRow(let rows):
                var e = rows.map { Entry(key: $0.key, row: $0) }
                RowKey.sort(&e) { $0.key }
                return e
            }
        }
    }

    public static func == (a: CatalogueDiff, b: CatalogueDiff) -> Bool {
        a.from == b.from && a.to == b.to && a.addedCount == b.addedCount && a.removed == b.removed
            && a.changed == b.changed && a.recodeHints == b.recodeHints && a.added == b.added
    }

    public func hash(into hasher: inout Hasher) {
        // Equal diffs have equal counts and sides: enough for a hash, without making the added entries.
        hasher.combine(from)
        hasher.combine(to)
        hasher.combine(addedCount)
        hasher.combine(removed)
        hasher.combine(changed)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(added, forKey: .added)
        try c.encode(removed, forKey: .removed)
        try c.encode(changed, forKey: .changed)
        try c.encode(recodeHints, forKey: .recodeHints)
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(to, forKey: .to)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(added: try c.decode([Entry].self, forKey: .added), removed: try c.decode([Entry].self, forKey: .removed),
                  changed: try c.decode([Change].self, forKey: .changed),
                  recodeHints: try c.decode([RecodeHint].self, forKey: .recodeHints),
                  from: try c.decodeIfPresent(RevisionID.self, forKey: .from), to: try c.decodeIfPresent(RevisionID.self, forKey: .to))
    }

    /// True when the two revisions hold the same rows (by the rules above).
    public var isEmpty: Bool { addedCount == 0 && removed.isEmpty && changed.isEmpty }

    /// `+3 −1 ~2`, for one-line outputs.
    public var summary: String {
        "+\(addedCount) −\(removed.count) ~\(changed.count)" + (recodeHints.isEmpty ? "" : " (\(recodeHints.count) possible re-code\(recodeHints.count == 1 ? "" : "s"))")
    }

    /// Compares two catalogues by row key.
    public init(from old: Catalogue, to new: Catalogue) {
        guard !old.rows.isEmpty else {
            self.init(firstRevisionOf: new)
            return
        }
        let oldRows = old.rowsByKey
        let newRows = new.rowsByKey
        // Columns are matched by their comparable name, so a header re-spaced or re-typed in full width
        // is the same column.
        var added: [Entry] = [], removed: [Entry] = [], changed: [Change] = []
        var match: ColumnMatch? = nil   // rows of one catalogue share their columns: computed once
        for row in new.rows {
            guard let before = oldRows[row.key] else { added.append(Entry(key: row.key, row: row)); continue }
            if CatalogueDiff.sameBytes(before.columns, row.columns), CatalogueDiff.sameBytes(before.values, row.values) { continue }
            let columns: ColumnMatch
            if let m = match, m.fits(old: before.columns, new: row.columns) { columns = m } else {
                columns = ColumnMatch(old: before.columns, new: row.columns)
                match = columns
            }
            let fields = CatalogueDiff.fieldChanges(old: before, new: row, columns: columns)
            if !fields.isEmpty { changed.append(Change(key: row.key, fields: fields, old: before, new: row)) }
        }
        for row in old.rows where newRows[row.key] == nil { removed.append(Entry(key: row.key, row: row)) }
        RowKey.sort(&added) { $0.key }
        RowKey.sort(&removed) { $0.key }
        RowKey.sort(&changed) { $0.key }

        var hints: [RecodeHint] = []
        var removedByTitle: [String: [Entry]] = [:]
        for entry in removed where entry.key.code != nil {
            if let t = entry.row.title.map({ CellText.comparable($0) }), !t.isEmpty { removedByTitle[t, default: []].append(entry) }
        }
        for entry in added where entry.key.code != nil && !removedByTitle.isEmpty {
            guard let title = entry.row.title, let candidates = removedByTitle[CellText.comparable(title)],
                  candidates.count == 1 else { continue }
            hints.append(RecodeHint(title: title, oldKey: candidates[0].key, newKey: entry.key))
        }
        self.init(added: added, removed: removed, changed: changed, recodeHints: hints)
    }

    /// Byte equality: every value went through ``CellText/display(_:)`` (NFKC), so equal bytes are the common
    /// case and String's canonical-equivalence comparison, slow for CJK text, is not needed.
    static func sameBytes(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { CellText.sameBytes($0, $1) }
    }

    /// For each new column, the position of the old column with the same comparable name.
    struct ColumnMatch {
        let oldColumns: [String]
        let newColumns: [String]
        let oldIndex: [Int?]

        init(old: [String], new: [String]) {
            oldColumns = old
            newColumns = new
            var byComparable: [String: Int] = [:]
            for (i, c) in old.enumerated() where byComparable[CellText.comparable(c)] == nil { byComparable[CellText.comparable(c)] = i }
            oldIndex = new.map { byComparable[CellText.comparable($0)] }
        }

        /// Whether this match was computed for these columns (rows of one catalogue share them).
        func fits(old: [String], new: [String]) -> Bool {
            CatalogueDiff.sameBytes(old, oldColumns) && CatalogueDiff.sameBytes(new, newColumns)
        }
    }

    static func fieldChanges(old: CatalogueRow, new: CatalogueRow) -> [String: FieldChange] {
        fieldChanges(old: old, new: new, columns: ColumnMatch(old: old.columns, new: new.columns))
    }

    static func fieldChanges(old: CatalogueRow, new: CatalogueRow, columns: ColumnMatch) -> [String: FieldChange] {
        var matchedOld = Set<Int>()
        var fields: [String: FieldChange] = [:]
        for (i, column) in new.columns.enumerated() {
            let value = new.values[i]
            let o = columns.oldIndex[i]
            if let o { matchedOld.insert(o) }
            let before = o.map { old.values[$0] } ?? ""
            if !CellText.sameBytes(before, value), CellText.comparable(before) != CellText.comparable(value) {
                fields[column] = FieldChange(old: before, new: value)
            }
        }
        for (i, column) in old.columns.enumerated() where !matchedOld.contains(i) {
            if !CellText.comparable(old.values[i]).isEmpty { fields[column] = FieldChange(old: old.values[i], new: "") }
        }
        return fields
    }
}
