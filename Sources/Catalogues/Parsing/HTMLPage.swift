import Foundation
import Portals
import RencaiCore

/// The parts of an HTML page a catalogue watcher needs: its tables (as grids, spans expanded) and its
/// links, as libxml2's HTML parser reads them (closing `<td>` and `<tr>` the way browsers do).
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

    /// Which reader read the page: the fast byte scan, or libxml2 because the scan declined (and why).
    enum Reader: Sendable, Hashable {
        case fast
        case libxml2(declined: String)
    }
    let reader: Reader

    /// Parses `data`, decoding it with the charset from `contentType`, else a BOM, else `<meta>` in the first
    /// 1024 bytes, else UTF-8, else GB18030. `url` resolves relative links.
    public init(data: Data, contentType: String? = nil, url: URL? = nil, source: String? = nil) throws {
        let name = source ?? url?.absoluteString ?? "page"
        var text = try HTMLPage.text(of: data, contentType: contentType, name: name)
        let (read, reader) = text.withUTF8 { Self.read($0, url: url, tryFast: true) }
        guard let read else { throw CatalogueError.unreadable(source: name, reason: "not an HTML page") }
        tables = read.tables
        links = read.links
        self.reader = reader
    }

    /// The fast scan reads plain markup; anything where libxml2 would repair, imply or guess, it leaves to
    /// libxml2, so both give the same tables and links (HTMLReaderEquivalenceTests). Nil when libxml2
    /// cannot start on the text.
    static func read(_ utf8: UnsafeBufferPointer<UInt8>, url: URL?, tryFast: Bool) -> ((tables: [CellGrid], links: [Link])?, Reader) {
        guard tryFast else { return (LibXMLTableReader.read(utf8, url: url), .libxml2(declined: "not asked to try")) }
        switch FastTableReader.read(utf8, base: url) {
        case .read(let tables, let links): return ((tables, links), .fast)
        case .declined(let reason): return (LibXMLTableReader.read(utf8, url: url), .libxml2(declined: reason))
        }
    }

    /// For `bench-watch --stages`: reads `data` (UTF-8) as a page is read, or with libxml2 alone when
    /// `libxml2` is true; the number of tables, and whether the fast scan read them.
    @_spi(Benchmarks)
    public static func timingRead(_ data: Data, libxml2: Bool) -> (tables: Int, fast: Bool) {
        var text = String(decoding: data, as: UTF8.self)
        let (read, reader) = text.withUTF8 { Self.read($0, url: nil, tryFast: !libxml2) }
        return (read?.tables.count ?? 0, reader == .fast)
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
