import CLibXML2
import Foundation

/// Feeds a ``TableCollector`` from libxml2's SAX events, without building libxml2's tree: the parser
/// (tokeniser, implied and auto-closed elements) is the same as `htmlReadMemory`'s, only the events go
/// here. Reads any page; ``FastTableReader`` reads the plain ones faster and hands the rest to this.
final class LibXMLTableReader {
    let collector: TableCollector
    @exclusivity(unchecked) var kinds: [UnsafeRawPointer: TableCollector.Kind] = [:]
    @exclusivity(unchecked) var recentKinds: [(name: UnsafeRawPointer, kind: TableCollector.Kind)] = []
    @exclusivity(unchecked) var context: htmlParserCtxtPtr?

    init(base: URL?) { collector = TableCollector(base: base) }

    /// The tables and links of the UTF-8 text in `buffer`; nil when libxml2 cannot start on it.
    static func read(_ buffer: UnsafeBufferPointer<UInt8>, url: URL?) -> (tables: [CellGrid], links: [HTMLPage.Link])? {
        let reader = LibXMLTableReader(base: url)
        let parsed = buffer.withMemoryRebound(to: CChar.self) { reader.parse($0, url: url?.absoluteString) }
        return parsed ? reader.collector.finish() : nil
    }

    func parse(_ buffer: UnsafeBufferPointer<CChar>, url: String?) -> Bool {
        var handlers = xmlSAXHandler()
        handlers.startElement = { user, name, attributes in
            guard let user, let name else { return }
            Unmanaged<LibXMLTableReader>.fromOpaque(user).takeUnretainedValue().start(name, attributes)
        }
        handlers.endElement = { user, _ in
            guard let user else { return }
            Unmanaged<LibXMLTableReader>.fromOpaque(user).takeUnretainedValue().collector.end()
        }
        handlers.characters = { user, bytes, count in
            guard let user, let bytes, count > 0 else { return }
            Unmanaged<LibXMLTableReader>.fromOpaque(user).takeUnretainedValue().text(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        // Only script and style content comes as CDATA: their text is nobody's, and their element is
        // already the last child of its parent.
        handlers.cdataBlock = { _, _, _ in }
        handlers.processingInstruction = { user, target, _ in
            guard let user, let target else { return }
            // A processing instruction is a node of the tree too (its name is its target; not cached: only
            // element names are known to be interned).
            let kind = TableCollector.Kind(String(cString: target))
            Unmanaged<LibXMLTableReader>.fromOpaque(user).takeUnretainedValue().collector.otherNode(allowsText: kind.allowsText)
        }
        handlers.internalSubset = { user, _, externalID, _ in
            guard let user, let externalID else { return }
            let id = String(cString: externalID).lowercased()
            if id == "-//w3c//dtd html 4.01//en" || id == "-//w3c//dtd html 4//en" {
                Unmanaged<LibXMLTableReader>.fromOpaque(user).takeUnretainedValue().collector.strictDoctype = true
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
        return true
    }

    func kind(_ name: UnsafePointer<xmlChar>) -> TableCollector.Kind {
        // libxml2 interns element names in the parser's dictionary: one pointer per name and parse. A page
        // uses few names, so a short list searched by pointer beats hashing.
        let key = UnsafeRawPointer(name)
        for entry in recentKinds where entry.name == key { return entry.kind }
        if let known = kinds[key] { return known }
        let kind = TableCollector.Kind(String(cString: name))
        kinds[key] = kind
        if recentKinds.count < 16 { recentKinds.append((key, kind)) }
        return kind
    }

    func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        collector.start(kind(name)) { Self.attribute($0, attributes) }
    }

    func text(_ bytes: UnsafeBufferPointer<xmlChar>) {
        // libxml2 has moved past the text: the byte under its cursor is what follows it.
        let followedByMarkup = context.map { rc_html_next_byte($0) == 0x3C } ?? false
        collector.text(bytes, followedByMarkup: followedByMarkup)
    }

    /// An attribute's value ("" for one without a value, as the tree gives it), nil when absent.
    static func attribute(_ key: TableCollector.Attribute, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> String? {
        guard let attributes else { return nil }
        let wanted: StaticString = switch key {
        case .href: "href"
        case .rowspan: "rowspan"
        case .colspan: "colspan"
        }
        var i = 0
        while let name = attributes[i] {
            if strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(wanted.utf8Start).assumingMemoryBound(to: CChar.self)) == 0 {
                return attributes[i + 1].map { String(cString: $0) } ?? ""
            }
            i += 2
        }
        return nil
    }
}
