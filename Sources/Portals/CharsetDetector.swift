import Foundation
import RencaiCore

/// Finds a page's charset — HTTP header, then BOM, then `<meta>` in the first 1024 bytes — and decodes it,
/// reading gb2312/gbk labels as GB18030 (the WHATWG rule, through `RencaiCore.TextDecoding`).
///
/// ```swift
/// let text = CharsetDetector.decode(body, contentType: "text/html")   // finds <meta charset="gbk">
/// text.source    // .meta
/// text.string    // "上海市…"
/// ```
public enum CharsetDetector {
    /// How far into the body `<meta>` is looked for (the HTML standard's prescan window).
    public static let metaWindow = 1024

    /// Decodes `body` with the first charset found.
    public static func decode(_ body: Data, contentType: String?) -> DecodedText {
        if let label = charsetLabel(contentType: contentType) {
            return decode(body, label: label, source: .header)
        }
        if let (charset, _) = TextDecoding.bom(body) {
            return finish(body, charset: charset, label: nil, source: .bom)
        }
        if let label = metaCharsetLabel(body) {
            return decode(body, label: label, source: .meta)
        }
        switch TextDecoding.decodeGuessing(body) {
        case .success(let (string, charset)):
            return DecodedText(charset: charset, declaredLabel: nil, source: .guessed, string: string, problem: nil)
        case .failure(let failure):
            return DecodedText(charset: failure.charset, declaredLabel: nil, source: .guessed, string: nil,
                               problem: .invalidBytes(charset: failure.charset, offset: failure.offset))
        }
    }

    /// Whether a content type is text worth decoding (HTML, XML, JSON, CSV, plain text, scripts) or absent.
    public static func isTextual(contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
              !type.isEmpty else { return true }
        return type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml") || type.hasSuffix("/json")
            || type.hasSuffix("+json") || type.hasSuffix("/javascript") || type == "application/xhtml+xml"
    }

    /// The `charset` parameter of a Content-Type header.
    public static func charsetLabel(contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            if !value.isEmpty { return value }
        }
        return nil
    }

    /// The charset declared by a `<meta>` tag within the first 1024 bytes.
    public static func metaCharsetLabel(_ body: Data) -> String? {
        // Bytes ≥ 0x80 become "?", so the scan is ASCII whatever the real charset (labels are ASCII).
        let window = String(decoding: body.prefix(metaWindow).map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
            .lowercased()
        var searchStart = window.startIndex
        while let tagStart = window.range(of: "<meta", range: searchStart..<window.endIndex) {
            let tagEnd = window.range(of: ">", range: tagStart.upperBound..<window.endIndex)?.lowerBound ?? window.endIndex
            let tag = window[tagStart.upperBound..<tagEnd]
            if let label = charsetValue(in: tag) { return label }
            searchStart = tagEnd
            if searchStart == window.endIndex { break }
        }
        return nil
    }

    /// `charset=…` inside a meta tag, whether as an attribute or inside `content="text/html; charset=…"`.
    static func charsetValue(in tag: Substring) -> String? {
        guard let key = tag.range(of: "charset") else { return nil }
        var i = key.upperBound
        func skip(_ set: Set<Character>) { while i < tag.endIndex, set.contains(tag[i]) { i = tag.index(after: i) } }
        skip([" ", "\t", "\n", "\r"])
        guard i < tag.endIndex, tag[i] == "=" else { return nil }
        i = tag.index(after: i)
        skip([" ", "\t", "\n", "\r", "\"", "'"])
        let start = i
        while i < tag.endIndex, tag[i].isLetter || tag[i].isNumber || "-_:.".contains(tag[i]) { i = tag.index(after: i) }
        let label = String(tag[start..<i])
        return label.isEmpty ? nil : label
    }

    private static func decode(_ body: Data, label: String, source: CharsetSource) -> DecodedText {
        guard let charset = TextDecoding.Charset(label: label) else {
            return DecodedText(charset: nil, declaredLabel: label, source: source, string: nil,
                               problem: .unsupportedCharset(label: label))
        }
        return finish(body, charset: charset, label: label, source: source)
    }

    private static func finish(_ body: Data, charset: TextDecoding.Charset, label: String?, source: CharsetSource) -> DecodedText {
        switch TextDecoding.decode(body, as: charset) {
        case .success(let string):
            return DecodedText(charset: charset, declaredLabel: label, source: source, string: string, problem: nil)
        case .failure(let failure):
            return DecodedText(charset: charset, declaredLabel: label, source: source, string: nil,
                               problem: .invalidBytes(charset: failure.charset, offset: failure.offset))
        }
    }
}
