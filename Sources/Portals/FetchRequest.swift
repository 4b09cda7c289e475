import Foundation

/// One page or attachment to fetch, with what the caller remembers about it.
///
/// The client is stateless about sources: the caller (Watch, Catalogues) stores the validators and the
/// content hash of the last good fetch and passes them back on the next one.
///
/// ```swift
/// let request = FetchRequest(url: URL(string: "https://rsj.sh.gov.cn/catalogue.html")!,
///                            validators: stored.validators, previousContentHash: stored.hash)
/// let result = await client.fetch(request)
/// ```
public struct FetchRequest: Sendable, Hashable {
    /// The page or attachment, `http` or `https` only.
    public var url: URL
    /// ETag / Last-Modified from the last successful fetch; sent as If-None-Match / If-Modified-Since.
    public var validators: Validators
    /// SHA-256 (hex) of the body of the last successful fetch; nil when the source was never fetched.
    public var previousContentHash: String?
    /// When the caller last made an unconditional fetch; when it is older than the client's
    /// `unconditionalInterval` (or nil), the validators are not sent, so a server that answers 304 wrongly
    /// cannot hide a change for ever.
    public var lastUnconditionalFetch: Date?
    /// A PEM file of extra trusted CAs for this source (some provincial sites use a national CA that the
    /// system store lacks). TLS verification stays on either way.
    public var caFile: String?
    /// Timeouts and size limits; nil means the client's defaults.
    public var limits: FetchLimits?
    /// Whether to obey robots.txt; only a user's explicit manual fetch should turn this off.
    public var obeyRobots: Bool

    public init(url: URL, validators: Validators = .none, previousContentHash: String? = nil,
                lastUnconditionalFetch: Date? = nil, caFile: String? = nil, limits: FetchLimits? = nil,
                obeyRobots: Bool = true) {
        self.url = url
        self.validators = validators
        self.previousContentHash = previousContentHash
        self.lastUnconditionalFetch = lastUnconditionalFetch
        self.caFile = caFile
        self.limits = limits
        self.obeyRobots = obeyRobots
    }
}

/// The HTTP cache validators of a response, to store and send back on the next request.
public struct Validators: Sendable, Hashable, Codable {
    /// The `ETag` header, verbatim (quotes and `W/` included).
    public var etag: String?
    /// The `Last-Modified` header, verbatim.
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// No validators: the request is unconditional.
    public static let none = Validators()

    /// True when there is nothing to send.
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

/// Per-request limits that keep a hostile or broken server from hanging or flooding the watcher.
public struct FetchLimits: Sendable, Hashable, Codable {
    /// Seconds allowed to connect (TCP + TLS).
    public var connectTimeout: Double
    /// Seconds allowed for the whole transfer, redirects included.
    public var totalTimeout: Double
    /// A transfer slower than this many bytes per second …
    public var lowSpeedBytesPerSecond: Int
    /// … for this many seconds is aborted as too slow.
    public var lowSpeedWindow: Double
    /// The largest body accepted, counted after content decoding (a gzip bomb is cut too).
    public var maxBodyBytes: Int
    /// The largest number of redirects followed.
    public var maxRedirects: Int

    public init(connectTimeout: Double = 15, totalTimeout: Double = 120, lowSpeedBytesPerSecond: Int = 512,
                lowSpeedWindow: Double = 30, maxBodyBytes: Int = 32 << 20, maxRedirects: Int = 5) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedWindow = lowSpeedWindow
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
    }

    /// Defaults suited to government portals: slow but not stuck, pages and spreadsheets up to 32 MiB.
    public static let standard = FetchLimits()
}
