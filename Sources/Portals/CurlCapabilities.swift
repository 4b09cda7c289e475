import CCurl
import Foundation

/// What the libcurl this binary runs with can do: shown by `rencai watch fetch` to diagnose a source.
///
/// ```swift
/// let caps = CurlCapabilities.current
/// print(caps.version, caps.http2, caps.encodings)   // "7.88.1" true ["gzip", "deflate", "br", "zstd"]
/// ```
public struct CurlCapabilities: Sendable, Hashable, Codable {
    public let version: String
    public let sslVersion: String
    public let http2: Bool
    /// Content encodings offered in Accept-Encoding.
    public let encodings: [String]

    public static let current: CurlCapabilities = {
        guard let info = rc_version_info()?.pointee else {
            return CurlCapabilities(version: "?", sslVersion: "?", http2: false, encodings: [])
        }
        let features = Int(info.features)
        var encodings: [String] = []
        if features & Int(CURL_VERSION_LIBZ) != 0 { encodings += ["gzip", "deflate"] }
        if features & Int(CURL_VERSION_BROTLI) != 0 { encodings.append("br") }
        if features & Int(CURL_VERSION_ZSTD) != 0 { encodings.append("zstd") }
        return CurlCapabilities(version: info.version.map { String(cString: $0) } ?? "?",
                                sslVersion: info.ssl_version.map { String(cString: $0) } ?? "none",
                                http2: features & Int(CURL_VERSION_HTTP2) != 0, encodings: encodings)
    }()

    /// One line: `libcurl 7.88.1, OpenSSL/3.0.x, HTTP/2, gzip deflate br zstd`.
    public var summary: String {
        "libcurl \(version), \(sslVersion)" + (http2 ? ", HTTP/2" : ", no HTTP/2") + ", " + encodings.joined(separator: " ")
    }
}
