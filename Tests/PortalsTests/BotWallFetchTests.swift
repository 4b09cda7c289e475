import Foundation
import Portals
import SamplePortal
import Testing

@Suite("Bot walls are blocked, never content")
struct BotWallFetchTests {
    static let walls: [(String, BotWallVendor)] = [
        (SamplePortalPaths.riversWall, .riversSecurity),
        (SamplePortalPaths.riversWall202, .riversSecurity),
        (SamplePortalPaths.jiasuleWall, .jiasule),
        (SamplePortalPaths.edgeOneWall, .tencentEdgeOne),
        (SamplePortalPaths.cloudflareWall, .cloudflare),
    ]

    @Test("each wall is reported as blocked with its vendor", arguments: walls)
    func wallIsBlocked(path: String, vendor: BotWallVendor) async throws {
        try await withPortal { f in
            let result = await f.fetch(path)
            guard case .blocked(let wall) = result.outcome else {
                Issue.record("expected blocked, got \(result.outcome)")
                return
            }
            #expect(wall.vendor == vendor)
            #expect(!wall.evidence.isEmpty)
            #expect(result.outcome.kind == .blocked)
            #expect(!result.outcome.createsRevision)
        }
    }

    @Test("a wall keeps the baseline and validators and is not retried", arguments: walls.map(\.0))
    func wallKeepsBaseline(path: String) async throws {
        try await withPortal(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02)) { f in
            let stored = Validators(etag: "\"old\"", lastModified: "Mon, 01 Jan 2024 00:00:00 GMT")
            let result = await f.fetch(path, validators: stored, previous: "abc123")
            #expect(result.outcome.kind == .blocked)
            #expect(result.baselineHash == "abc123")
            #expect(result.validators == stored)
            #expect(result.attempts == 1)
            #expect(f.portal.requests(to: path).count == 1)
        }
    }

    @Test("the Rivers wall's evidence names its status and S cookie")
    func riversEvidence() async throws {
        try await withPortal { f in
            guard case .blocked(let wall) = await f.fetch(SamplePortalPaths.riversWall).outcome else {
                Issue.record("not blocked")
                return
            }
            #expect(wall.evidence.contains("status 412"))
            #expect(wall.evidence.contains { $0.contains("FSSBBIl1UgzbN7N80S") })
        }
    }
}
