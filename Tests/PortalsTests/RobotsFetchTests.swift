import Foundation
import Portals
import SamplePortal
import Testing

@Suite("robots.txt per RFC 9309, through the client")
struct RobotsFetchTests {
    @Test("a disallowed path is not requested at all")
    func disallowedNotRequested() async throws {
        try await withPortal { f in
            let result = await f.fetch(SamplePortalPaths.disallowed)
            guard case .error(.robotsDisallowed) = result.outcome else {
                Issue.record("expected robotsDisallowed, got \(result.outcome)")
                return
            }
            #expect(f.portal.requests(to: SamplePortalPaths.disallowed).isEmpty)
            #expect(f.portal.requests(to: "/robots.txt").count == 1)
        }
    }

    @Test("a longer Allow overrides a Disallow; robots.txt is read once for many fetches")
    func allowOverridesAndCached() async throws {
        try await withPortal { f in
            let result = await f.fetch("/private/public-notice.html")
            #expect(result.outcome == .firstSeen)
            _ = await f.fetch(SamplePortalPaths.shanghaiCatalogue)
            _ = await f.fetch(SamplePortalPaths.guangdongGBKNotice)
            #expect(f.portal.requests(to: "/robots.txt").count == 1)
        }
    }

    @Test("robots.txt answering 4xx allows everything")
    func clientErrorAllows() async throws {
        try await withPortal { f in
            f.portal.setRobots(.status(404))
            let result = await f.fetch(SamplePortalPaths.disallowed)
            #expect(result.outcome == .firstSeen)
        }
    }

    @Test("robots.txt answering 5xx disallows everything")
    func serverErrorDisallows() async throws {
        try await withPortal { f in
            f.portal.setRobots(.status(503))
            let result = await f.fetch(SamplePortalPaths.shanghaiCatalogue)
            guard case .error(.robotsDisallowed) = result.outcome else {
                Issue.record("expected robotsDisallowed, got \(result.outcome)")
                return
            }
            #expect(f.portal.requests(to: SamplePortalPaths.shanghaiCatalogue).isEmpty)
        }
    }

    @Test("a group for rencai takes precedence over *")
    func specificGroup() async throws {
        try await withPortal { f in
            f.portal.setRobots(.text("User-agent: *\nDisallow: /\n\nUser-agent: rencai\nAllow: /\n"))
            #expect(await f.fetch(SamplePortalPaths.shanghaiCatalogue).outcome == .firstSeen)
        }
    }

    @Test("robots.txt is read again once its cache time has passed")
    func cacheExpires() async throws {
        guard let root = SamplePortalServer.fixturesRoot() else { throw FixtureMissing() }
        let portal = try SamplePortalServer.start(root: root)
        let client = PortalClient(configuration: PortalClientConfiguration(perHostMinDelay: 0, perHostJitter: 0, retry: .none,
                                                                           robotsCacheTTL: 0))
        defer { client.shutdown(); portal.stop() }
        _ = await client.fetch(portal.url(SamplePortalPaths.shanghaiCatalogue))
        _ = await client.fetch(portal.url(SamplePortalPaths.shanghaiCatalogue))
        #expect(portal.requests(to: "/robots.txt").count == 2)
    }
}
