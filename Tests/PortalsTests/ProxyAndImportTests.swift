import Foundation
import Portals
import SamplePortal
import Testing

@Suite("Proxies from the environment, manual import, block streaks")
struct ProxyAndImportTests {
    @Test("http_proxy from the environment carries the request")
    func proxyFromEnvironment() async throws {
        guard let root = SamplePortalServer.fixturesRoot() else { throw FixtureMissing() }
        let proxy = try SamplePortalServer.start(root: root, host: "127.0.0.2")
        let client = PortalClient(configuration: PortalClientConfiguration(perHostMinDelay: 0, perHostJitter: 0, retry: .none),
                                  environment: ["http_proxy": proxy.baseURL.absoluteString])
        defer { client.shutdown(); proxy.stop() }
        let result = await client.fetch(URL(string: "http://portal.invalid" + SamplePortalPaths.shanghaiCatalogue)!)
        #expect(result.outcome == .firstSeen)
        let seen = proxy.requests(to: SamplePortalPaths.shanghaiCatalogue)
        #expect(seen.count == 1)
        #expect(seen.first?.viaProxy == true)
        #expect(seen.first?.headers["host"] == "portal.invalid")
    }

    @Test("no_proxy from the environment sends the host direct")
    func noProxyRespected() async throws {
        guard let root = SamplePortalServer.fixturesRoot() else { throw FixtureMissing() }
        let proxy = try SamplePortalServer.start(root: root, host: "127.0.0.2")
        let client = PortalClient(configuration: PortalClientConfiguration(perHostMinDelay: 0, perHostJitter: 0, retry: .none),
                                  environment: ["http_proxy": proxy.baseURL.absoluteString, "no_proxy": "portal.invalid"])
        defer { client.shutdown(); proxy.stop() }
        let result = await client.fetch(FetchRequest(url: URL(string: "http://portal.invalid/x.html")!, obeyRobots: false))
        guard case .error(.connectFailed) = result.outcome else {
            Issue.record("expected a direct connection to fail to resolve, got \(result.outcome)")
            return
        }
        #expect(proxy.requests.isEmpty)
    }

    @Test("loopback never goes through the proxy")
    func loopbackDirect() {
        let settings = ProxySettings(environment: ["http_proxy": "http://proxy:3128", "HTTP_PROXY": "http://evil:1"])
        #expect(settings.proxy(forScheme: "http") == "http://proxy:3128")
        #expect(settings.proxy(forScheme: "https") == "")
        #expect(settings.noProxy.contains("127.0.0.0/8"))
        #expect(ProxySettings(environment: ["HTTP_PROXY": "http://evil:1"]).proxy(forScheme: "http") == "")
    }

    @Test("a page saved from a browser imports like a fetch, charset from <meta>")
    func manualImportOfSavedPage() throws {
        let root = try #require(SamplePortalServer.fixturesRoot())
        let file = root.appendingPathComponent("guangdong/notice-gbk.html")
        let source = URL(string: "http://hrss.gd.gov.cn/notice.html")!
        let first = try ManualImport.load(file: file, sourceURL: source, previousContentHash: nil)
        #expect(first.outcome == .firstSeen)
        #expect(first.response?.text?.source == .meta)
        #expect(first.response?.text?.string?.contains("广东省") == true)
        let again = try ManualImport.load(file: file, sourceURL: source, previousContentHash: first.baselineHash)
        #expect(again.outcome == .unchanged)
    }

    @Test("a saved wall page is still blocked and keeps the baseline")
    func manualImportOfWall() throws {
        let root = try #require(SamplePortalServer.fixturesRoot())
        let file = root.appendingPathComponent("walls/edgeone-200.html")
        let result = try ManualImport.load(file: file, sourceURL: URL(string: "http://www.mohrss.gov.cn/")!, previousContentHash: "h0")
        #expect(result.outcome.kind == .blocked)
        #expect(result.baselineHash == "h0")
    }

    @Test("an empty saved file is refused with a message naming it")
    func manualImportEmpty() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).html")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: ManualImportError.empty(file.path)) {
            try ManualImport.load(file: file, sourceURL: URL(string: "http://x.gov.cn/")!, previousContentHash: nil)
        }
    }

    @Test("three blocks in a row flag a source; content resets; errors do not count")
    func blockStreak() {
        var streak = BlockStreak(threshold: 3)
        let wall = FetchOutcome.blocked(BotWall(vendor: .jiasule, evidence: ["status 521"]))
        streak.record(wall)
        streak.record(.error(.httpStatus(503)))
        streak.record(wall)
        #expect(!streak.needsManualImport)
        streak.record(wall)
        #expect(streak.needsManualImport)
        streak.record(.notModified)
        #expect(streak.consecutiveBlocks == 0)
    }
}

@Suite("Sample portal paths")
struct SamplePortalPathTests {
    @Test("a file with a Chinese name is served through a percent-encoded URL")
    func chineseFileName() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-portal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("附件"), withIntermediateDirectories: true)
        try Data("<meta charset=\"utf-8\"><p>目录</p>".utf8).write(to: root.appendingPathComponent("附件/目录 2025.html"))
        defer { try? FileManager.default.removeItem(at: root) }
        let portal = try SamplePortalServer.start(root: root)
        let client = PortalClient(configuration: PortalClientConfiguration(perHostMinDelay: 0, perHostJitter: 0, retry: .none))
        defer { client.shutdown(); portal.stop() }
        let result = await client.fetch(portal.url("/附件/目录 2025.html"))
        #expect(result.outcome == .firstSeen)
        #expect(result.response?.text?.string?.contains("目录") == true)
        #expect(portal.requests(to: "/附件/目录 2025.html").count == 1)
    }

    @Test("paths that climb out of the root are not served")
    func traversalRefused() async throws {
        try await withPortal { f in
            let result = await f.client.fetch(FetchRequest(url: URL(string: f.portal.baseURL.absoluteString + "/%2E%2E/%2E%2E/etc/passwd")!,
                                                           obeyRobots: false))
            #expect(result.outcome == .error(.httpStatus(404)))
        }
    }
}
