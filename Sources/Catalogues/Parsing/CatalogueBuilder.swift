import RencaiCore

/// Turns a ``CellGrid`` into a keyed ``Catalogue``: skips banner rows above the table, finds the header
/// (several rows when cells span them), names the columns, finds the key, title and row-number columns,
/// and keys every row, reporting empty and repeated keys as ``DataQualityFinding``s.
///
/// ```swift
/// let catalogue = try CatalogueBuilder(keyColumns: ["职业代码"]).build(grid, source: "sh.html")
/// ```
public struct CatalogueBuilder: Sendable {
    /// Header spellings of the key column from the source's `key_columns:`; empty = detect.
    public let keyColumns: [String]

    public init(keyColumns: [String] = []) { self.keyColumns = keyColumns }

    /// How many leading rows may precede the header (page titles, dates, notes).
    static let headerSearchDepth = 15

    public func build(_ grid: CellGrid, source: String) throws -> Catalogue {
        // Every cell is cleaned once (NFKC, white space): the rest of the work compares clean text.
        let rows = grid.rows.compactMap { row -> CellGrid.Row? in
            // Most rows are already clean: keep them as they are rather than copying every cell.
            if row.cells.allSatisfy({ CellText.isClean($0) }) {
                return row.cells.allSatisfy { $0.isEmpty } ? nil : row
            }
            let cells = row.cells.map(CellText.display)
            return cells.allSatisfy { $0.isEmpty } ? nil : CellGrid.Row(line: row.line, cells: cells)
        }
        guard !rows.isEmpty else { throw CatalogueError.noTable(source: source) }
        let width = grid.width
        let wanted = HeaderVocabulary.keys(keyColumns)

        guard let start = headerStart(rows, wanted: wanted) else { throw CatalogueError.noHeader(source: source) }
        var end = start
        while end + 1 < rows.count, Self.continuesHeader(rows[end + 1], below: rows[end]) { end += 1 }
        let headerRows = Array(rows[start...end])

        // Column names: the distinct texts stacked above each column, top to bottom.
        var parts: [[String]] = []
        var names: [String] = []
        for c in 0..<width {
            var stack: [String] = []
            for h in headerRows {
                let t = h[c]
                if !t.isEmpty && stack.last != t { stack.append(t) }
            }
            parts.append(stack)
            var name = stack.isEmpty ? "column \(c + 1)" : stack.joined(separator: " / ")
            if names.contains(name) {
                var n = 2
                while names.contains("\(name) (\(n))") { n += 1 }
                name = "\(name) (\(n))"
            }
            names.append(name)
        }
        let headerCompact = headerRows.last!.cells.map { CellText.comparable(displayed: $0) }
        let dataRows = Array(rows[(end + 1)...]).filter { !Self.isRepeatedHeader($0, headerCompact) && !Self.isBanner($0) }
        guard !dataRows.isEmpty else { throw CatalogueError.noRows(source: source) }

        // Header texts as vocabulary keys, normalised once for the three lookups below.
        let partKeys = parts.map { $0.map(TextNormalizer.headerKey) }
        let rowNumberColumns = Set((0..<width).filter { c in
            partKeys[c].contains { HeaderVocabulary.rowNumber.contains($0) }
        })
        let keyColumn: Int?
        if !wanted.isEmpty {
            guard let found = Self.column(matching: wanted, keys: partKeys, excluding: []) else {
                throw CatalogueError.keyColumnNotFound(source: source, wanted: keyColumns, headers: names)
            }
            keyColumn = found
        } else {
            keyColumn = Self.column(matching: HeaderVocabulary.codeKeys, keys: partKeys, excluding: rowNumberColumns)
                ?? Self.columnOfCodes(dataRows, width: width, excluding: rowNumberColumns)
        }
        var notTitle = rowNumberColumns
        if let keyColumn { notTitle.insert(keyColumn) }
        let titleColumn = Self.column(matching: HeaderVocabulary.titleKeys, keys: partKeys, excluding: notTitle)
            ?? Self.firstTextColumn(dataRows, width: width, excluding: notTitle)

        var findings: [DataQualityFinding] = []
        var catalogueRows: [CatalogueRow] = []
        // Code keys are counted by their packed number (cheap to hash), other keys by the key itself.
        var occurrences: [RowKey: (count: Int, firstLine: Int)] = [:]
        var codeOccurrences: [UInt64: (count: Int, firstLine: Int)] = [:]
        codeOccurrences.reserveCapacity(dataRows.count)
        catalogueRows.reserveCapacity(dataRows.count)
        let contentColumns = (0..<width).filter { !rowNumberColumns.contains($0) }
        let columnNames = contentColumns.map { names[$0] }
        let keyPosition = keyColumn.flatMap { contentColumns.firstIndex(of: $0) }
        for row in dataRows {
            let title = titleColumn.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            var key: RowKey? = nil
            if let keyColumn {
                let text = row[keyColumn]
                if let code = Self.code(in: text) {
                    key = RowKey(code: code)
                } else if !text.isEmpty {
                    findings.append(DataQualityFinding(kind: .unparsableCode, line: row.line,
                        detail: "'\(text)' in column \(names[keyColumn]) is not an occupation code; the row is keyed by its title"))
                }
            }
            if key == nil, let title { key = RowKey(title: title) }
            guard let base = key else {
                let shown = contentColumns.map { row[$0] }.filter { !$0.isEmpty }.prefix(3).joined(separator: " | ")
                findings.append(DataQualityFinding(kind: .emptyKey, line: row.line,
                    detail: "no code and no title (\(shown)); the row is left out of the catalogue"))
                continue
            }
            let packed = base.sortKey
            let seen = packed.map { codeOccurrences[$0] } ?? occurrences[base]
            let occurrence = (seen?.count ?? 0) + 1
            if let packed { codeOccurrences[packed] = (occurrence, seen?.firstLine ?? row.line) } else {
                occurrences[base] = (occurrence, seen?.firstLine ?? row.line)
            }
            if let seen {
                findings.append(DataQualityFinding(kind: .duplicateKey, line: row.line,
                    detail: "key \(base.text) already on row \(seen.firstLine); kept as \(base.text)#\(occurrence)"))
            }
            let finalKey = base.code.map { RowKey(code: $0, occurrence: occurrence) } ?? RowKey(title: base.title ?? "", occurrence: occurrence)
            var values = contentColumns.map { row[$0] }
            // The key cell holds the normalised code, so that `2—02—10—08` and `2021008` are no change.
            if let keyPosition, let code = finalKey.code, !RowKey.isCodeText(values[keyPosition], code) {
                values[keyPosition] = RowKey.codeText(code)
            }
            catalogueRows.append(CatalogueRow(key: finalKey, title: title, line: row.line, columns: columnNames, values: values))
        }
        return Catalogue(columns: columnNames, keyColumn: keyColumn.map { names[$0] },
                         titleColumn: titleColumn.map { names[$0] },
                         rowNumberColumns: rowNumberColumns.sorted().map { names[$0] },
                         rows: catalogueRows, findings: findings)
    }

    /// The first row (of the first few) that names a key or title column; else the first that is not a
    /// banner.
    func headerStart(_ rows: [CellGrid.Row], wanted: [String]) -> Int? {
        let vocab = wanted + HeaderVocabulary.codeKeys + HeaderVocabulary.titleKeys
        let depth = min(rows.count, Self.headerSearchDepth)
        for i in 0..<depth where !Self.isBanner(rows[i]) {
            let keys = rows[i].cells.map(TextNormalizer.headerKey)
            if keys.contains(where: { vocab.contains($0) }) { return i }
        }
        return (0..<depth).first { !Self.isBanner(rows[$0]) }
    }

    /// A row below a header row belongs to the header when some cell repeats the header cell above it (a
    /// `rowspan` or merged cell) and no cell holds an occupation code.
    static func continuesHeader(_ row: CellGrid.Row, below header: CellGrid.Row) -> Bool {
        var repeats = false
        var differs = false
        for c in 0..<max(row.cells.count, header.cells.count) {
            let a = CellText.comparable(displayed: row[c]), b = CellText.comparable(displayed: header[c])
            if a.isEmpty { continue }
            if a == b { repeats = true } else { differs = true }
            if let code = OccupationCode(a), code.groupCount >= 2 { return false }
        }
        return repeats && differs
    }

    /// A header row repeated inside the table (long tables split across pages do this).
    static func isRepeatedHeader(_ row: CellGrid.Row, _ header: [String]) -> Bool {
        row.cells.count == header.count && zip(row.cells, header).allSatisfy { CellText.sameBytes(CellText.comparable(displayed: $0), $1) }
    }

    /// A title or section row spanning the table: one text repeated (colspan) in every non-empty cell,
    /// in a table of more than one column, that is not a code.
    static func isBanner(_ row: CellGrid.Row) -> Bool {
        guard row.cells.count > 1 else { return false }
        var first: String? = nil
        var count = 0
        for cell in row.cells where !cell.isEmpty {
            // Cells are display-clean, so equal text is equal bytes; a data row differs at its second cell.
            if let first {
                guard CellText.sameBytes(first, cell) || CellText.comparable(displayed: first) == CellText.comparable(displayed: cell) else { return false }
            } else {
                first = cell
            }
            count += 1
        }
        guard count >= 2, let first else { return false }
        return OccupationCode(first) == nil
    }

    /// The first vocabulary entry that some column's header equals, else that some column's header
    /// contains; vocabulary order decides between columns.
    static func column(matching vocab: [String], keys: [[String]], excluding: Set<Int>) -> Int? {
        for v in vocab where !v.isEmpty {
            if let c = keys.indices.first(where: { !excluding.contains($0) && keys[$0].contains(v) }) { return c }
        }
        for v in vocab where v.count >= 2 {
            if let c = keys.indices.first(where: { !excluding.contains($0) && keys[$0].contains { $0.contains(v) } }) { return c }
        }
        return nil
    }

    /// A column whose cells are mostly codes of at least two groups (so that a row-number column, whose
    /// "1" … "8" would parse as major groups, is never taken for codes).
    static func columnOfCodes(_ rows: [CellGrid.Row], width: Int, excluding: Set<Int>) -> Int? {
        var best: (column: Int, share: Double)? = nil
        for c in 0..<width where !excluding.contains(c) {
            let values = rows.map { $0[c] }.filter { !$0.isEmpty }
            guard !values.isEmpty else { continue }
            let codes = values.filter { (code(in: $0)?.groupCount ?? 0) >= 2 }.count
            let share = Double(codes) / Double(values.count)
            if share >= 0.6, share > (best?.share ?? 0) { best = (c, share) }
        }
        return best?.column
    }

    /// The first column whose cells are mostly text rather than numbers.
    static func firstTextColumn(_ rows: [CellGrid.Row], width: Int, excluding: Set<Int>) -> Int? {
        (0..<width).first { c in
            guard !excluding.contains(c) else { return false }
            let values = rows.map { $0[c] }.filter { !$0.isEmpty }
            let texty = values.filter { v in v.contains { $0.isLetter } }.count
            return !values.isEmpty && Double(texty) / Double(values.count) >= 0.6
        }
    }

    /// A code at the start of a cell (`2-02-10-03`, `2-02-10-03 (新增)`, `２０２１０`); nil when none.
    static func code(in text: String) -> OccupationCode? {
        // OccupationCode reads the common ASCII form on a fast path (this runs for every row).
        if let code = OccupationCode(text) { return code }
        let half = TextNormalizer.halfWidth(text)
        let codeChars = Set("0123456789-‐‑‒–—―−_.")
        let prefix = String(half.prefix { codeChars.contains($0) }).trimmingCharacters(in: CharacterSet(charactersIn: "-._ "))
        guard prefix.count >= 5, prefix.count < half.count else { return nil }
        return OccupationCode(prefix)
    }
}

import Foundation
