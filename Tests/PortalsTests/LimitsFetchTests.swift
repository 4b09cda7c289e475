import Foundation
import Portals
import SamplePortal
import Testing

@Suite("Limits: body size, slow drip, redirects, schemes")
struct LimitsFetchTests {
    @Test("a 50 MB chunked body is cut at the limit")
    func hugeChunkedBodyCut() async throws {
        let limits = FetchLimits(connectTimeout: 5, totalTimeout: 60, lowSpeedBytesPerSecond: 1, lowSpeedWindow: 10,
                                 maxBodyBytes: 1 << 20, maxRedirects: 5)
        try await withPortal(limits: limits) { f in
            let result = await f.fetch(SamplePortalPaths.huge(megabytes: 50))
            #expect(result.outcome == .error(.bodyTooLarge(limit: 1 << 20)))
            #expect((result.response?.body.count ?? 0) <= 1 << 20)
            #expect(result.baselineHash == nil)
        }
    }

    @Test("a 50 MB body with a declared length is refused at the limit")
    func hugeDeclaredBodyRefused() async throws {
        let limits = FetchLimits(maxBodyBytes: 1 << 20)
        try await withPortal(limits: limits) { f in
            let result = await f.fetch(SamplePortalPaths.huge(megabytes: 50, declareLength: true))
            #expect(result.outcome == .error(.bodyTooLarge(limit: 1 << 20)))
        }
    }

    @Test("a slow-drip body is cut by the low-speed limit")
    func slowDripCut() async throws {
        let limits = FetchLimits(connectTimeout: 5, totalTimeout: 60, lowSpeedBytesPerSecond: 100, lowSpeedWindow: 1,
                                 maxBodyBytes: 1 << 20, maxRedirects: 5)
        try await withPortal(limits: limits) { f in
            let result = await f.fetch(SamplePortalPaths.slowDrip(bytes: 10_000, intervalMilliseconds: 100))
            #expect(result.outcome == .error(.tooSlow(bytesPerSecond: 100, window: 1)))
        }
    }

    @Test("a redirect loop is stopped at the redirect limit")
    func redirectLoopStopped() async throws {
        try await withPortal { f in
            let result = await f.fetch(SamplePortalPaths.redirectLoop)
            #expect(result.outcome == .error(.tooManyRedirects(limit: 5)))
            // The first request plus five redirects followed, then libcurl stops.
            let hops = f.portal.requests.filter { $0.path.hasPrefix("/redirect/loop") }.count
            #expect(hops == 6)
        }
    }

    @Test("a redirect to file:// is refused")
    func redirectToFileRefused() async throws {
        try await withPortal { f in
            let result = await f.fetch(SamplePortalPaths.redirectToFile)
            guard case .error(.protocolRefused) = result.outcome else {
                Issue.record("expected protocolRefused, got \(result.outcome)")
                return
            }
            #expect(result.response?.body.contains("root:".utf8) != true)
        }
    }

    @Test("a file:// URL is refused before any transfer")
    func fileURLRefused() async throws {
        try await withPortal { f in
            let result = await f.client.fetch(URL(fileURLWithPath: "/etc/passwd"))
            guard case .error(.protocolRefused) = result.outcome else {
                Issue.record("expected protocolRefused, got \(result.outcome)")
                return
            }
            #expect(result.attempts == 0)
        }
    }

    @Test("an ordinary redirect is followed and the effective URL reported")
    func redirectFollowed() async throws {
        try await withPortal { f in
            let result = await f.fetch(SamplePortalPaths.redirect(to: SamplePortalPaths.shanghaiCatalogue))
            #expect(result.outcome == .firstSeen)
            #expect(result.response?.redirectCount == 1)
            #expect(result.response?.effectiveURL?.path == SamplePortalPaths.shanghaiCatalogue)
        }
    }

    @Test("a cancelled task ends its transfer as cancelled")
    func cancellation() async throws {
        try await withPortal { f in
            let task = Task { await f.fetch(SamplePortalPaths.slowDrip(bytes: 100_000, intervalMilliseconds: 50)) }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let result = await task.value
            #expect(result.outcome == .error(.cancelled))
        }
    }

    @Test("a closed port is a connect failure, not content")
    func connectFailure() async throws {
        try await withPortal { f in
            let result = await f.client.fetch(FetchRequest(url: URL(string: "http://127.0.0.1:1/x")!, obeyRobots: false))
            guard case .error(.connectFailed) = result.outcome else {
                Issue.record("expected connectFailed, got \(result.outcome)")
                return
            }
            #expect(result.response == nil)
        }
    }
}
