import Foundation
import Portals
import SamplePortal

extension DemoSteps {
    /// Starts the sample portal on 127.0.0.1 and fetches through the real libcurl client: a GBK page declared
    /// only in `<meta>`, a conditional re-fetch (304), a catalogue revision switch, and bot walls.
    static let portal = DemoStep(title: "Fetch provincial portals politely (sample portal on 127.0.0.1, libcurl)") { ctx in
        let root = ctx.fixtures.appendingPathComponent("portals")
        let server = try SamplePortalServer.start(root: root)
        defer { server.stop() }
        var configuration = PortalClientConfiguration(
            userAgent: PortalClientConfiguration.userAgent(contact: "demo@example.com"))
        configuration.perHostMinDelay = 0.2
        configuration.perHostJitter = 0.1
        let client = PortalClient(configuration: configuration)
        defer { client.shutdown() }
        print("sample portal at \(server.baseURL.absoluteString) (one request at a time per host, 0.2 s + jitter apart)")

        func line(_ path: String, _ result: FetchResult) {
            let status = result.response.map { "HTTP \($0.status)" } ?? "no response"
            print("  \(path.padding(toLength: 40, withPad: " ", startingAt: 0)) \(status.padding(toLength: 12, withPad: " ", startingAt: 0)) \(result.outcome)")
        }

        let gbk = await client.fetch(server.url(SamplePortalPaths.guangdongGBKNotice))
        line(SamplePortalPaths.guangdongGBKNotice, gbk)
        if let text = gbk.response?.text {
            let title = text.string.flatMap { s in
                s.range(of: "<title>").flatMap { start in s.range(of: "</title>").map { String(s[start.upperBound..<$0.lowerBound]) } }
            } ?? "?"
            print("    charset \(text.declaredLabel ?? "-") from <\(text.source.rawValue)> decoded as \(text.charset?.rawValue ?? "-"): \(title)")
        }

        let catalogue = SamplePortalPaths.shanghaiCatalogue
        let first = await client.fetch(server.url(catalogue))
        line(catalogue, first)
        let again = await client.fetch(FetchRequest(url: server.url(catalogue), validators: first.validators,
                                                    previousContentHash: first.baselineHash, lastUnconditionalFetch: Date()))
        line(catalogue + " (again)", again)
        server.setRevision("r2", for: catalogue)
        let revised = await client.fetch(FetchRequest(url: server.url(catalogue), validators: again.validators,
                                                      previousContentHash: again.baselineHash, lastUnconditionalFetch: Date()))
        line(catalogue + " (new revision)", revised)

        for wall in [SamplePortalPaths.riversWall, SamplePortalPaths.jiasuleWall, SamplePortalPaths.edgeOneWall,
                     SamplePortalPaths.cloudflareWall] {
            let result = await client.fetch(FetchRequest(url: server.url(wall), previousContentHash: revised.baselineHash))
            line(wall, result)
        }
        let disallowed = await client.fetch(server.url(SamplePortalPaths.disallowed))
        line(SamplePortalPaths.disallowed, disallowed)
        print("  a block or an error never creates a revision and never replaces the stored baseline")
    }
}
