/// A rectangular table of cell texts as it appears on the page, after `rowspan`/`colspan` or merged cells
/// have been expanded (a spanned cell's text is repeated in every position it covers). Every format
/// (HTML, XLSX, CSV) becomes a grid; ``CatalogueBuilder`` then finds the header and the keys.
public struct CellGrid: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        /// Where the row came from: line of the CSV, row of the sheet, row index in the HTML table (1-based).
        public let line: Int
        public let cells: [String]

        public init(line: Int, cells: [String]) {
            self.line = line
            self.cells = cells
        }

        public subscript(column: Int) -> String { column < cells.count ? cells[column] : "" }

    }

    public let rows: [Row]
    public var width: Int { rows.reduce(0) { max($0, $1.cells.count) } }

    public init(rows: [Row]) { self.rows = rows }
}
