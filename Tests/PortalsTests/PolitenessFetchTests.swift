import Foundation
import Portals
import SamplePortal
import Testing

@Suite("Politeness: per-host serialisation, global cap, Retry-After, backoff")
struct PolitenessFetchTests {
    /// Pairs of requests whose [received, finished] intervals overlap.
    static func overlaps(_ requests: [RecordedRequest]) -> Int {
        var count = 0
        for (i, a) in requests.enumerated() {
            for b in requests[(i + 1)...] {
                guard let aEnd = a.finished, let bEnd = b.finished else { continue }
                if a.received < bEnd && b.received < aEnd { count += 1 }
            }
        }
        return count
    }

    @Test("two sources on one host are never fetched at once, and wait the minimum delay")
    func oneHostSerialised() async throws {
        try await withPortal(minDelay: 0.2) { f in
            _ = await f.fetch("/robots.txt")   // warm the robots cache so only page requests are compared
            f.portal.resetLog()
            let paths = [SamplePortalPaths.shanghaiCatalogue, SamplePortalPaths.beijingNotice,
                         SamplePortalPaths.slowDrip(bytes: 3, intervalMilliseconds: 100), SamplePortalPaths.guangdongGBKNotice]
            await withTaskGroup(of: Void.self) { group in
                for path in paths { group.addTask { _ = await f.fetch(path) } }
            }
            let seen = f.portal.requests.sorted { $0.received < $1.received }
            #expect(seen.count == paths.count)
            #expect(f.portal.maxConcurrentRequests == 1)
            #expect(Self.overlaps(seen) == 0)
            for (earlier, later) in zip(seen, seen.dropFirst()) {
                let gap = later.received.timeIntervalSince(earlier.finished ?? earlier.received)
                #expect(gap >= 0.18, "gap \(gap) s between \(earlier.path) and \(later.path)")
            }
        }
    }

    @Test("different hosts run in parallel up to the global cap", arguments: [1, 2])
    func globalCap(cap: Int) async throws {
        guard let root = SamplePortalServer.fixturesRoot() else { throw FixtureMissing() }
        let a = try SamplePortalServer.start(root: root, host: "127.0.0.1")
        let b = try SamplePortalServer.start(root: root, host: "127.0.0.2")
        let client = PortalClient(configuration: PortalClientConfiguration(
            maxConcurrentTransfers: cap, perHostMinDelay: 0, perHostJitter: 0, retry: .none, obeyRobots: false))
        defer { client.shutdown(); a.stop(); b.stop() }
        let drip = SamplePortalPaths.slowDrip(bytes: 6, intervalMilliseconds: 150)
        await withTaskGroup(of: Void.self) { group in
            for server in [a, b] { group.addTask { _ = await client.fetch(server.url(drip)) } }
        }
        let all = a.requests + b.requests
        #expect(all.count == 2)
        if cap == 1 { #expect(Self.overlaps(all) == 0) } else { #expect(Self.overlaps(all) == 1) }
    }

    @Test("Retry-After is honoured before the retry")
    func retryAfterHonoured() async throws {
        try await withPortal(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02)) { f in
            let path = SamplePortalPaths.status(429, retryAfter: 1, times: 1, key: "retry-after")
            let result = await f.fetch(path)
            #expect(result.outcome == .firstSeen)
            #expect(result.attempts == 2)
            let seen = f.portal.requests(to: "/status/429")
            #expect(seen.count == 2)
            if seen.count == 2, let firstEnd = seen[0].finished {
                let waited = seen[1].received.timeIntervalSince(firstEnd)
                #expect(waited >= 0.95, "waited only \(waited) s after Retry-After: 1")
            }
        }
    }

    @Test("a Retry-After longer than the policy allows ends the fetch with it, for the scheduler")
    func longRetryAfterReturned() async throws {
        try await withPortal(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02, maxRetryAfter: 5)) { f in
            let result = await f.fetch(SamplePortalPaths.status(429, retryAfter: 600, key: "long"))
            #expect(result.outcome == .error(.rateLimited(retryAfter: 600)))
            #expect(result.retryAfter == 600)
            #expect(result.attempts == 1)
        }
    }

    @Test("503 is retried with backoff until it recovers")
    func serviceUnavailableRecovers() async throws {
        try await withPortal(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.05, maxDelay: 0.1)) { f in
            let result = await f.fetch(SamplePortalPaths.status(503, times: 2, key: "recovers"))
            #expect(result.outcome == .firstSeen)
            #expect(result.attempts == 3)
        }
    }

    @Test("503 that never recovers is an error after the last attempt and keeps the baseline")
    func serviceUnavailableGivesUp() async throws {
        try await withPortal(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02)) { f in
            let stored = Validators(etag: "\"e\"")
            let result = await f.fetch(SamplePortalPaths.status(503, key: "down"), validators: stored, previous: "h0")
            #expect(result.outcome == .error(.httpStatus(503)))
            #expect(result.attempts == 3)
            #expect(result.baselineHash == "h0")
            #expect(result.validators == stored)
            #expect(f.portal.requests(to: "/status/503").count == 3)
        }
    }

    @Test("404 is not retried")
    func notFoundNotRetried() async throws {
        try await withPortal(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02)) { f in
            let result = await f.fetch("/no/such/page.html")
            #expect(result.outcome == .error(.httpStatus(404)))
            #expect(result.attempts == 1)
        }
    }
}
