import CLibXML2
import Foundation
import Portals
import RencaiCore
@testable import Catalogues

/// The tree-walking reader that HTMLPage used before it read libxml2's SAX events: libxml2 builds its
/// tree (htmlReadMemory) and this walks it. Kept here as the reference the SAX reader must agree with,
/// table for table and link for link.
///
/// Formerly: the parts of an HTML page a catalogue watcher needs: its tables (as grids, spans expanded) and its
/// links, read with libxml2's HTML parser (which closes `<td>` and `<tr>` the way browsers do).
///
/// ```swift
/// let page = try HTMLPage(data: body, contentType: "text/html; charset=gbk", url: pageURL)
/// page.tables.count       // 1
/// page.links.first?.text  // "关于发布2025年急需紧缺职业目录的通知"
/// ```
struct DOMReferencePage {
    /// A link: its text (white space collapsed) and its absolute URL.
    let tables: [CellGrid]
    let links: [HTMLPage.Link]

    /// Parses `data`, decoding it with the charset from `contentType`, else a BOM, else `<meta>` in the first
    /// 1024 bytes, else UTF-8, else GB18030. `url` resolves relative links.
    init(data: Data, contentType: String? = nil, url: URL? = nil, source: String? = nil) throws {
        let name = source ?? url?.absoluteString ?? "page"
        var utf8 = Array(try HTMLPage.text(of: data, contentType: contentType, name: name).utf8)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let doc = utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), url?.absoluteString, "UTF-8", options)
            }
        }
        guard let doc else { throw CatalogueError.unreadable(source: name, reason: "not an HTML page") }
        defer { xmlFreeDoc(doc) }
        var walker = ReferenceWalker(base: url)
        if let root = xmlDocGetRootElement(doc) { walker.visit(root) }
        tables = walker.tables
        links = walker.links
    }
}

/// Walks libxml2's tree once, collecting tables and links.
private struct ReferenceWalker {
    let base: URL?
    var tables: [CellGrid] = []
    var links: [HTMLPage.Link] = []

    init(base: URL?) { self.base = base }

    mutating func visit(_ node: xmlNodePtr) {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                switch name(c) {
                case "script", "style", "noscript", "template": break
                case "table":
                    tables.append(grid(c))
                    // Tables nested in cells are catalogues too on some portals; links inside count.
                    visit(c)
                case "a":
                    if let href = attribute(c, "href"), !href.isEmpty, !href.lowercased().hasPrefix("javascript:"),
                       let url = URL(string: href.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "%20"), relativeTo: base)?.absoluteURL {
                        links.append(HTMLPage.Link(text: TextNormalizer.cell(text(c)), url: url))
                    }
                    visit(c)
                case "base":
                    visit(c)
                default: visit(c)
                }
            }
            child = c.pointee.next
        }
    }

    func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    func attribute(_ node: xmlNodePtr, _ key: String) -> String? {
        guard let value = xmlGetProp(node, key) else { return nil }
        defer { rc_xml_free(value) }
        return String(cString: value)
    }

    /// A cell's text with `<br>` and block boundaries as line breaks (``CellText`` decides later whether
    /// they matter).
    func text(_ node: xmlNodePtr) -> String {
        var out = ""
        appendText(node, to: &out)
        return out
    }

    func appendText(_ node: xmlNodePtr, to out: inout String) {
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { out += String(cString: content) }
            case XML_ELEMENT_NODE:
                let n = name(c)
                switch n {
                case "br": out += "\n"
                case "script", "style": break
                case "p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6":
                    out += "\n"; appendText(c, to: &out); out += "\n"
                case "td", "th":
                    out += " "; appendText(c, to: &out); out += " "
                default: appendText(c, to: &out)
                }
            default: break
            }
            child = c.pointee.next
        }
    }

    /// The table's own rows (not those of tables nested in its cells), spans expanded.
    func grid(_ table: xmlNodePtr) -> CellGrid {
        var rows: [xmlNodePtr] = []
        collectRows(table, into: &rows)
        guard !rows.isEmpty else { return CellGrid(rows: []) }
        // occupied[r][c]: the text covering row r, column c (nil = free), rows grown as spans reach them.
        var occupied = [[String?]](repeating: [], count: rows.count)
        func isFree(_ r: Int, _ c: Int) -> Bool { c >= occupied[r].count || occupied[r][c] == nil }
        for (r, tr) in rows.enumerated() {
            var column = 0
            var child = tr.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                let n = name(c)
                guard n == "td" || n == "th" else { continue }
                while !isFree(r, column) { column += 1 }
                let colspan = span(attribute(c, "colspan"), limit: 256)
                let rowspanText = attribute(c, "rowspan")
                var rowspan = span(rowspanText, limit: rows.count - r)
                if rowspanText.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) == 0 { rowspan = rows.count - r }
                let value = text(c)
                for dr in 0..<rowspan {
                    let row = r + dr
                    if occupied[row].count < column + colspan {
                        occupied[row].append(contentsOf: repeatElement(nil, count: column + colspan - occupied[row].count))
                    }
                    for dc in 0..<colspan where occupied[row][column + dc] == nil { occupied[row][column + dc] = value }
                }
                column += colspan
            }
        }
        let width = occupied.map(\.count).max() ?? 0
        let result = occupied.enumerated().map { r, cells in
            CellGrid.Row(line: r + 1, cells: (0..<width).map { $0 < cells.count ? cells[$0] ?? "" : "" })
        }
        return CellGrid(rows: result)
    }

    func collectRows(_ node: xmlNodePtr, into rows: inout [xmlNodePtr]) {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                switch name(c) {
                case "tr": rows.append(c)
                case "table": break
                default: collectRows(c, into: &rows)
                }
            }
            child = c.pointee.next
        }
    }

    /// A `rowspan`/`colspan` value: 1 when absent or malformed, at most `limit`.
    func span(_ text: String?, limit: Int) -> Int {
        guard let text, let n = Int(text.trimmingCharacters(in: .whitespaces)), n > 1 else { return 1 }
        return max(1, min(n, limit))
    }
}
