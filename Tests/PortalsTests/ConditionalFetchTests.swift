import Foundation
import Portals
import SamplePortal
import Testing

@Suite("Conditional requests and outcomes against the sample portal")
struct ConditionalFetchTests {
    @Test("a first fetch is first_seen and carries validators")
    func firstSeen() async throws {
        try await withPortal { f in
            let result = await f.fetch(SamplePortalPaths.shanghaiCatalogue)
            #expect(result.outcome == .firstSeen)
            #expect(result.response?.status == 200)
            #expect(result.validators.etag != nil)
            #expect(result.validators.lastModified != nil)
            #expect(result.baselineHash == result.response?.contentHash)
            #expect(result.response?.text?.string?.contains("上海市外国人来华工作紧缺急需岗位目录") == true)
        }
    }

    @Test("the second request with the stored ETag gets 304 and keeps the baseline")
    func notModified() async throws {
        try await withPortal { f in
            let first = await f.fetch(SamplePortalPaths.shanghaiCatalogue)
            let second = await f.fetch(SamplePortalPaths.shanghaiCatalogue, validators: first.validators,
                                       previous: first.baselineHash)
            #expect(second.outcome == .notModified)
            #expect(second.response?.status == 304)
            #expect(second.response?.wasConditional == true)
            #expect(second.baselineHash == first.baselineHash)
            let seen = f.portal.requests(to: SamplePortalPaths.shanghaiCatalogue)
            #expect(seen.count == 2)
            #expect(seen.last?.headers["if-none-match"] == first.validators.etag)
            #expect(seen.last?.headers["if-modified-since"] == first.validators.lastModified)
        }
    }

    @Test("switching the catalogue revision is changed; the same body again is unchanged")
    func changedThenUnchanged() async throws {
        try await withPortal { f in
            let first = await f.fetch(SamplePortalPaths.shanghaiCatalogue)
            f.portal.setRevision("r2", for: SamplePortalPaths.shanghaiCatalogue)
            let second = await f.fetch(SamplePortalPaths.shanghaiCatalogue, validators: first.validators,
                                       previous: first.baselineHash)
            #expect(second.outcome == .changed)
            #expect(second.baselineHash != first.baselineHash)
            #expect(second.validators.etag != first.validators.etag)
            #expect(second.response?.text?.string?.contains("2025年版") == true)
            let third = await f.fetch(SamplePortalPaths.shanghaiCatalogue, previous: second.baselineHash)
            #expect(third.outcome == .unchanged)
            #expect(third.response?.wasConditional == false)
        }
    }

    @Test("after the unconditional interval the validators are not sent")
    func periodicUnconditional() async throws {
        try await withPortal { f in
            let first = await f.fetch(SamplePortalPaths.shanghaiCatalogue)
            let stale = Date().addingTimeInterval(-30 * 24 * 3600)
            let second = await f.fetch(SamplePortalPaths.shanghaiCatalogue, validators: first.validators,
                                       previous: first.baselineHash, lastUnconditional: stale)
            #expect(second.response?.wasConditional == false)
            #expect(second.response?.status == 200)
            #expect(second.outcome == .unchanged)
            #expect(f.portal.requests(to: SamplePortalPaths.shanghaiCatalogue).last?.headers["if-none-match"] == nil)
        }
    }
}
