import Foundation

/// A table read from a CSV or XLSX file: a header row and data rows, each with the line (or sheet row)
/// it came from, so that every error can name file, line and column.
public struct Table: Sendable {
    public struct Row: Sendable {
        /// 1-based line in the CSV file, or row number in the sheet.
        public let line: Int
        public let cells: [String]

        public init(line: Int, cells: [String]) {
            self.line = line
            self.cells = cells
        }

        /// The cell in column `index`, or "" when the row is short.
        public subscript(index: Int) -> String { index < cells.count ? cells[index] : "" }
    }

    /// The file the table came from, for messages.
    public let source: String
    public let header: [String]
    public let headerLine: Int
    public let rows: [Row]

    public init(source: String, header: [String], headerLine: Int = 1, rows: [Row]) {
        self.source = source
        self.header = header
        self.headerLine = headerLine
        self.rows = rows
    }

    /// Reads a `.csv` (UTF-8, UTF-8 with BOM, or GB18030) or `.xlsx` file (the first sheet).
    public static func read(contentsOf url: URL) throws -> Table {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError("\(url.path): cannot read the file: check the path and permissions", status: .noInput)
        }
        if data.isEmpty { throw InputError("\(url.path): the file is empty", status: .dataError) }
        if url.pathExtension.lowercased() == "xlsx" || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return try XLSXReader.readFirstSheet(data: data, source: url.path)
        }
        return try CSVReader.table(from: data, source: url.path)
    }
}
