import Foundation
import RencaiCore

/// One row of a catalogue: its key, its code (when it has one) and its cells by column name.
///
/// Row-number columns (序号, No.) are not kept: they change whenever a row is inserted above and say
/// nothing about the occupation.
///
/// ```swift
/// let row = catalogue.rows[0]
/// row.key.text            // "2-02-10-03"
/// row.code?.level         // .occupation
/// row["职业名称"]          // "软件工程技术人员"
/// ```
public struct CatalogueRow: Sendable, Hashable, Codable {
    public let key: RowKey
    /// The normalised occupation code of the row, nil when the row is keyed by title.
    public var code: OccupationCode? { key.code }
    /// The row's title (occupation or job name) as displayed, when a title column was found.
    public let title: String?
    /// Where the row came from: line of the CSV, row of the sheet, or the row's index among the HTML
    /// table's rows (1-based, header rows included).
    public let line: Int
    /// Column names, in table order (shared by every row of a catalogue).
    public let columns: [String]
    /// Cell values as displayed (``CellText/display(_:)``), aligned with ``columns``.
    public let values: [String]

    /// Cell values by column name.
    public var cells: [String: String] {
        Dictionary(zip(columns, values), uniquingKeysWith: { a, _ in a })
    }

    public init(key: RowKey, title: String?, line: Int, columns: [String], values: [String]) {
        precondition(columns.count == values.count, "a row needs one value per column")
        self.key = key
        self.title = title
        self.line = line
        self.columns = columns
        self.values = values
    }

    /// A row from cells by column name (columns in name order).
    public init(key: RowKey, title: String?, line: Int, cells: [String: String]) {
        let sorted = cells.sorted { $0.key < $1.key }
        self.init(key: key, title: title, line: line, columns: sorted.map(\.key), values: sorted.map(\.value))
    }

    /// The value in `column`, or nil when the row has no such column.
    public subscript(column: String) -> String? {
        columns.firstIndex(of: column).map { values[$0] }
    }

    public static func == (a: CatalogueRow, b: CatalogueRow) -> Bool {
        guard a.key == b.key, a.title == b.title, a.line == b.line else { return false }
        return a.columns == b.columns ? a.values == b.values : a.cells == b.cells
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(line)
        hasher.combine(cells)
    }

    enum CodingKeys: String, CodingKey { case key, title, line, cells }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encode(line, forKey: .line)
        try c.encode(cells, forKey: .cells)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(key: try c.decode(RowKey.self, forKey: .key), title: try c.decodeIfPresent(String.self, forKey: .title),
                  line: try c.decode(Int.self, forKey: .line), cells: try c.decode([String: String].self, forKey: .cells))
    }
}

/// A problem in the published data that does not stop the revision from being recorded, but that a user
/// should see: a row without a key, a key that appears twice, a code that does not parse.
public struct DataQualityFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The row has neither a usable code nor a title.
        case emptyKey = "empty_key"
        /// Two rows share a key; the later ones are kept as `KEY#2`, `KEY#3`.
        case duplicateKey = "duplicate_key"
        /// The key column has text that is not an occupation code; the row is keyed by its title.
        case unparsableCode = "unparsable_code"
    }

    public let kind: Kind
    /// The row (see ``CatalogueRow/line``).
    public let line: Int
    public let detail: String

    public init(kind: Kind, line: Int, detail: String) {
        self.kind = kind
        self.line = line
        self.detail = detail
    }

    public var description: String { "row \(line): \(kind.rawValue): \(detail)" }
}

/// A parsed catalogue: its columns, its keyed rows and what was wrong with the data.
public struct Catalogue: Sendable, Hashable, Codable {
    /// Column names in table order (multi-row headers joined with ` / `), row-number columns excluded.
    public let columns: [String]
    /// The column the keys came from (nil when every row is keyed by title).
    public let keyColumn: String?
    /// The column titles came from.
    public let titleColumn: String?
    /// Row-number columns found and left out of the rows.
    public let rowNumberColumns: [String]
    public let rows: [CatalogueRow]
    public let findings: [DataQualityFinding]

    public init(columns: [String], keyColumn: String?, titleColumn: String?, rowNumberColumns: [String] = [],
                rows: [CatalogueRow], findings: [DataQualityFinding] = []) {
        self.columns = columns
        self.keyColumn = keyColumn
        self.titleColumn = titleColumn
        self.rowNumberColumns = rowNumberColumns
        self.rows = rows
        self.findings = findings
    }

    /// An empty catalogue (the baseline before the first revision).
    public static let empty = Catalogue(columns: [], keyColumn: nil, titleColumn: nil, rows: [])

    /// Stored compactly: each row is an array `[key, line, title, cell…]` in column order, which is smaller
    /// and several times faster to encode and decode than an object per row.
    enum CodingKeys: String, CodingKey {
        case columns, keyColumn = "key_column", titleColumn = "title_column", rowNumberColumns = "row_number_columns"
        case rows, findings
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(columns, forKey: .columns)
        try c.encodeIfPresent(keyColumn, forKey: .keyColumn)
        try c.encodeIfPresent(titleColumn, forKey: .titleColumn)
        try c.encode(rowNumberColumns, forKey: .rowNumberColumns)
        try c.encode(findings, forKey: .findings)
        var list = c.nestedUnkeyedContainer(forKey: .rows)
        for row in rows {
            var r = list.nestedUnkeyedContainer()
            try r.encode(row.key.text)
            try r.encode(row.line)
            try r.encode(row.title ?? "")
            if row.columns == columns {
                for value in row.values { try r.encode(value) }
            } else {
                for column in columns { try r.encode(row[column] ?? "") }
            }
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        columns = try c.decode([String].self, forKey: .columns)
        keyColumn = try c.decodeIfPresent(String.self, forKey: .keyColumn)
        titleColumn = try c.decodeIfPresent(String.self, forKey: .titleColumn)
        rowNumberColumns = try c.decode([String].self, forKey: .rowNumberColumns)
        findings = try c.decode([DataQualityFinding].self, forKey: .findings)
        var list = try c.nestedUnkeyedContainer(forKey: .rows)
        var rows: [CatalogueRow] = []
        while !list.isAtEnd {
            var r = try list.nestedUnkeyedContainer()
            let keyText = try r.decode(String.self)
            guard let key = RowKey(text: keyText) else {
                throw DecodingError.dataCorruptedError(in: r, debugDescription: "'\(keyText)' is not a row key")
            }
            let line = try r.decode(Int.self)
            let title = try r.decode(String.self)
            var values: [String] = []
            values.reserveCapacity(columns.count)
            for _ in columns { values.append(try r.decode(String.self)) }
            rows.append(CatalogueRow(key: key, title: title.isEmpty ? nil : title, line: line, columns: columns, values: values))
        }
        self.rows = rows
    }

    /// The rows by key.
    public var rowsByKey: [RowKey: CatalogueRow] {
        Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
