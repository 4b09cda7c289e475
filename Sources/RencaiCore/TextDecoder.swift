import Foundation

/// Decodes bytes from files and web pages: UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030
/// for the labels gb2312, gbk and gb18030 (the WHATWG rule).
public enum TextDecoding {
    /// Foundation's GB18030 encoding on Linux (kCFStringEncodingGB_18030_2000).
    public static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public enum Charset: String, Sendable, Codable {
        case utf8 = "utf-8", utf16le = "utf-16le", utf16be = "utf-16be", gb18030

        /// Maps a label from a header or `<meta>` to a charset; nil when unsupported.
        public init?(label: String) {
            switch label.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) {
            case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
            case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "chinese":
                self = .gb18030
            case "utf-16le", "utf-16": self = .utf16le
            case "utf-16be": self = .utf16be
            default: return nil
            }
        }
    }

    /// Why decoding failed, with the byte offset of the first invalid sequence.
    public struct DecodingFailure: Error, Sendable, Equatable {
        public let charset: Charset
        public let offset: Int
    }

    /// Detects a BOM: the charset and the number of bytes to skip.
    public static func bom(_ data: Data) -> (Charset, Int)? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if data.starts(with: [0xFF, 0xFE]) { return (.utf16le, 2) }
        if data.starts(with: [0xFE, 0xFF]) { return (.utf16be, 2) }
        if data.starts(with: [0x84, 0x31, 0x95, 0x33]) { return (.gb18030, 4) }
        return nil
    }

    /// Decodes `data` in `charset` (a BOM of that charset is skipped), reporting the first bad byte.
    public static func decode(_ data: Data, as charset: Charset) -> Result<String, DecodingFailure> {
        var body = data
        if let (bomCharset, skip) = bom(data), bomCharset == charset { body = data.dropFirst(skip) }
        switch charset {
        case .utf8:
            if let s = String(validatingUTF8Data: body) { return .success(s) }
            return .failure(DecodingFailure(charset: .utf8, offset: firstInvalidUTF8Offset(body) + (data.count - body.count)))
        case .utf16le, .utf16be:
            if let s = String(data: body, encoding: charset == .utf16le ? .utf16LittleEndian : .utf16BigEndian) { return .success(s) }
            return .failure(DecodingFailure(charset: charset, offset: data.count - body.count))
        case .gb18030:
            if let s = String(data: body, encoding: gb18030) { return .success(s) }
            return .failure(DecodingFailure(charset: .gb18030, offset: firstInvalidGB18030Offset(body) + (data.count - body.count)))
        }
    }

    /// For files without a declared charset: BOM, else UTF-8 when valid, else GB18030 when valid.
    public static func decodeGuessing(_ data: Data) -> Result<(String, Charset), DecodingFailure> {
        if let (charset, _) = bom(data) { return decode(data, as: charset).map { ($0, charset) } }
        if let s = String(validatingUTF8Data: data) { return .success((s, .utf8)) }
        switch decode(data, as: .gb18030) {
        case .success(let s): return .success((s, .gb18030))
        case .failure:
            // Report the UTF-8 offset: most files are meant to be UTF-8.
            return .failure(DecodingFailure(charset: .utf8, offset: firstInvalidUTF8Offset(data)))
        }
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence.
    public static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            if b < 0x80 { length = 1 } else if b & 0xE0 == 0xC0, b >= 0xC2 { length = 2 }
            else if b & 0xF0 == 0xE0 { length = 3 } else if b & 0xF8 == 0xF0, b <= 0xF4 { length = 4 } else { return i }
            if i + length > bytes.count { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return bytes.count
    }

    /// The offset of the first byte that does not start a valid GB18030 sequence.
    public static func firstInvalidGB18030Offset(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard b >= 0x81, b <= 0xFE, i + 1 < bytes.count else { return i }
            let b2 = bytes[i + 1]
            if (0x40...0x7E).contains(b2) || (0x80...0xFE).contains(b2) { i += 2; continue }
            if (0x30...0x39).contains(b2), i + 3 < bytes.count,
               (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3]) { i += 4; continue }
            return i
        }
        return bytes.count
    }
}

extension String {
    /// Strict UTF-8 decoding: nil on any invalid byte (Foundation's `String(data:encoding:)` may repair).
    public init?(validatingUTF8Data data: Data) {
        guard let s = String(validating: data, as: UTF8.self) else { return nil }
        self = s
    }
}
