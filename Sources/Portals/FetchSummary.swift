import Foundation

/// A flat, JSON-ready description of a ``FetchResult`` for logs, `rencai watch fetch --json` and the store.
///
/// ```swift
/// let summary = FetchSummary(result)
/// print(summary.outcome, summary.status ?? 0, summary.decodedCharacters ?? 0)
/// ```
public struct FetchSummary: Sendable, Codable, Hashable {
    public let url: String
    /// `first_seen`, `unchanged`, `not_modified`, `changed`, `blocked` or `error`.
    public let outcome: String
    public let status: Int?
    /// For `blocked`: the vendor's code (`rivers_security` …) and the evidence.
    public let blockedBy: String?
    public let evidence: [String]?
    /// For `error`: a stable code (`too_slow` …) and a one-line message.
    public let errorCode: String?
    public let errorMessage: String?
    public let effectiveURL: String?
    public let redirects: Int?
    public let httpVersion: String?
    public let headers: [HTTPHeader]?
    public let bodyBytes: Int?
    public let contentHash: String?
    public let charset: String?
    public let charsetSource: String?
    public let decodedCharacters: Int?
    public let decodingProblem: String?
    public let attempts: Int
    public let retryAfter: Double?
    public let conditional: Bool?
    public let timings: FetchTimings?
    public let validators: Validators

    public init(_ result: FetchResult) {
        let response = result.response
        url = result.request.url.absoluteString
        outcome = result.outcome.kind.rawValue
        status = response?.status
        if case .blocked(let wall) = result.outcome {
            blockedBy = wall.vendor.rawValue
            evidence = wall.evidence
        } else {
            blockedBy = nil
            evidence = nil
        }
        if case .error(let failure) = result.outcome {
            errorCode = failure.code
            errorMessage = failure.message
        } else {
            errorCode = nil
            errorMessage = nil
        }
        effectiveURL = response?.effectiveURL?.absoluteString
        redirects = response?.redirectCount
        httpVersion = response?.httpVersion
        headers = response?.headers.entries
        bodyBytes = response?.body.count
        // A hash only for a whole body: a cut or failed transfer has none worth comparing.
        contentHash = result.outcome.kind == .error ? nil : response.flatMap { (200..<300).contains($0.status) ? $0.contentHash : nil }
        let text = response?.text   // decoded on access: decode once
        charset = text?.charset?.rawValue ?? text?.declaredLabel
        charsetSource = text?.source.rawValue
        decodedCharacters = text?.string?.count
        decodingProblem = text?.problem?.description
        attempts = result.attempts
        retryAfter = result.retryAfter
        conditional = response?.wasConditional
        timings = response?.timings
        validators = result.validators
    }
}
