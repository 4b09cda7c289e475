import Foundation
import RencaiCore

/// What the server answered to the last request of a fetch (after redirects).
///
/// A 304, a 412 bot wall or a 503 are all responses; whether they count as content is decided by
/// ``FetchOutcome``, never by the transfer succeeding.
public struct FetchResponse: Sendable {
    /// The HTTP status of the final response.
    public let status: Int
    /// The headers of the final response.
    public let headers: HTTPHeaders
    /// The body bytes after content decoding (gzip, brotli, zstd …).
    public let body: Data
    /// The body as text, for text-like content types (HTML, XML, JSON, CSV, plain text, or none declared);
    /// nil for binary attachments such as XLSX or PDF. A fetched response decodes it on each access (the
    /// watcher parses the bytes and never needs it, so fetches do not pay for decoding).
    public var text: DecodedText? {
        switch textSource {
        case .given(let text): return text
        case .decodedOnAccess:
            return CharsetDetector.isTextual(contentType: contentType) && status != 304
                ? CharsetDetector.decode(body, contentType: contentType) : nil
        }
    }
    private var textSource: TextSource

    private enum TextSource: Sendable {
        case given(DecodedText?)
        case decodedOnAccess
    }
    /// The URL the last request went to, after redirects.
    public let effectiveURL: URL?
    /// How many redirects were followed.
    public let redirectCount: Int
    /// "1.0", "1.1", "2" or "3".
    public let httpVersion: String
    /// Where the time went.
    public let timings: FetchTimings
    /// Whether validators (If-None-Match / If-Modified-Since) were sent.
    public let wasConditional: Bool

    public init(status: Int, headers: HTTPHeaders, body: Data, text: DecodedText?, effectiveURL: URL?,
                redirectCount: Int, httpVersion: String, timings: FetchTimings, wasConditional: Bool) {
        self.status = status
        self.headers = headers
        self.body = body
        self.textSource = .given(text)
        self.effectiveURL = effectiveURL
        self.redirectCount = redirectCount
        self.httpVersion = httpVersion
        self.timings = timings
        self.wasConditional = wasConditional
    }

    /// A fetched response whose ``text`` is decoded from the body when asked for.
    init(status: Int, headers: HTTPHeaders, body: Data, effectiveURL: URL?, redirectCount: Int, httpVersion: String,
         timings: FetchTimings, wasConditional: Bool) {
        self.init(status: status, headers: headers, body: body, text: nil, effectiveURL: effectiveURL,
                  redirectCount: redirectCount, httpVersion: httpVersion, timings: timings, wasConditional: wasConditional)
        self.textSource = .decodedOnAccess
    }

    /// The validators this response carries, to send on the next request.
    public var validators: Validators {
        Validators(etag: headers["etag"], lastModified: headers["last-modified"])
    }

    /// The declared content type, e.g. `text/html; charset=gbk`.
    public var contentType: String? { headers["content-type"] }

    /// SHA-256 (hex) of the body: the identity of a page's content.
    public var contentHash: String { ContentHash.sha256Hex(body) }
}

/// Seconds from the start of the transfer to each milestone, as libcurl measures them.
public struct FetchTimings: Sendable, Hashable, Codable {
    public let nameLookup: Double
    public let connect: Double
    /// TLS handshake done (0 for plain HTTP).
    public let tlsHandshake: Double
    public let firstByte: Double
    public let total: Double
    /// Time spent in redirects before the final request.
    public let redirect: Double

    public init(nameLookup: Double = 0, connect: Double = 0, tlsHandshake: Double = 0, firstByte: Double = 0,
                total: Double = 0, redirect: Double = 0) {
        self.nameLookup = nameLookup
        self.connect = connect
        self.tlsHandshake = tlsHandshake
        self.firstByte = firstByte
        self.total = total
        self.redirect = redirect
    }
}
