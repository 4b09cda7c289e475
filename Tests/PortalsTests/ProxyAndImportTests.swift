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
