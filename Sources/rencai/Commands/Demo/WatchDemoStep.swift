import Catalogues
import Foundation
import Portals
import SamplePortal
import Watch

extension DemoSteps {
    /// Watches the sample portal's Shanghai catalogue through libcurl across three revisions and a bot
    /// wall, and follows a Guangdong notice list to its XLSX attachment. Each new revision's impact on the
    /// imported hires is recorded with it and delivered as JSON lines to stdout, as `watch run` does.
    static let watch = DemoStep(title: "Watch provincial catalogues: keyed diffs, bot walls, notice lists") { ctx in
        let portal = try SamplePortalServer.start(root: ctx.fixtures.appendingPathComponent("portals"))
        defer { portal.stop() }
        let client = PortalClient(configuration: PortalClientConfiguration(
            userAgent: PortalClientConfiguration.userAgent(contact: "demo@example.com"), perHostMinDelay: 0.05, perHostJitter: 0))
        defer { client.shutdown() }
        let revisions = RevisionStore(store: ctx.store)
        let watcher = CatalogueWatcher(client: client, revisions: revisions)
        let pipeline = AlertPipeline(store: ctx.store, alerts: AlertsConfig(channels: [ChannelConfig(id: "stdout", kind: .jsonl, path: "-")],
                                                                            sourceRoutes: ["sh-urgent-need": ["urgent_need"]]),
                                     rules: try AlertRules.bundled(ctx.resources))
        let path = "/catalogues/sh-urgent-need/catalogue.html"
        let sh = CatalogueSource(id: "sh-urgent-need", province: "Shanghai", url: portal.url(path), kind: .htmlTable)
        let gd = CatalogueSource(id: "gd-notices", province: "Guangdong", url: portal.url("/catalogues/gd-notices/index.html"),
                                 kind: .noticeList, linkText: ["目录"], attachment: [.xlsx, .csv, .html])

        func show(_ label: String, _ report: WatchReport) {
            print("  \(label.padding(toLength: 37, withPad: " ", startingAt: 0)) \(report.source)  \(report.outcome.rawValue)  \(report.revision.map { "r\($0)" } ?? "-")  \(report.detail)")
        }

        show("GBK page, rowspan + 2-row header:", await watcher.check(sh, alongside: pipeline.alongside(for: sh)))
        portal.setRevision("r2", for: path)
        let changed = await watcher.check(sh, alongside: pipeline.alongside(for: sh))
        show("the portal publishes a new edition:", changed)
        if let diff = changed.diff {
            for e in diff.added { print("      + \(e.key.text)  \(e.row.title ?? "")") }
            for e in diff.removed { print("      − \(e.key.text)  \(e.row.title ?? "")") }
            for c in diff.changed {
                print("      ~ \(c.key.text)  \(c.new.title ?? "")")
                for (column, f) in c.fields.sorted(by: { $0.key < $1.key }) { print("          \(column): \(f.old.isEmpty ? "(empty)" : f.old) → \(f.new)") }
            }
            for h in diff.recodeHints { print("      re-code? \(h.title): \(h.oldKey.text) → \(h.newKey.text)") }
        }
        print("  impact on the imported hires, recorded with the revision and delivered (JSON lines):")
        let delivery = try pipeline.deliver()
        print("  delivered \(delivery.delivered) alert(s), \(delivery.pending) pending")
        portal.setRevision("wall", for: path)
        show("a bot wall answers instead:", await watcher.check(sh, alongside: pipeline.alongside(for: sh)))
        portal.setRevision("r3", for: path)
        show("rows renumbered, spaces/full-width:", await watcher.check(sh, alongside: pipeline.alongside(for: sh)))
        show("asked again (conditional GET):", await watcher.check(sh, alongside: pipeline.alongside(for: sh)))
        show("notice list → notice → .xlsx:", await watcher.check(gd))
        let state = try revisions.state(of: sh.id)
        print("  sh-urgent-need: \(try revisions.revisions(of: sh.id).count) revisions kept; baseline r\(state?.baseline.map(String.init(describing:)) ?? "-") survived the bot wall; last block: \(state?.lastBlockDetail ?? "-")")
    }
}
