import Foundation
import RencaiCore

/// A response body decoded to text, with where its charset came from, or why it could not be decoded.
///
/// ```swift
/// if let text = response.text?.string { parse(text) }
/// else if case .invalidBytes(let charset, let offset)? = response.text?.problem { report(charset, offset) }
/// ```
public struct DecodedText: Sendable, Hashable {
    /// The charset used, nil when the declared label is not supported.
    public let charset: TextDecoding.Charset?
    /// The label as declared (`gbk`, `GB2312`, `utf-8` …), nil when guessed.
    public let declaredLabel: String?
    /// Where the charset came from.
    public let source: CharsetSource
    /// The text, nil when decoding failed.
    public let string: String?
    /// Why decoding failed, nil on success.
    public let problem: DecodingProblem?

    public init(charset: TextDecoding.Charset?, declaredLabel: String?, source: CharsetSource, string: String?,
                problem: DecodingProblem?) {
        self.charset = charset
        self.declaredLabel = declaredLabel
        self.source = source
        self.string = string
        self.problem = problem
    }
}

/// Where a page's charset was found, in the order they are tried.
public enum CharsetSource: String, Sendable, Hashable, Codable {
    /// `Content-Type: text/html; charset=…`
    case header
    /// A byte-order mark.
    case bom
    /// `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 1024 bytes.
    case meta
    /// Nothing declared: UTF-8 when valid, else GB18030 when valid.
    case guessed
}

/// Why a body could not be decoded.
public enum DecodingProblem: Sendable, Hashable, Error, CustomStringConvertible {
    /// A byte sequence invalid in the charset, at this byte offset of the body.
    case invalidBytes(charset: TextDecoding.Charset, offset: Int)
    /// The page declares a charset rencai does not decode (big5, iso-8859-1 …).
    case unsupportedCharset(label: String)

    public var description: String {
        switch self {
        case .invalidBytes(let charset, let offset): return "invalid \(charset.rawValue) bytes at offset \(offset)"
        case .unsupportedCharset(let label): return "unsupported charset '\(label)'"
        }
    }
}
