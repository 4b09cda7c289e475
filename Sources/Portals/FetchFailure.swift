import Foundation

/// Why a fetch produced no usable answer. Each case says what happened in terms a user can act on.
public enum FetchFailure: Error, Sendable, Hashable {
    /// The whole transfer took longer than the total timeout (seconds).
    case timedOut(after: Double)
    /// The connection could not be made within the connect timeout, or was refused.
    case connectFailed(String)
    /// The server sent fewer than `bytesPerSecond` for `window` seconds (a slow drip).
    case tooSlow(bytesPerSecond: Int, window: Double)
    /// The body grew past the limit (bytes) and was cut.
    case bodyTooLarge(limit: Int)
    /// More redirects than the limit: usually a redirect loop.
    case tooManyRedirects(limit: Int)
    /// A URL or a redirect pointed at a scheme other than http/https (file://, ftp:// …).
    case protocolRefused(String)
    /// robots.txt disallows this URL for rencai (or robots.txt answered 5xx: RFC 9309 says assume disallowed).
    case robotsDisallowed(robotsURL: String, reason: String)
    /// An HTTP status that is neither content nor 304 (404, 500, 503 …) after the retries.
    case httpStatus(Int)
    /// 429 Too Many Requests; `retryAfter` is the server's wish in seconds when it gave one.
    case rateLimited(retryAfter: Double?)
    /// The TLS handshake or certificate verification failed.
    case tls(String)
    /// Any other transport failure, with libcurl's code and message.
    case network(code: Int, message: String)
    /// The URL is malformed.
    case invalidURL(String)
    /// The fetch was cancelled (task cancelled or client shut down).
    case cancelled

    /// One line for logs and the CLI.
    public var message: String {
        switch self {
        case .timedOut(let s): return "timed out after \(Self.format(s)) s"
        case .connectFailed(let m): return "could not connect: \(m)"
        case .tooSlow(let bps, let w): return "too slow: under \(bps) bytes/s for \(Self.format(w)) s"
        case .bodyTooLarge(let limit): return "body larger than the limit of \(limit) bytes; cut"
        case .tooManyRedirects(let limit): return "more than \(limit) redirects (a redirect loop?)"
        case .protocolRefused(let m): return "refused a non-http(s) URL or redirect: \(m)"
        case .robotsDisallowed(let url, let reason): return "robots.txt disallows this URL (\(reason); \(url))"
        case .httpStatus(let status): return "HTTP \(status)"
        case .rateLimited(let s): return "HTTP 429 rate limited" + (s.map { ", Retry-After \(Self.format($0)) s" } ?? "")
        case .tls(let m): return "TLS failure: \(m)"
        case .network(let code, let m): return "network error \(code): \(m)"
        case .invalidURL(let u): return "invalid URL: \(u)"
        case .cancelled: return "cancelled"
        }
    }

    /// A stable short name for JSON and the store.
    public var code: String {
        switch self {
        case .timedOut: return "timed_out"
        case .connectFailed: return "connect_failed"
        case .tooSlow: return "too_slow"
        case .bodyTooLarge: return "body_too_large"
        case .tooManyRedirects: return "too_many_redirects"
        case .protocolRefused: return "protocol_refused"
        case .robotsDisallowed: return "robots_disallowed"
        case .httpStatus: return "http_status"
        case .rateLimited: return "rate_limited"
        case .tls: return "tls"
        case .network: return "network"
        case .invalidURL: return "invalid_url"
        case .cancelled: return "cancelled"
        }
    }

    /// Worth another attempt after a backoff: 429, 5xx and transient network failures. Limits, refusals,
    /// robots and 4xx are not: the same request would fail the same way.
    public var isRetryable: Bool {
        switch self {
        case .timedOut, .connectFailed, .tooSlow, .rateLimited, .network: return true
        case .httpStatus(let status): return status >= 500 || status == 408
        default: return false
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
