import CLibXML2
import Foundation
import Portals
import RencaiCore

/// The parts of an HTML page a catalogue watcher needs: its tables (as grids, spans expanded) and its
/// links, read with libxml2's HTML parser (which closes `<td>` and `<tr>` the way browsers do).
///
/// ```swift
/// let page = try HTMLPage(data: body, contentType: "text/html; charset=gbk", url: pageURL)
/// page.tables.count       // 1
/// page.links.first?.text  // "关于发布2025年急需紧缺职业目录的通知"
/// ```
public struct HTMLPage: Sendable {
    /// A link: its text (white space collapsed) and its absolute URL.
    public struct Link: Sendable, Hashable {
        public let text: String
        public let url: URL
    }

    public let tables: [CellGrid]
    public let links: [Link]

    /// Parses `data`, decoding it with the charset from `contentType`, else a BOM, else `<meta>` in the first
    /// 1024 bytes, else UTF-8, else GB18030. `url` resolves relative links.
    public init(data: Data, contentType: String? = nil, url: URL? = nil, source: String? = nil) throws {
        let name = source ?? url?.absoluteString ?? "page"
        var text = try HTMLPage.text(of: data, contentType: contentType, name: name)
        let reader = SAXTableReader(base: url)
        let parsed = text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { reader.parse($0, url: url?.absoluteString) }
        }
        guard parsed else { throw CatalogueError.unreadable(source: name, reason: "not an HTML page") }
        tables = reader.tables.compactMap { $0 }
        links = reader.links.compactMap { $0 }
    }

    /// The page as text, decoded as every fetch is: header charset, BOM, `<meta>` in the first 1024 bytes,
    /// then UTF-8, else GB18030. Empty or undecodable pages are errors naming the page.
    static func text(of data: Data, contentType: String?, name: String) throws -> String {
        let decoded = CharsetDetector.decode(data, contentType: contentType)
        guard let text = decoded.string else {
            switch decoded.problem {
            case .invalidBytes(let charset, let offset)?:
                throw CatalogueError.unreadable(source: name, reason: "byte \(offset) is not valid \(charset.rawValue): the page's declared charset is wrong or the download was cut")
            case .unsupportedCharset(let label)?:
                throw CatalogueError.unreadable(source: name, reason: "the page declares charset '\(label)', which rencai cannot decode: save it as UTF-8 and use `rencai watch import`")
            case nil:
                throw CatalogueError.unreadable(source: name, reason: "the text could not be decoded")
            }
        }
        if text.utf8.isEmpty { throw CatalogueError.unreadable(source: name, reason: "the page is empty") }
        return text
    }
}

/// Reads tables and links from libxml2's SAX events, without building libxml2's tree: the parser
/// (tokeniser, implied and auto-closed elements) is the same as `htmlReadMemory`'s, only the events
/// go here. What it collects is what a walk of that tree would collect:
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
/// (that decision looks at the tree's last child, so it is reproduced here from the element stack).
private final class SAXTableReader {
    // The reader is private to one parse on one thread: no dynamic exclusivity checks, which cost more
    // than the work they guard in these per-element callbacks.
    let base: URL?
    /// In document order; a slot is filled when its table or link closes.
    @exclusivity(unchecked) var tables: [CellGrid?] = []
    @exclusivity(unchecked) var links: [HTMLPage.Link?] = []
    /// The URLs of the links, by slot, known when their element opens.
    @exclusivity(unchecked) var linkURLs: [URL] = []

    init(base: URL?) { self.base = base }

    /// What an element is for this reader.
    struct Kind {
        enum Role { case table, row, cell, link, lineBreak, block, hidden, rawText, other }
        let role: Role
        let isBody: Bool
        /// In libxml2's list of elements that allow text (its `allowPCData`): blank text after or inside
        /// one is kept.
        let allowsText: Bool

        init(_ name: String) {
            switch name {
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
        /// A `<tr>` collected as a row: its table's slot (-1 otherwise) and its index among that table's rows.
        var rowTable = -1
        var rowIndex = 0
        /// A collected cell or link: its text accumulator (-1 otherwise).
        var accumulator = -1
        var rowspan: Int?
        var colspan: Int?
        /// A collected link: its slot in ``links`` (-1 otherwise).
        var link = -1

        init(kind: Kind) { self.kind = kind }
    }

    @exclusivity(unchecked) var stack: [Frame] = []
    /// Rows of the tables being read, by table slot (emptied when the table closes).
    @exclusivity(unchecked) var rows: [[[Cell]]] = []
    /// Text of the open cells and links, innermost last; `active` of them are in use.
    @exclusivity(unchecked) var accumulators: [[UInt8]] = []
    @exclusivity(unchecked) var active = 0
    /// Open `script`/`style`/`noscript`/`template` elements: no table or link is collected inside.
    @exclusivity(unchecked) var hiddenDepth = 0
    /// Open `script`/`style` elements: their text is nobody's.
    @exclusivity(unchecked) var rawTextDepth = 0
    /// `<!DOCTYPE>` names strict HTML 4: blank text directly in `<body>` is dropped.
    @exclusivity(unchecked) var strictDoctype = false
    @exclusivity(unchecked) var kinds: [UnsafeRawPointer: Kind] = [:]
    @exclusivity(unchecked) var recentKinds: [(name: UnsafeRawPointer, kind: Kind)] = []
    @exclusivity(unchecked) var context: htmlParserCtxtPtr?

    func parse(_ buffer: UnsafeBufferPointer<CChar>, url: String?) -> Bool {
        var handlers = xmlSAXHandler()
        handlers.startElement = { user, name, attributes in
            guard let user, let name else { return }
            Unmanaged<SAXTableReader>.fromOpaque(user).takeUnretainedValue().start(name, attributes)
        }
        handlers.endElement = { user, _ in
            guard let user else { return }
            Unmanaged<SAXTableReader>.fromOpaque(user).takeUnretainedValue().end()
        }
        handlers.characters = { user, bytes, count in
            guard let user, let bytes, count > 0 else { return }
            Unmanaged<SAXTableReader>.fromOpaque(user).takeUnretainedValue().text(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        // Only script and style content comes as CDATA: their text is nobody's, and their element is
        // already the last child of its parent.
        handlers.cdataBlock = { _, _, _ in }
        handlers.processingInstruction = { user, target, _ in
            guard let user, let target else { return }
            Unmanaged<SAXTableReader>.fromOpaque(user).takeUnretainedValue().instruction(target)
        }
        handlers.internalSubset = { user, _, externalID, _ in
            guard let user, let externalID else { return }
            let id = String(cString: externalID).lowercased()
            if id == "-//w3c//dtd html 4.01//en" || id == "-//w3c//dtd html 4//en" {
                Unmanaged<SAXTableReader>.fromOpaque(user).takeUnretainedValue().strictDoctype = true
            }
        }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let user = Unmanaged.passUnretained(self).toOpaque()
        guard let ctxt = rc_html_sax_context(buffer.baseAddress, Int32(buffer.count), url, options, &handlers, user) else {
            return false
        }
        context = ctxt
        defer { context = nil; rc_html_sax_free(ctxt) }
        _ = htmlParseDocument(ctxt)
        // Elements still open at the end (libxml2 closes them all when the input ends; this is in case
        // it stopped early) are closed so that their tables and links are kept, as a tree would keep them.
        while !stack.isEmpty { end() }
        return true
    }

    func kind(_ name: UnsafePointer<xmlChar>) -> Kind {
        // libxml2 interns element names in the parser's dictionary: one pointer per name and parse. A page
        // uses few names, so a short list searched by pointer beats hashing.
        let key = UnsafeRawPointer(name)
        for entry in recentKinds where entry.name == key { return entry.kind }
        if let known = kinds[key] { return known }
        let kind = Kind(String(cString: name))
        kinds[key] = kind
        if recentKinds.count < 16 { recentKinds.append((key, kind)) }
        return kind
    }

    func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let kind = kind(name)
        if !stack.isEmpty { stack[stack.count - 1].lastChild = .node(allowsText: kind.allowsText) }
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
                rows.append([])
            }
        case .row:
            // A row of the innermost table, unless a nested table or another row comes between.
            if let owner = stack.last(where: { $0.isTable || $0.kind.role == .row }), owner.isTable, owner.table >= 0 {
                frame.rowTable = owner.table
                frame.rowIndex = rows[owner.table].count
                rows[owner.table].append([])
            }
        case .cell:
            if let parent = stack.last, parent.rowTable >= 0 {
                frame.accumulator = openAccumulator()
                if attributes != nil {
                    frame.rowspan = attribute("rowspan", attributes).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                    frame.colspan = attribute("colspan", attributes).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                }
            }
        case .link:
            if hiddenDepth == 0, let href = attribute("href", attributes), !href.isEmpty, !href.lowercased().hasPrefix("javascript:"),
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

    func end() {
        guard let frame = stack.popLast() else { return }
        if frame.accumulator >= 0 {
            // Accumulators nest like their elements: this one is the innermost still open.
            let text = String(decoding: accumulators[frame.accumulator], as: UTF8.self)
            active = frame.accumulator
            if frame.link >= 0 {
                links[frame.link] = HTMLPage.Link(text: TextNormalizer.cell(text), url: linkURLs[frame.link])
            } else if let parent = stack.last, parent.rowTable >= 0 {
                rows[parent.rowTable][parent.rowIndex].append(Cell(text: text, rowspan: frame.rowspan, colspan: frame.colspan))
            }
        }
        if frame.table >= 0 {
            tables[frame.table] = Self.grid(rows[frame.table])
            rows[frame.table] = []
        }
        switch frame.kind.role {
        case .block, .table, .row: appendToAll(0x0A)
        case .cell: appendToAll(0x20)
        case .hidden: hiddenDepth -= 1
        case .rawText: hiddenDepth -= 1; rawTextDepth -= 1
        default: break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<xmlChar>) {
        guard rawTextDepth == 0 else { return }
        if Self.isBlank(bytes), droppedAsBlank() { return }
        if !stack.isEmpty { stack[stack.count - 1].lastChild = .text }
        for i in 0..<active { accumulators[i].append(contentsOf: bytes) }
    }

    func instruction(_ target: UnsafePointer<xmlChar>) {
        // A processing instruction is a node of the tree too (its name is its target; not cached: only
        // element names are known to be interned).
        if !stack.isEmpty { stack[stack.count - 1].lastChild = .node(allowsText: Kind(String(cString: target)).allowsText) }
    }

    /// libxml2's `areBlanks` for blank text that reached `characters`: the checks it makes on the
    /// tree being built, which a SAX parse has not got.
    func droppedAsBlank() -> Bool {
        guard let context, rc_html_next_byte(context) == 0x3C else { return false }   // "<" follows
        guard let current = stack.last else { return false }
        if strictDoctype, current.kind.isBody { return true }
        switch current.lastChild {
        case .none: return !current.kind.allowsText
        case .text: return false
        case .node(let allowsText): return !allowsText
        }
    }

    static func isBlank(_ bytes: UnsafeBufferPointer<xmlChar>) -> Bool {
        for b in bytes where !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) { return false }
        return true
    }

    func openAccumulator() -> Int {
        if active == accumulators.count { accumulators.append([]) } else { accumulators[active].removeAll(keepingCapacity: true) }
        active += 1
        return active - 1
    }

    func appendToAll(_ byte: UInt8) {
        for i in 0..<active { accumulators[i].append(byte) }
    }

    /// An attribute's value ("" for one without a value, as the tree gives it), nil when absent.
    func attribute(_ key: StaticString, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> String? {
        guard let attributes else { return nil }
        var i = 0
        while let name = attributes[i] {
            if strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(key.utf8Start).assumingMemoryBound(to: CChar.self)) == 0 {
                return attributes[i + 1].map { String(cString: $0) } ?? ""
            }
            i += 2
        }
        return nil
    }

    /// A table's rows as a grid, spans expanded.
    static func grid(_ rows: [[Cell]]) -> CellGrid {
        guard !rows.isEmpty else { return CellGrid(rows: []) }
        // occupied[r][c]: the text covering row r, column c (nil = free), rows grown as spans reach them.
        // Most rows have no span of their own and none reaching them from above (`plain`): they are their
        // cells in order, so they skip this bookkeeping.
        var occupied = [[String?]](repeating: [], count: rows.count)
        var plain = [Bool](repeating: false, count: rows.count)
        var reach = -1   // the last row a rowspan from above covers
        func isFree(_ r: Int, _ c: Int) -> Bool { c >= occupied[r].count || occupied[r][c] == nil }
        for (r, cells) in rows.enumerated() {
            if r > reach, cells.allSatisfy({ ($0.colspan ?? 1) <= 1 && ($0.rowspan ?? 1) <= 1 && $0.rowspan != 0 }) {
                plain[r] = true
                continue
            }
            var column = 0
            for cell in cells {
                while !isFree(r, column) { column += 1 }
                let colspan = span(cell.colspan, limit: 256)
                // rowspan="0" reaches to the end of the table.
                let rowspan = cell.rowspan == 0 ? rows.count - r : span(cell.rowspan, limit: rows.count - r)
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
        let width = rows.indices.reduce(0) { max($0, plain[$1] ? rows[$1].count : occupied[$1].count) }
        let result = rows.indices.map { r in
            var cells: [String]
            if plain[r] {
                cells = rows[r].map { $0.text }
                if cells.count < width { cells.append(contentsOf: repeatElement("", count: width - cells.count)) }
            } else {
                cells = (0..<width).map { $0 < occupied[r].count ? occupied[r][$0] ?? "" : "" }
            }
            return CellGrid.Row(line: r + 1, cells: cells)
        }
        return CellGrid(rows: result)
    }

    /// A `rowspan`/`colspan` value: 1 when absent or malformed, at most `limit`.
    static func span(_ n: Int?, limit: Int) -> Int {
        guard let n, n > 1 else { return 1 }
        return max(1, min(n, limit))
    }
}
