import Foundation
import RencaiCore

/// Builds an ``HTMLPage``'s tables and links from a stream of parse events (element start and end, text),
/// whichever reader produces them: ``LibXMLTableReader`` from libxml2's SAX callbacks, or
/// ``FastTableReader`` from its own byte scan. What it collects is what a walk of libxml2's tree would
/// collect:
///
/// - every `<table>` outside `script`, `style`, `noscript` and `template`, in document order (a table
///   nested in a cell comes after the table around it), as a grid of its own rows: the `<tr>`s below
///   it that are not inside a nested table or another row, and their `<td>`/`<th>` children;
/// - every `<a href>` outside those four elements, with its text;
/// - a cell's or link's text: its text nodes, with `<br>` as a line break, `p`, `div`, `li`, `tr`,
///   `table` and headings wrapped in line breaks, nested cells wrapped in spaces, and `script`/`style`
///   left out (``CellText`` decides later whether the breaks matter).
///
/// Blank text is kept or dropped exactly as libxml2's tree builder does with `HTML_PARSE_NOBLANKS`
/// (that decision looks at the tree's last child, so it is reproduced here from the element stack);
/// the reader says only whether markup follows the text.
final class TableCollector {
    // The collector is private to one parse on one thread: no dynamic exclusivity checks, which cost more
    // than the work they guard in these per-element calls.
    let base: URL?
    /// In document order; a slot is filled when its table or link closes.
    @exclusivity(unchecked) var tables: [CellGrid?] = []
    @exclusivity(unchecked) var links: [HTMLPage.Link?] = []
    /// The URLs of the links, by slot, known when their element opens.
    @exclusivity(unchecked) var linkURLs: [URL] = []

    init(base: URL?) { self.base = base }

    /// What an element is for the collector.
    struct Kind {
        enum Role { case table, row, cell, link, lineBreak, block, hidden, rawText, other }
        let role: Role
        let isBody: Bool
        /// In libxml2's list of elements that allow text (its `allowPCData`): blank text inside one is kept.
        let allowsText: Bool
        /// The same for blank text after one.
        let allowsTextAfter: Bool

        /// `name` as the parser reports it. libxml2's tree keeps only the part after a prefix (`<o:p>`, which
        /// Word writes, is a `p` there), and so do the tree's walkers; its parser's own checks use the whole name.
        init(_ name: String) {
            var local = Substring(name)
            if let colon = name.firstIndex(of: ":"), colon != name.startIndex { local = name[name.index(after: colon)...] }
            switch local {
            case "table": role = .table
            case "tr": role = .row
            case "td", "th": role = .cell
            case "a": role = .link
            case "br": role = .lineBreak
            case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6": role = .block
            case "noscript", "template": role = .hidden
            case "script", "style": role = .rawText
            default: role = .other
            }
            isBody = name == "body"
            allowsText = Kind.textElements.contains(name)
            allowsTextAfter = Kind.textElements.contains(String(local))
        }

        /// libxml2 2.9's `allowPCData` (HTMLparser.c).
        static let textElements: Set<String> = [
            "a", "abbr", "acronym", "address", "applet", "b", "bdo", "big", "blockquote", "body", "button",
            "caption", "center", "cite", "code", "dd", "del", "dfn", "div", "dt", "em", "font", "form",
            "h1", "h2", "h3", "h4", "h5", "h6", "i", "iframe", "ins", "kbd", "label", "legend", "li",
            "noframes", "noscript", "object", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong",
            "td", "th", "tt", "u", "var",
        ]
    }

    /// The attributes the collector reads.
    enum Attribute { case href, rowspan, colspan }

    /// The last child of an open element, as far as blank text is concerned (comments do not count).
    enum LastChild { case none, text, node(allowsText: Bool) }

    /// A cell collected into a table row: its text and its `rowspan`/`colspan` as written (nil when
    /// absent or not a number).
    struct Cell {
        let text: String
        let rowspan: Int?
        let colspan: Int?
    }

    /// An open element. Plain values only, so that pushing and popping costs no reference counting.
    struct Frame {
        let kind: Kind
        var lastChild: LastChild = .none
        var isTable = false
        /// A `<table>`: its slot in ``tables`` (-1 for a table that is not collected).
        var table = -1
        /// A `<tr>` collected as a row: its table's slot (-1 otherwise).
        var rowTable = -1
        /// A collected cell or link: its text accumulator (-1 otherwise).
        var accumulator = -1
        var rowspan: Int?
        var colspan: Int?
        /// A collected link: its slot in ``links`` (-1 otherwise).
        var link = -1

        init(kind: Kind) { self.kind = kind }
    }

    @exclusivity(unchecked) var stack: [Frame] = []
    /// The cells of the tables being read, by table slot, row after row (emptied when the table closes):
    /// one growing array per table rather than one per row, which cost an allocation per row and a few
    /// more as each row grew.
    @exclusivity(unchecked) var cells: [[Cell]] = []
    /// By table slot: where each row's cells start in ``cells``.
    @exclusivity(unchecked) var rowStarts: [[Int]] = []
    /// Text of the open cells and links, in one buffer: every byte goes to all of them, and they nest like
    /// their elements, so an open element's text is the buffer from where it started (``starts``) to the
    /// end. One append per text run, whatever the nesting, and no array per cell.
    @exclusivity(unchecked) var textBuffer: [UInt8] = []
    /// Where each open cell's or link's text starts in ``textBuffer``, innermost last; `active` are in use.
    @exclusivity(unchecked) var starts: [Int] = []
    @exclusivity(unchecked) var active = 0
    /// Open `script`/`style`/`noscript`/`template` elements: no table or link is collected inside.
    @exclusivity(unchecked) var hiddenDepth = 0
    /// Open `script`/`style` elements: their text is nobody's.
    @exclusivity(unchecked) var rawTextDepth = 0
    /// `<!DOCTYPE>` names strict HTML 4: blank text directly in `<body>` is dropped.
    @exclusivity(unchecked) var strictDoctype = false

    /// An element starts. `attribute` gives an attribute's value as written, entities decoded ("" for
    /// one without a value), nil when absent; it is asked only for the cells and links collected.
    @inline(__always)
    func start(_ kind: Kind, attribute: (Attribute) -> String?) {
        if !stack.isEmpty { stack[stack.count - 1].lastChild = .node(allowsText: kind.allowsTextAfter) }
        switch kind.role {
        case .lineBreak: appendToAll(0x0A)
        case .block, .table, .row: appendToAll(0x0A)
        case .cell: appendToAll(0x20)
        default: break
        }
        var frame = Frame(kind: kind)
        switch kind.role {
        case .table:
            frame.isTable = true
            if hiddenDepth == 0 {
                frame.table = tables.count
                tables.append(nil)
                cells.append([])
                rowStarts.append([])
            }
        case .row:
            // A row of the innermost table, unless a nested table or another row comes between.
            if let owner = stack.last(where: { $0.isTable || $0.kind.role == .row }), owner.isTable, owner.table >= 0 {
                // A row's cells all end before the next row of its table starts: they are the run from here.
                frame.rowTable = owner.table
                rowStarts[owner.table].append(cells[owner.table].count)
            }
        case .cell:
            if let parent = stack.last, parent.rowTable >= 0 {
                frame.accumulator = openAccumulator()
                frame.rowspan = attribute(.rowspan).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                frame.colspan = attribute(.colspan).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            }
        case .link:
            if hiddenDepth == 0, let href = attribute(.href), !href.isEmpty, !href.lowercased().hasPrefix("javascript:"),
               let url = URL(string: href.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "%20"), relativeTo: base)?.absoluteURL {
                frame.link = links.count
                links.append(nil)
                linkURLs.append(url)
                frame.accumulator = openAccumulator()
            }
        case .hidden:
            hiddenDepth += 1
        case .rawText:
            hiddenDepth += 1
            rawTextDepth += 1
        default: break
        }
        stack.append(frame)
    }

    /// The innermost open element ends.
    func end() {
        guard let frame = stack.popLast() else { return }
        if frame.accumulator >= 0 {
            // Accumulators nest like their elements: this one is the innermost still open.
            let start = starts[frame.accumulator]
            let text = textBuffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start...]), as: UTF8.self) }
            active = frame.accumulator
            // Nothing open needs the buffer any more. It is emptied only once past 1 MiB: below that, writing on
            // after the closed cells' bytes costs less than clearing it at every cell.
            if active == 0, textBuffer.count > 1 << 20 { textBuffer.removeAll(keepingCapacity: true) }
            if frame.link >= 0 {
                links[frame.link] = HTMLPage.Link(text: TextNormalizer.cell(text), url: linkURLs[frame.link])
            } else if let parent = stack.last, parent.rowTable >= 0 {
                cells[parent.rowTable].append(Cell(text: text, rowspan: frame.rowspan, colspan: frame.colspan))
            }
        }
        if frame.table >= 0 {
            tables[frame.table] = Self.grid(cells[frame.table], rowStarts: rowStarts[frame.table])
            cells[frame.table] = []
            rowStarts[frame.table] = []
        }
        switch frame.kind.role {
        case .block, .table, .row: appendToAll(0x0A)
        case .cell: appendToAll(0x20)
        case .hidden: hiddenDepth -= 1
        case .rawText: hiddenDepth -= 1; rawTextDepth -= 1
        default: break
        }
    }

    /// Text (UTF-8) in the innermost open element; `followedByMarkup` when a `<` comes right after it.
    @inline(__always)
    func text(_ bytes: UnsafeBufferPointer<UInt8>, followedByMarkup: Bool) {
        guard rawTextDepth == 0 else { return }
        if Self.isBlank(bytes), droppedAsBlank(followedByMarkup: followedByMarkup) { return }
        if !stack.isEmpty { stack[stack.count - 1].lastChild = .text }
        if active > 0 { textBuffer.append(contentsOf: bytes) }
    }

    /// A node that is neither an element nor text nor a comment (a processing instruction) in the
    /// innermost open element.
    func otherNode(allowsText: Bool) {
        if !stack.isEmpty { stack[stack.count - 1].lastChild = .node(allowsText: allowsText) }
    }

    /// Closes what is still open (as libxml2 does when the input ends) and returns what was collected.
    func finish() -> (tables: [CellGrid], links: [HTMLPage.Link]) {
        while !stack.isEmpty { end() }
        return (tables.compactMap { $0 }, links.compactMap { $0 })
    }

    /// libxml2's `areBlanks` for blank text: the checks it makes on the tree being built, which neither
    /// reader has got.
    func droppedAsBlank(followedByMarkup: Bool) -> Bool {
        guard followedByMarkup, let current = stack.last else { return false }
        if strictDoctype, current.kind.isBody { return true }
        switch current.lastChild {
        case .none: return !current.kind.allowsText
        case .text: return false
        case .node(let allowsText): return !allowsText
        }
    }

    /// libxml2's `IS_BLANK_CH`: space, tab, line feed, carriage return.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where !isBlank(b) { return false }
        return true
    }

    func openAccumulator() -> Int {
        if active == starts.count { starts.append(textBuffer.count) } else { starts[active] = textBuffer.count }
        active += 1
        return active - 1
    }

    @inline(__always)
    func appendToAll(_ byte: UInt8) {
        if active > 0 { textBuffer.append(byte) }
    }

    /// A table's rows as a grid, spans expanded: `cells` row after row, row `r` starting at `rowStarts[r]`.
    static func grid(_ cells: [Cell], rowStarts: [Int]) -> CellGrid {
        guard !rowStarts.isEmpty else { return CellGrid(rows: []) }
        let rowCount = rowStarts.count
        func range(_ r: Int) -> Range<Int> { rowStarts[r]..<(r + 1 < rowCount ? rowStarts[r + 1] : cells.count) }
        // occupied[r][c]: the text covering row r, column c (nil = free), rows grown as spans reach them.
        // Most rows have no span of their own and none reaching them from above (`plain`): they are their
        // cells in order, so they skip this bookkeeping.
        var occupied = [[String?]](repeating: [], count: rowCount)
        var plain = [Bool](repeating: false, count: rowCount)
        var reach = -1   // the last row a rowspan from above covers
        func isFree(_ r: Int, _ c: Int) -> Bool { c >= occupied[r].count || occupied[r][c] == nil }
        for r in 0..<rowCount {
            let rowCells = cells[range(r)]
            if r > reach, rowCells.allSatisfy({ ($0.colspan ?? 1) <= 1 && ($0.rowspan ?? 1) <= 1 && $0.rowspan != 0 }) {
                plain[r] = true
                continue
            }
            var column = 0
            for cell in rowCells {
                while !isFree(r, column) { column += 1 }
                let colspan = span(cell.colspan, limit: 256)
                // rowspan="0" reaches to the end of the table.
                let rowspan = cell.rowspan == 0 ? rowCount - r : span(cell.rowspan, limit: rowCount - r)
                reach = max(reach, r + rowspan - 1)
                for dr in 0..<rowspan {
                    let row = r + dr
                    if occupied[row].count < column + colspan {
                        occupied[row].append(contentsOf: repeatElement(nil, count: column + colspan - occupied[row].count))
                    }
                    for dc in 0..<colspan where occupied[row][column + dc] == nil { occupied[row][column + dc] = cell.text }
                }
                column += colspan
            }
        }
        let width = (0..<rowCount).reduce(0) { max($0, plain[$1] ? range($1).count : occupied[$1].count) }
        var result: [CellGrid.Row] = []
        result.reserveCapacity(rowCount)
        for r in 0..<rowCount {
            var row: [String] = []
            row.reserveCapacity(width)
            if plain[r] {
                for cell in cells[range(r)] { row.append(cell.text) }
            } else {
                for c in 0..<occupied[r].count { row.append(occupied[r][c] ?? "") }
            }
            while row.count < width { row.append("") }
            result.append(CellGrid.Row(line: r + 1, cells: row))
        }
        return CellGrid(rows: result)
    }

    /// A `rowspan`/`colspan` value: 1 when absent or malformed, at most `limit`.
    static func span(_ n: Int?, limit: Int) -> Int {
        guard let n, n > 1 else { return 1 }
        return max(1, min(n, limit))
    }
}
