import Foundation

/// An RFC 4180 CSV reader that keeps line numbers and refuses binary or truncated input.
public enum CSVReader {
    /// Decodes (UTF-8 with or without BOM, else GB18030) and parses a whole CSV file into a ``Table``.
    public static func table(from data: Data, source: String) throws -> Table {
        if data.prefix(8192).contains(0) {
            throw InputError("\(source): this is a binary file, not CSV: export the sheet as CSV (UTF-8) or .xlsx")
        }
        let text: String
        switch TextDecoding.decodeGuessing(data) {
        case .success(let (decoded, _)): text = decoded
        case .failure(let failure):
            throw InputError("\(source): byte \(failure.offset) is neither UTF-8 nor GB18030: save the file as UTF-8 CSV")
        }
        var records: [(line: Int, cells: [String])] = []
        try parse(text, source: source) { records.append(($0, $1)) }
        guard let first = records.first(where: { !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }) else {
            throw InputError("\(source): no header row: the first line must name the columns")
        }
        let rows = records.filter { $0.line > first.line && !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
            .map { Table.Row(line: $0.line, cells: $0.cells) }
        return Table(source: source, header: first.cells, headerLine: first.line, rows: rows)
    }

    /// Streams records with the line they start on. Throws on an unterminated quoted field.
    public static func parse(_ text: String, source: String, record: (Int, [String]) throws -> Void) throws {
        var cells: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
            case ",":
                cells.append(field); field = ""; fieldWasQuoted = false
            case "\r":
                break
            case "\n":
                cells.append(field); field = ""; fieldWasQuoted = false
                try record(recordLine, cells)
                cells = []
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes {
            throw InputError("\(source):\(recordLine): a quoted field is never closed: the file is truncated or a quote is missing")
        }
        if !field.isEmpty || !cells.isEmpty {
            cells.append(field)
            try record(recordLine, cells)
        }
    }

    /// Quotes a field for CSV output when needed.
    public static func escape(_ field: String) -> String {
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}
