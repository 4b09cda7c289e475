import Foundation

/// Everything one ``PortalClient/fetch(_:)`` produced: the outcome, the last response, and what the caller
/// should store for next time.
public struct FetchResult: Sendable {
    /// The request as given.
    public let request: FetchRequest
    /// What the fetch means for the source.
    public let outcome: FetchOutcome
    /// The last response received, nil when no response arrived at all (connection failure, robots refusal).
    public let response: FetchResponse?
    /// The validators to store: the new response's on first_seen/changed/unchanged, refreshed on 304,
    /// and the request's own, untouched, on blocked/error.
    public let validators: Validators
    /// The content hash to keep as the baseline: the new body's on first_seen/changed/unchanged, the
    /// previous one otherwise (a block or an error never replaces the baseline).
    public let baselineHash: String?
    /// How many HTTP attempts were made for the page (robots.txt not counted).
    public let attempts: Int
    /// The server's last Retry-After in seconds, so a scheduler can come back later.
    public let retryAfter: Double?

    public init(request: FetchRequest, outcome: FetchOutcome, response: FetchResponse?, validators: Validators,
                baselineHash: String?, attempts: Int, retryAfter: Double?) {
        self.request = request
        self.outcome = outcome
        self.response = response
        self.validators = validators
        self.baselineHash = baselineHash
        self.attempts = attempts
        self.retryAfter = retryAfter
    }
}
