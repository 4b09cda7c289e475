import Foundation
import RencaiCore

/// Reads a fetched or imported document as a catalogue: an HTML page with a table, an XLSX workbook
/// (first sheet) or a CSV file (UTF-8 or GB18030).
///
/// ```swift
/// let parser = CatalogueParser(keyColumns: source.keyColumns)
/// let catalogue = try parser.parse(body, format: .html, contentType: "text/html; charset=gbk", source: url.absoluteString)
/// catalogue.rows.count
/// ```
public struct CatalogueParser: Sendable {
    /// The document formats a catalogue comes in.
    public enum Format: String, Sendable, CaseIterable {
        case html, xlsx, csv

        /// The format implied by a media type or a file name; nil when neither says.
        public static func guess(contentType: String?, name: String?) -> Format? {
            let type = contentType?.lowercased() ?? ""
            let ext = name.map { (($0.split(separator: "?").first.map(String.init) ?? $0) as NSString).pathExtension.lowercased() } ?? ""
            if type.contains("spreadsheetml") || ext == "xlsx" { return .xlsx }
            if type.contains("csv") || ext == "csv" { return .csv }
            if type.contains("html") || ["html", "htm", "shtml", "jhtml"].contains(ext) { return .html }
            return nil
        }

        /// The format of raw bytes: a zip container is XLSX, markup is HTML, else CSV.
        public static func sniff(_ data: Data) -> Format {
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
            let head = String(decoding: data.prefix(512), as: UTF8.self).lowercased()
            if head.contains("<html") || head.contains("<!doctype") || head.contains("<table") || head.contains("<meta") { return .html }
            return .csv
        }
    }

    public let builder: CatalogueBuilder

    public init(keyColumns: [String] = []) { builder = CatalogueBuilder(keyColumns: keyColumns) }

    /// Parses `data` as `format` (sniffed from the bytes when nil).
    public func parse(_ data: Data, format: Format? = nil, contentType: String? = nil, source: String) throws -> Catalogue {
        switch format ?? Format.sniff(data) {
        case .html:
            return try parse(page: HTMLPage(data: data, contentType: contentType, url: URL(string: source), source: source), source: source)
        case .xlsx:
            let table: Table
            do { table = try XLSXReader.readFirstSheet(data: data, source: source) } catch let e as InputError {
                throw CatalogueError.unreadable(source: source, reason: e.message.replacingOccurrences(of: "\(source): ", with: ""))
            }
            return try builder.build(grid(table), source: source)
        case .csv:
            let table: Table
            do { table = try CSVReader.table(from: data, source: source) } catch let e as InputError {
                throw CatalogueError.unreadable(source: source, reason: e.message.replacingOccurrences(of: "\(source): ", with: ""))
            }
            return try builder.build(grid(table), source: source)
        }
    }

    /// The page's catalogue table: among its tables, the one whose key column is named in its header, with
    /// the most rows.
    public func parse(page: HTMLPage, source: String) throws -> Catalogue {
        var best: Catalogue? = nil
        var firstError: Error? = nil
        for table in page.tables.sorted(by: { $0.rows.count > $1.rows.count }) {
            do {
                let c = try builder.build(table, source: source)
                // A table with a named key column beats one without; then the one with more rows.
                if let current = best {
                    let rank = (c.keyColumn != nil ? 1 : 0, c.rows.count), currentRank = (current.keyColumn != nil ? 1 : 0, current.rows.count)
                    if rank > currentRank { best = c }
                } else {
                    best = c
                }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let best { return best }
        throw firstError ?? CatalogueError.noTable(source: source)
    }

    /// A ``Table`` from RencaiCore's readers, header row included, as a grid.
    func grid(_ table: Table) -> CellGrid {
        CellGrid(rows: [CellGrid.Row(line: table.headerLine, cells: table.header)]
                 + table.rows.map { CellGrid.Row(line: $0.line, cells: $0.cells) })
    }
}
