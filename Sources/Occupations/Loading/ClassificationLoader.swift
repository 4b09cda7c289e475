import Foundation
import RencaiCore

/// A problem in a classification file that did not stop loading (a duplicate code), reported by line.
public struct ClassificationIssue: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    public let line: Int
    public let message: String
    public var description: String { "\(source):\(line): \(message)" }
}

/// A loaded classification and the lines that needed attention.
public struct LoadedClassification: Sendable {
    public let classification: Classification
    public let issues: [ClassificationIssue]

    public init(classification: Classification, issues: [ClassificationIssue]) {
        self.classification = classification
        self.issues = issues
    }
}

/// Reads classification files: the `csco22.csv` layout (`level, code, name, definition, tasks, alias`)
/// and a plain `code,title[,parent]` CSV (optional `title_en`, `keywords`, `markers` columns, as in the
/// bundled list).
///
/// A malformed code, an empty title or a parent that contradicts the code is an error naming the line;
/// a repeated code keeps the first entry, merges the aliases and is reported as an issue.
///
/// ```swift
/// let loaded = try ClassificationLoader.load(contentsOf: URL(fileURLWithPath: "../shared/data/csco22.csv"))
/// loaded.classification.count   // 2047
/// loaded.issues                  // the duplicate codes, by line
/// ```
public enum ClassificationLoader {
    public static func load(contentsOf url: URL, edition: String = OccupationCode.defaultEdition,
                            provenance: Provenance? = nil) throws -> LoadedClassification {
        let table = try Table.read(contentsOf: url)
        let prov = provenance ?? Provenance(source: url.lastPathComponent, edition: edition, effective: nil,
                                            confidence: .unverified, note: "classification file supplied by the user")
        return try load(table: table, edition: edition, provenance: prov)
    }

    /// Loads from an already-read table (CSV or XLSX).
    public static func load(table: Table, edition: String, provenance: Provenance) throws -> LoadedClassification {
        let keys = table.header.map(TextNormalizer.headerKey)
        func column(_ names: String...) -> Int? { keys.firstIndex { names.contains($0) } }
        guard let codeCol = column("code", "代码", "编码", "职业代码") else {
            throw InputError("\(table.source):\(table.headerLine): no 'code' column: a classification file needs code and name (or title) columns")
        }
        guard let titleCol = column("name", "title", "titlezh", "名称", "职业名称") else {
            throw InputError("\(table.source):\(table.headerLine): no 'name' or 'title' column: a classification file needs code and name (or title) columns")
        }
        let levelCol = column("level", "层级")
        let parentCol = column("parent", "上级", "parentcode")
        let enCol = column("titleen", "english", "nameen")
        let aliasCol = column("alias", "aliases", "别名")
        let keywordCol = column("keywords", "keyword")
        let markerCol = column("markers", "marker")
        let definitionCol = column("definition", "description", "定义")

        var entries: [Occupation] = []
        var seen: [OccupationCode: (index: Int, line: Int)] = [:]
        var issues: [ClassificationIssue] = []
        for row in table.rows {
            let rawCode = row[codeCol]
            guard var code = OccupationCode(rawCode) else {
                throw InputError("\(table.source):\(row.line): code '\(rawCode)' is not an occupation code: write D-DD-DD-DD (2-02-10-03) or the 5-digit form (20210)")
            }
            if let levelCol, let level = Int(FastText.cell(row[levelCol])) {
                // csco22 levels: 1 major, 2 medium, 3 minor, 4 occupation (an X-XX-XX-00 at level 3 is the group).
                guard (1...4).contains(level) else {
                    throw InputError("\(table.source):\(row.line): level '\(row[levelCol])' must be 1 to 4")
                }
                if level < code.parts.count { code = code.truncated(to: OccupationCode.Level.allCases[level - 1]) }
                else if level == 4 && code.parts.count == 3 { code = OccupationCode(parts: code.parts + [0]) }
            }
            let (title, markersFromTitle) = Occupation.splitMarkers(row[titleCol])
            guard !title.isEmpty else {
                throw InputError("\(table.source):\(row.line): code \(code) has an empty name: give every row a title")
            }
            if let parentCol, !FastText.cell(row[parentCol]).isEmpty {
                guard let parent = OccupationCode(row[parentCol]), parent.contains(code.groupEquivalent) || parent.contains(code),
                      parent != code else {
                    throw InputError("\(table.source):\(row.line): parent '\(row[parentCol])' does not contain code \(code): fix the parent or leave it empty")
                }
            }
            var markers = markersFromTitle
            if let markerCol {
                for ch in FastText.cell(row[markerCol]) {
                    if let m = Occupation.Marker(rawValue: String(ch).uppercased()) { markers.insert(m) }
                }
            }
            let aliases = aliasCol.map { splitList(row[$0]) } ?? []
            let keywords = keywordCol.map { splitList(row[$0]) } ?? []
            let english = enCol.map { FastText.cell(row[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
            let definition = definitionCol.map { FastText.cell(row[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
            if let previous = seen[code] {
                let first = entries[previous.index]
                let same = first.titleZH == title
                issues.append(ClassificationIssue(source: table.source, line: row.line,
                    message: same ? "code \(code) repeats line \(previous.line); aliases merged"
                                  : "code \(code) repeats line \(previous.line) with another name '\(title)'; kept '\(first.titleZH)'"))
                var merged = first
                for a in aliases where !merged.aliases.contains(a) { merged.aliases.append(a) }
                entries[previous.index] = merged
                continue
            }
            seen[code] = (entries.count, row.line)
            entries.append(Occupation(edition: edition, code: code, titleZH: title, titleEN: english, markers: markers,
                                      keywords: keywords, aliases: aliases.filter { $0 != title }, description: definition))
        }
        guard !entries.isEmpty else {
            throw InputError("\(table.source): no entries: the file has a header but no rows")
        }
        return LoadedClassification(classification: Classification(edition: edition, provenance: provenance, entries: entries),
                                    issues: issues)
    }

    /// Splits an alias or keyword cell on `,` `、` `;` `|` (after NFKC, so full-width commas count).
    static func splitList(_ cell: String) -> [String] {
        var out: [String] = []
        for part in FastText.cell(cell).split(whereSeparator: { ",、;|".contains($0) }) {
            let s = Occupation.splitMarkers(String(part)).title.trimmingCharacters(in: .whitespaces)
            if !s.isEmpty && !out.contains(s) { out.append(s) }
        }
        return out
    }
}
