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
        let base = code.map(\.text) ?? "title:" + (title ?? "")
        return occurrence > 1 ? "\(base)#\(occurrence)" : base
    }

    public var description: String { text }

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
        var out = ""
        for scalar in TextNormalizer.halfWidth(text).unicodeScalars
        where !(scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}") {
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// The text shown to a user: half-width, trimmed, inner white space collapsed, line breaks kept as one
    /// space.
    public static func display(_ text: String) -> String { TextNormalizer.cell(text) }
}
