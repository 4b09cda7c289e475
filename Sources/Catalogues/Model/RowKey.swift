import Foundation
import RencaiCore

/// The identity of a catalogue row across revisions: its normalised occupation code when the row has one
/// (`２－０２－１０－０３`, `2—02—10—03` and `2021003` are all `2-02-10-03`), else its normalised title.
///
/// A key that repeats within one revision is a data-quality finding; the second and later rows get an
/// `occurrence` above 1 so that no row is lost from the diff.
///
/// ```swift
/// RowKey(code: OccupationCode("20210")!).text     // "2-02-10"
/// RowKey(title: "软件 工程师").text                // "title:软件工程师"
/// ```
public struct RowKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The normalised code, when the key is a code.
    public let code: OccupationCode?
    /// The normalised title (``CellText/comparable(_:)``), when the key is a title.
    public let title: String?
    /// 1 for the first row with this key in a revision, 2 for the next, and so on.
    public let occurrence: Int

    public init(code: OccupationCode, occurrence: Int = 1) {
        self.code = code
        self.title = nil
        self.occurrence = occurrence
    }

    public init(title: String, occurrence: Int = 1) {
        self.code = nil
        self.title = CellText.comparable(title)
        self.occurrence = occurrence
    }

    /// `2-02-10-03`, `title:软件工程师`, with `#2` appended for a repeated key.
    public var text: String {
        let base = code.map(RowKey.codeText) ?? "title:" + (title ?? "")
        return occurrence > 1 ? "\(base)#\(occurrence)" : base
    }

    public var description: String { text }

    /// ``OccupationCode/text`` without `String(format:)`, which is slow on Linux and runs for every row.
    static func codeText(_ code: OccupationCode) -> String {
        var out = String(code.group(0))
        for i in 1..<code.groupCount {
            let p = code.group(i)
            out.append("-")
            if p < 10 { out.append("0") }
            out.append(String(p))
        }
        return out
    }

    /// Whether `text` is exactly ``codeText(_:)`` of `code` (most key cells already are), checked without
    /// building the text.
    static func isCodeText(_ text: String, _ code: OccupationCode) -> Bool {
        let groups = code.groupCount
        let utf8 = text.utf8
        guard utf8.count == 3 * groups - 2 else { return false }
        func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            let major = code.group(0)
            guard (0...9).contains(major), b[0] == UInt8(0x30 + major) else { return false }
            for g in 1..<groups {
                let p = code.group(g), at = 3 * g - 2
                guard p >= 0, p < 100, b[at] == 0x2D, b[at + 1] == UInt8(0x30 + p / 10), b[at + 2] == UInt8(0x30 + p % 10) else { return false }
            }
            return true
        }
        return utf8.withContiguousStorageIfAvailable(matches) ?? Array(utf8).withUnsafeBufferPointer(matches)
    }

    /// ``text`` appended as UTF-8 to `bytes`, without building the string.
    func appendText(to bytes: inout [UInt8]) {
        guard let code, (0..<code.groupCount).allSatisfy({ (0...99).contains(code.group($0)) }), code.group(0) < 10 else {
            bytes.append(contentsOf: text.utf8)
            return
        }
        bytes.append(UInt8(0x30 + code.group(0)))
        for i in 1..<code.groupCount {
            let p = code.group(i)
            bytes.append(0x2D)
            bytes.append(UInt8(0x30 + p / 10))
            bytes.append(UInt8(0x30 + p % 10))
        }
        if occurrence > 1 {
            bytes.append(0x23)
            bytes.append(contentsOf: String(occurrence).utf8)
        }
    }

    /// A number that sorts code keys as ``<`` does (code parts, then occurrence); nil for title keys and
    /// for codes outside the packable range, which need ``<`` itself.
    var sortKey: UInt64? {
        guard let code, code.groupCount <= 4, occurrence >= 0, occurrence < (1 << 32) else { return nil }
        var key: UInt64 = 0
        for i in 0..<4 {
            let p = i < code.groupCount ? code.group(i) + 1 : 0   // a shorter code sorts first
            guard (0..<256).contains(p) else { return nil }
            key = key << 8 | UInt64(p)
        }
        return key << 32 | UInt64(occurrence)
    }

    /// Sorts `items` by their key as ``<`` orders keys, comparing packed numbers when every key packs.
    static func sort<T>(_ items: inout [T], by key: (T) -> RowKey) {
        guard items.count > 1 else { return }
        let packed = items.map { key($0).sortKey }
        if packed.allSatisfy({ $0 != nil }) {
            // Catalogues usually list rows in code order already.
            if zip(packed, packed.dropFirst()).allSatisfy({ $0! <= $1! }) { return }
            let order = packed.indices.sorted { packed[$0]! < packed[$1]! }
            items = order.map { items[$0] }
        } else {
            items.sort { key($0) < key($1) }
        }
    }

    /// Parses ``text`` back (as stored and as typed on the command line).
    public init?(text: String) {
        var body = Substring(text)
        var occurrence = 1
        if let hash = body.lastIndex(of: "#"), let n = Int(body[body.index(after: hash)...]), n > 1 {
            occurrence = n
            body = body[..<hash]
        }
        if body.hasPrefix("title:") {
            let t = String(body.dropFirst(6))
            guard !t.isEmpty else { return nil }
            self.init(title: t, occurrence: occurrence)
        } else if let code = OccupationCode(String(body)) {
            self.init(code: code, occurrence: occurrence)
        } else {
            return nil
        }
    }

    /// The same key without the repeat counter.
    public var first: RowKey {
        code.map { RowKey(code: $0) } ?? RowKey(title: title ?? "")
    }

    /// Codes first (in code order), then titles.
    public static func < (a: RowKey, b: RowKey) -> Bool {
        switch (a.code, b.code) {
        case let (x?, y?): return x == y ? a.occurrence < b.occurrence : x < y
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return (a.title ?? "", a.occurrence) < (b.title ?? "", b.occurrence)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let key = RowKey(text: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not a row key")
        }
        self = key
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// How cell text is compared: two cells that differ only in white space, line breaks or full-width versus
/// half-width forms are the same value.
public enum CellText {
    /// NFKC (full-width → half-width) with every white-space character removed, so that `研发<br>工程师`,
    /// `研发 工程师` and `研发工程师` compare equal.
    public static func comparable(_ text: String) -> String {
        let source = needsNormalization(text) ? TextNormalizer.halfWidth(text) : text
        var out = String.UnicodeScalarView()
        for scalar in source.unicodeScalars where !isSpace(scalar) { out.append(scalar) }
        return String(out)
    }

    /// The text shown to a user: half-width, trimmed, inner white space (line breaks included) collapsed to
    /// one space. The same result as ``TextNormalizer/cell(_:)``.
    public static func display(_ text: String) -> String {
        if isClean(text) { return text }
        let source = needsNormalization(text) ? TextNormalizer.halfWidth(text) : text
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in source.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Already in display form (most cells): no NFKC needed, no white space but single inner spaces.
    static func isClean(_ text: String) -> Bool {
        // Read as UTF-8 bytes (this runs for every cell): printable ASCII, U+3001…U+3011 (E3 80 81…91)
        // and U+4E00…U+9FFF (E4 B8 80 … E9 BF BF); the string is valid UTF-8, so continuation bytes
        // need only their range checked where the lead byte leaves it open.
        // Over the contiguous UTF-8 (String.UTF8View's iterator re-checks the string's form at every byte).
        var text = text
        return text.withUTF8 { utf8 -> Bool in
            var previousSpace = true   // a leading space is not clean
            var k = 0
            let n = utf8.count
            while k < n {
                let b = utf8[k]
                if b == 0x20 {
                    if previousSpace { return false }
                    previousSpace = true
                    k += 1
                } else if b >= 0x21 && b <= 0x7E {
                    previousSpace = false
                    k += 1
                } else if b == 0xE3 {
                    guard k + 2 < n, utf8[k + 1] == 0x80, utf8[k + 2] >= 0x81 && utf8[k + 2] <= 0x91 else { return false }
                    previousSpace = false
                    k += 3
                } else if b >= 0xE4 && b <= 0xE9 {
                    guard k + 2 < n, b != 0xE4 || utf8[k + 1] >= 0xB8 else { return false }
                    previousSpace = false
                    k += 3
                } else {
                    return false
                }
            }
            return n == 0 || !previousSpace
        }
    }

    /// ``comparable(_:)`` of a text that is already ``display(_:)``-clean (NFKC done): only spaces to drop.
    static func comparable(displayed text: String) -> String {
        guard containsSpace(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar != " " { out.append(scalar) }
        return String(out)
    }

    /// Whether the UTF-8 of `a` and `b` is the same. For display-clean cells (NFKC, so NFC) this is
    /// String equality, without its Unicode comparison (slow for CJK text) or the generic byte-by-byte
    /// iteration of `utf8.elementsEqual`.
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        let compared = x.withContiguousStorageIfAvailable { p -> Bool? in
            y.withContiguousStorageIfAvailable { q in p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 }
        }
        return (compared ?? nil) ?? x.elementsEqual(y)
    }

    /// Whether `text` holds an ASCII space.
    @inline(__always)
    static func containsSpace(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { p in !p.isEmpty && memchr(p.baseAddress!, 0x20, p.count) != nil }
            ?? text.utf8.contains(0x20)
    }

    /// NFKC is slow on Linux and the identity on most catalogue text: skip it when every scalar is printable
    /// ASCII, ASCII white space, a CJK unified ideograph or CJK punctuation that NFKC leaves alone.
    static func needsNormalization(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0x20...0x7E).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x3001...0x3011).contains(v)
                || v == 0x09 || v == 0x0A || v == 0x0D { continue }
            return true
        }
        return false
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar.value == 0x0B || scalar.value == 0x0C }
        return scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}"
    }
}
