import CCurl
import Foundation
import Logging

/// The polite, hardened HTTP client for provincial portals: libcurl underneath (one multi handle on its own
/// thread), one request at a time per host with a delay, a global cap, robots.txt, retries with backoff,
/// and an outcome that never mistakes a bot wall or an error for content.
///
/// ```swift
/// let client = PortalClient(configuration: PortalClientConfiguration(config: config))
/// defer { client.shutdown() }
/// let result = await client.fetch(FetchRequest(url: url, validators: saved.validators,
///                                              previousContentHash: saved.hash))
/// if result.outcome.createsRevision { store(result.response!.body) }
/// save(result.validators, result.baselineHash)          // unchanged after a block or an error
/// ```
///
/// Call ``shutdown()`` when done: it stops the transfer thread and ends pending fetches as cancelled.
public final class PortalClient: Sendable {
    public let configuration: PortalClientConfiguration
    private let engine = CurlEngine()
    private let gate: HostGate
    private let limiter: ConcurrencyLimiter
    private let robotsCache = RobotsCache()
    private let proxies: ProxySettings
    private let logger = Logger(label: "rencai.portals")

    public init(configuration: PortalClientConfiguration = PortalClientConfiguration(),
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.configuration = configuration
        self.gate = HostGate(minDelay: configuration.perHostMinDelay, jitter: configuration.perHostJitter)
        self.limiter = ConcurrencyLimiter(limit: configuration.maxConcurrentTransfers)
        self.proxies = ProxySettings(environment: environment)
    }

    /// Stops the transfer thread. Fetches still running end with `.error(.cancelled)`.
    public func shutdown() { engine.shutdown() }

    // A safety net only: callers should call shutdown() themselves, at a moment they choose.
    deinit { engine.shutdown() }

    /// Fetches a URL with no stored state (a first fetch).
    public func fetch(_ url: URL) async -> FetchResult { await fetch(FetchRequest(url: url)) }

    /// Fetches a page or attachment and classifies the answer against the request's previous hash.
    public func fetch(_ request: FetchRequest) async -> FetchResult {
        let url = request.url
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return failed(request, .protocolRefused("\(url.absoluteString): only http and https are fetched"), attempts: 0)
        }
        guard let host = url.host?.lowercased(), !host.isEmpty else {
            return failed(request, .invalidURL(url.absoluteString), attempts: 0)
        }
        let limits = request.limits ?? configuration.defaultLimits

        if configuration.obeyRobots && request.obeyRobots {
            let (robots, reason) = await robotsRules(scheme: scheme, host: host, port: url.port)
            if !robots.allows(path: Self.pathAndQuery(url), productToken: configuration.robotsProductToken) {
                return failed(request, .robotsDisallowed(robotsURL: Self.origin(scheme, host, url.port) + "/robots.txt",
                                                         reason: reason), attempts: 0)
            }
        }

        let conditional = !request.validators.isEmpty && request.lastUnconditionalFetch.map {
            Date().timeIntervalSince($0) < configuration.unconditionalInterval
        } == true
        var headers = ["Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                       "Accept-Language: \(configuration.acceptLanguage)"]
        if conditional {
            if let etag = request.validators.etag { headers.append("If-None-Match: \(etag)") }
            if let lastModified = request.validators.lastModified { headers.append("If-Modified-Since: \(lastModified)") }
        }
        let spec = TransferSpec(url: url, headers: headers, userAgent: configuration.userAgent, limits: limits,
                                caFile: request.caFile, proxy: proxies.proxy(forScheme: scheme), noProxy: proxies.noProxy)
        let policy = configuration.retry

        var attempt = 0
        while true {
            attempt += 1
            let thisAttempt = attempt
            var decision = RetryDecision.stop
            var wall: BotWall?
            let output = await gatedTransfer(spec, host: host) { output in
                // The body is searched for a wall once per attempt; the retry decision and the outcome share it.
                wall = Self.transportFailure(output, limits: limits) == nil
                    ? BotWallDetector.detect(status: output.status, headers: output.headers, body: output.body) : nil
                decision = Self.retryDecision(output, wall: wall, limits: limits, attempt: thisAttempt, policy: policy)
                return decision.hostPause
            }
            if case .retry = decision {
                logger.debug("retrying \(url.absoluteString) after attempt \(thisAttempt)")
                continue
            }
            return result(request, output, wall: wall, limits: limits, conditional: conditional, attempts: attempt)
        }
    }

    // MARK: - Transfers

    /// Runs a transfer while holding the host and a global slot; `pause` says how long the host must rest after.
    /// `spaced: false` (robots.txt) lets the next request on the host start without the per-host delay.
    private func gatedTransfer(_ spec: TransferSpec, host: String, spaced: Bool = true,
                               pause: (TransferOutput) -> Double) async -> TransferOutput {
        await gate.acquire(host)
        await limiter.acquire()
        let output = await engine.perform(spec)
        await limiter.release()
        await gate.release(host, pause: pause(output), spaced: spaced)
        return output
    }

    private enum RetryDecision {
        case stop
        case retry(after: Double)

        var hostPause: Double {
            if case .retry(let after) = self { return after }
            return 0
        }
    }

    /// `wall` is the detector's verdict on this output (nil after a transport failure).
    private static func retryDecision(_ output: TransferOutput, wall: BotWall?, limits: FetchLimits, attempt: Int,
                                      policy: RetryPolicy) -> RetryDecision {
        guard attempt < policy.maxAttempts else { return .stop }
        let failure: FetchFailure
        if let transport = transportFailure(output, limits: limits) {
            failure = transport
        } else if wall != nil {
            return .stop   // never hammer a wall
        } else if output.status == 429 || output.status >= 500 || output.status == 408 {
            failure = output.status == 429 ? .rateLimited(retryAfter: nil) : .httpStatus(output.status)
        } else {
            return .stop
        }
        guard failure.isRetryable else { return .stop }
        if let retryAfter = RetryAfter.seconds(output.headers["retry-after"]) {
            // A long Retry-After is the caller's to schedule, not ours to sleep through.
            return retryAfter <= policy.maxRetryAfter ? .retry(after: retryAfter) : .stop
        }
        return .retry(after: policy.backoff(afterAttempt: attempt))
    }

    // MARK: - Results

    private func result(_ request: FetchRequest, _ output: TransferOutput, wall: BotWall?, limits: FetchLimits,
                        conditional: Bool, attempts: Int) -> FetchResult {
        let response: FetchResponse? = output.status > 0 ? makeResponse(output, conditional: conditional) : nil
        let retryAfter = RetryAfter.seconds(output.headers["retry-after"])
        let outcome: FetchOutcome
        let failure = Self.transportFailure(output, limits: limits)
        // Hashed once: the outcome compares it and the result carries it as the new baseline.
        let bodyHash = failure == nil && (200...299).contains(output.status) ? ContentHash.sha256Hex(output.body) : nil
        if let failure {
            outcome = .error(failure)
        } else {
            outcome = FetchOutcome.classify(status: output.status, headers: output.headers, body: output.body,
                                            wall: wall, bodyHash: bodyHash, previousContentHash: request.previousContentHash)
        }
        switch outcome {
        case .firstSeen, .changed, .unchanged:
            let fresh = response?.validators ?? .none
            return FetchResult(request: request, outcome: outcome, response: response, validators: fresh,
                               baselineHash: bodyHash ?? ContentHash.sha256Hex(output.body), attempts: attempts,
                               retryAfter: retryAfter)
        case .notModified:
            let fresh = response?.validators ?? .none
            let merged = Validators(etag: fresh.etag ?? request.validators.etag,
                                    lastModified: fresh.lastModified ?? request.validators.lastModified)
            return FetchResult(request: request, outcome: outcome, response: response, validators: merged,
                               baselineHash: request.previousContentHash, attempts: attempts, retryAfter: retryAfter)
        case .blocked, .error:
            return FetchResult(request: request, outcome: outcome, response: response, validators: request.validators,
                               baselineHash: request.previousContentHash, attempts: attempts, retryAfter: retryAfter)
        }
    }

    private func makeResponse(_ output: TransferOutput, conditional: Bool) -> FetchResponse {
        FetchResponse(status: output.status, headers: output.headers, body: output.body,
                      effectiveURL: output.effectiveURL, redirectCount: output.redirectCount,
                      httpVersion: output.httpVersion, timings: output.timings, wasConditional: conditional)
    }

    private func failed(_ request: FetchRequest, _ failure: FetchFailure, attempts: Int) -> FetchResult {
        FetchResult(request: request, outcome: .error(failure), response: nil, validators: request.validators,
                    baselineHash: request.previousContentHash, attempts: attempts, retryAfter: nil)
    }

    /// Maps libcurl's result to a failure; nil when the transfer completed (whatever the HTTP status).
    static func transportFailure(_ output: TransferOutput, limits: FetchLimits) -> FetchFailure? {
        if output.bodyTooLarge || output.curlCode == Int(CURLE_FILESIZE_EXCEEDED.rawValue) {
            return .bodyTooLarge(limit: limits.maxBodyBytes)
        }
        if output.succeeded { return nil }
        if output.cancelled { return .cancelled }
        let message = output.errorMessage
        switch output.curlCode {
        case Int(CURLE_OPERATION_TIMEDOUT.rawValue):
            if message.range(of: "too slow", options: .caseInsensitive) != nil {
                return .tooSlow(bytesPerSecond: limits.lowSpeedBytesPerSecond, window: limits.lowSpeedWindow)
            }
            return .timedOut(after: limits.totalTimeout)
        case Int(CURLE_TOO_MANY_REDIRECTS.rawValue): return .tooManyRedirects(limit: limits.maxRedirects)
        case Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue): return .protocolRefused(message)
        case Int(CURLE_URL_MALFORMAT.rawValue): return .invalidURL(message)
        case Int(CURLE_COULDNT_RESOLVE_HOST.rawValue), Int(CURLE_COULDNT_CONNECT.rawValue),
             Int(CURLE_COULDNT_RESOLVE_PROXY.rawValue):
            return .connectFailed(message)
        case Int(CURLE_SSL_CONNECT_ERROR.rawValue), Int(CURLE_PEER_FAILED_VERIFICATION.rawValue),
             Int(CURLE_SSL_CACERT_BADFILE.rawValue), Int(CURLE_SSL_CERTPROBLEM.rawValue),
             Int(CURLE_SSL_CIPHER.rawValue), Int(CURLE_SSL_ISSUER_ERROR.rawValue):
            return .tls(message)
        case Int(CURLE_ABORTED_BY_CALLBACK.rawValue): return .cancelled
        default: return .network(code: output.curlCode, message: message)
        }
    }

    // MARK: - robots.txt

    private func robotsRules(scheme: String, host: String, port: Int?) async -> (RobotsTxt, String) {
        let origin = Self.origin(scheme, host, port)
        let configuration = self.configuration
        let proxies = self.proxies
        return await robotsCache.rules(for: origin) { [self] in
            guard let robotsURL = URL(string: origin + "/robots.txt") else {
                return (.disallowAll, "robots.txt URL invalid", configuration.robotsErrorTTL)
            }
            // RFC 9309: follow at least five redirects; parse at least 500 KiB.
            let limits = FetchLimits(connectTimeout: 15, totalTimeout: 30, lowSpeedBytesPerSecond: 64,
                                     lowSpeedWindow: 15, maxBodyBytes: 512 * 1024, maxRedirects: 5)
            let spec = TransferSpec(url: robotsURL, headers: ["Accept: text/plain,*/*;q=0.5"],
                                    userAgent: configuration.userAgent, limits: limits, caFile: nil,
                                    proxy: proxies.proxy(forScheme: scheme), noProxy: proxies.noProxy)
            // robots.txt is not a page request: the page may follow it at once (the host stays serialised).
            let output = await gatedTransfer(spec, host: host, spaced: false) { _ in 0 }
            return Self.robots(from: output, configuration: configuration)
        }
    }

    static func robots(from output: TransferOutput, configuration: PortalClientConfiguration) -> (RobotsTxt, String, Double) {
        if output.succeeded || output.bodyTooLarge {
            switch output.status {
            case 200...299:
                return (RobotsTxt(text: String(decoding: output.body, as: UTF8.self)), "robots.txt rules",
                        configuration.robotsCacheTTL)
            case 400...499:
                return (.allowAll, "robots.txt answered \(output.status): all allowed", configuration.robotsCacheTTL)
            case 500...599:
                return (.disallowAll, "robots.txt answered \(output.status): RFC 9309 says assume all disallowed",
                        configuration.robotsErrorTTL)
            default:
                // Too many redirects or another odd answer: RFC 9309 treats it as unavailable (4xx).
                return (.allowAll, "robots.txt answered \(output.status): treated as unavailable", configuration.robotsCacheTTL)
            }
        }
        if output.curlCode == Int(CURLE_TOO_MANY_REDIRECTS.rawValue) {
            return (.allowAll, "robots.txt redirects too often: treated as unavailable", configuration.robotsCacheTTL)
        }
        return (.disallowAll, "robots.txt unreachable (\(output.errorMessage)): assume all disallowed",
                configuration.robotsErrorTTL)
    }

    // MARK: - Helpers

    static func origin(_ scheme: String, _ host: String, _ port: Int?) -> String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(hostPart)" + (port.map { ":\($0)" } ?? "")
    }

    static func pathAndQuery(_ url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? url.path
        let query = components?.percentEncodedQuery.map { "?" + $0 } ?? ""
        return (path.isEmpty ? "/" : path) + query
    }
}
