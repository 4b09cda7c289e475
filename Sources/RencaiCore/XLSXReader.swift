import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the first worksheet of an `.xlsx` file: shared and inline strings, numbers, booleans,
/// dates (cells with a date number format become `YYYY-MM-DD`) and merged cells (the top-left value
/// is copied into every cell of the merged range).
public enum XLSXReader {
    public static func readFirstSheet(data: Data, source: String) throws -> Table {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw InputError("\(source): not a readable .xlsx file (the zip container is damaged or truncated)")
        }
        func entry(_ path: String) throws -> Data? {
            guard let e = archive[path] else { return nil }
            var out = Data()
            do { _ = try archive.extract(e, skipCRC32: false) { out.append($0) } } catch {
                throw InputError("\(source): the .xlsx part \(path) is damaged: open and save the file again")
            }
            return out
        }
        guard let workbook = try entry("xl/workbook.xml") else {
            throw InputError("\(source): not an .xlsx workbook (xl/workbook.xml is missing)")
        }
        let sheetPath = try firstSheetPath(workbook: workbook, rels: try entry("xl/_rels/workbook.xml.rels"))
        guard let sheet = try entry(sheetPath) else {
            throw InputError("\(source): the workbook names \(sheetPath), which is missing")
        }
        let shared = try entry("xl/sharedStrings.xml").map(SharedStringsParser.parse) ?? []
        let dateStyles = try entry("xl/styles.xml").map(StylesParser.dateStyleIndices) ?? []
        let parser = SheetParser(shared: shared, dateStyles: dateStyles)
        let grid = try parser.parse(sheet, source: source)
        let rowNumbers = grid.keys.sorted()
        guard let headerRow = rowNumbers.first(where: { !(grid[$0]!.values.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }) }) else {
            throw InputError("\(source): the first sheet is empty")
        }
        let width = grid.values.map { ($0.keys.max() ?? -1) + 1 }.max() ?? 0
        func cells(_ r: Int) -> [String] { (0..<width).map { grid[r]?[$0] ?? "" } }
        let rows = rowNumbers.filter { $0 > headerRow }
            .map { Table.Row(line: $0, cells: cells($0)) }
            .filter { !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        return Table(source: source, header: cells(headerRow), headerLine: headerRow, rows: rows)
    }

    private static func firstSheetPath(workbook: Data, rels: Data?) throws -> String {
        let sheets = ElementCollector.collect(workbook, element: "sheet")
        guard let first = sheets.first else { return "xl/worksheets/sheet1.xml" }
        guard let rid = first["r:id"] ?? first.first(where: { $0.key.hasSuffix(":id") })?.value, let rels else {
            return "xl/worksheets/sheet1.xml"
        }
        let relationships = ElementCollector.collect(rels, element: "Relationship")
        guard let target = relationships.first(where: { $0["Id"] == rid })?["Target"] else { return "xl/worksheets/sheet1.xml" }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }

    /// "B12" → (column 1, row 12).
    static func cellReference(_ ref: String) -> (column: Int, row: Int)? {
        var column = 0
        var digits = ""
        for ch in ref.uppercased() {
            if let a = ch.asciiValue, (65...90).contains(a) {
                guard digits.isEmpty else { return nil }
                column = column * 26 + Int(a - 64)
            } else if ch.isNumber { digits.append(ch) } else { return nil }
        }
        guard column > 0, let row = Int(digits) else { return nil }
        return (column - 1, row)
    }

    /// Days since 1899-12-30 (the 1900 date system) to a day.
    static func day(fromSerial serial: Double) -> Day {
        Day(ordinal: Day(year: 1899, month: 12, day: 30)!.ordinal + Int(serial.rounded(.down)))
    }
}

/// Collects the attributes of every element with a given name.
final class ElementCollector: NSObject, XMLParserDelegate {
    private let name: String
    private var found: [[String: String]] = []
    init(name: String) { self.name = name }

    static func collect(_ data: Data, element: String) -> [[String: String]] {
        let collector = ElementCollector(name: element)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        parser.parse()
        return collector.found
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        if elementName == name || elementName.hasSuffix(":" + name) { found.append(attributes) }
    }
}

final class SharedStringsParser: NSObject, XMLParserDelegate {
    private var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var inPhonetic = false

    static func parse(_ data: Data) throws -> [String] {
        let p = SharedStringsParser()
        let parser = XMLParser(data: data)
        parser.delegate = p
        guard parser.parse() else { throw InputError("the .xlsx shared strings are damaged: open and save the file again") }
        return p.strings
    }

    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch e {
        case "si": inItem = true; current = ""
        case "t": inText = inItem && !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        switch e {
        case "si": strings.append(current); inItem = false
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters s: String) { if inText { current += s } }
}

/// Finds which cell styles (`s` attribute indices) format numbers as dates.
final class StylesParser: NSObject, XMLParserDelegate {
    private var customDateFormats: Set<Int> = []
    private var inCellXfs = false
    private var xfFormats: [Int] = []

    static func dateStyleIndices(_ data: Data) -> Set<Int> {
        let p = StylesParser()
        let parser = XMLParser(data: data)
        parser.delegate = p
        parser.parse()
        let builtinDates: Set<Int> = Set(14...22).union(45...47).union([27, 30, 36, 50, 57])
        var result: Set<Int> = []
        for (i, fmt) in p.xfFormats.enumerated() where builtinDates.contains(fmt) || p.customDateFormats.contains(fmt) {
            result.insert(i)
        }
        return result
    }

    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch e {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                // A format is a date when it has date letters outside quoted text and brackets.
                var stripped = ""
                var quoted = false, bracket = false
                for ch in code {
                    if ch == "\"" { quoted.toggle(); continue }
                    if ch == "[" { bracket = true; continue }
                    if ch == "]" { bracket = false; continue }
                    if !quoted && !bracket { stripped.append(ch) }
                }
                if stripped.lowercased().contains(where: { "ymd".contains($0) }) { customDateFormats.insert(id) }
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: xfFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        if e == "cellXfs" { inCellXfs = false }
    }
}

final class SheetParser: NSObject, XMLParserDelegate {
    private let shared: [String]
    private let dateStyles: Set<Int>
    private(set) var grid: [Int: [Int: String]] = [:]
    private var merges: [String] = []
    private var cellRef: (column: Int, row: Int)?
    private var cellType = "n"
    private var cellStyle = 0
    private var value = ""
    private var inValue = false
    private var currentRow = 0
    private var nextColumn = 0
    private var failure: String?

    init(shared: [String], dateStyles: Set<Int>) {
        self.shared = shared
        self.dateStyles = dateStyles
    }

    func parse(_ data: Data, source: String) throws -> [Int: [Int: String]] {
        let parser = XMLParser(data: data)
        parser.delegate = self
        if !parser.parse() {
            throw InputError("\(source): the worksheet XML is damaged near line \(parser.lineNumber): open and save the file again")
        }
        if let failure { throw InputError("\(source): \(failure)") }
        for ref in merges {
            let ends = ref.split(separator: ":").compactMap { XLSXReader.cellReference(String($0)) }
            guard ends.count == 2 else { continue }
            let top = grid[ends[0].row]?[ends[0].column] ?? ""
            for r in ends[0].row...ends[1].row {
                for c in ends[0].column...ends[1].column where !(r == ends[0].row && c == ends[0].column) {
                    grid[r, default: [:]][c] = top
                }
            }
        }
        return grid
    }

    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch e {
        case "row":
            currentRow = attributes["r"].flatMap(Int.init) ?? currentRow + 1
            nextColumn = 0
        case "c":
            cellRef = attributes["r"].flatMap(XLSXReader.cellReference) ?? (nextColumn, currentRow)
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t": inValue = true
        case "mergeCell": if let ref = attributes["ref"] { merges.append(ref) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters s: String) { if inValue { value += s } }

    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        switch e {
        case "v", "t": inValue = false
        case "c":
            guard let ref = cellRef else { return }
            var text = value
            switch cellType {
            case "s":
                if let i = Int(value), i >= 0, i < shared.count { text = shared[i] }
                else { failure = "cell \(ref.row):\(ref.column + 1) points at shared string \(value), which does not exist" }
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            case "n":
                if dateStyles.contains(cellStyle), let serial = Double(value) {
                    text = XLSXReader.day(fromSerial: serial).description
                } else if let number = Double(value), number == number.rounded(), abs(number) < 1e15 {
                    text = String(Int(number))
                }
            default: break
            }
            grid[ref.row, default: [:]][ref.column] = text
            nextColumn = ref.column + 1
            cellRef = nil
        default: break
        }
    }
}
