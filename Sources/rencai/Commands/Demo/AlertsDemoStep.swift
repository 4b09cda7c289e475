import Foundation
import RencaiCore
import Store
import Watch

extension DemoSteps {
    /// Permit-expiry alerts and the impact of a catalogue revision on the imported hires, delivered as
    /// JSON lines to stdout through the outbox.
    static let alerts = DemoStep(title: "Alerts: expiring permits and a catalogue change, delivered as JSON lines") { ctx in
        let rules = try AlertRules.bundled(ctx.resources)
        let channel = ChannelConfig(id: "stdout", kind: .jsonl, path: "-")
        let pipeline = AlertPipeline(store: ctx.store, alerts: AlertsConfig(channels: [channel]), rules: rules)

        // A fixed day, so that the demo prints the same thing whenever it runs.
        let today = try Day(parsing: "2026-12-01")
        let expiry = try pipeline.recordPermitExpiry(today: today, windowDays: 90)
        print("permit-expiry scan as of \(today), window 90 days: \(expiry.count) alert(s)")
        print("  rule: extension filed \(rules.permitExtension.opensDaysBeforeExpiry) to \(rules.permitExtension.closesDaysBeforeExpiry) days before expiry — \(rules.permitExtension.provenance.citation)")

        // A sample revision of Shanghai's list: the minor group 2-02-10 removed, 2-02-38-01 changed.
        let changes = CatalogueChangeSet(
            sourceID: "sh-urgent-need", province: "Shanghai", revision: "demo-r2", sourceTitle: "Shanghai urgent-need list",
            tags: ["urgent_need"], changes: [
                .init(key: "2-02-10", kind: .removed, title: "软件和信息技术服务人员"),
                .init(key: "2-02-38-01", kind: .changed, title: "人工智能工程技术人员",
                      fields: ["最低学历": .init(old: "本科", new: "硕士")]),
            ])
        let impact = try ctx.store.write { db in try pipeline.recordImpact(of: changes, in: db) }
        let again = try ctx.store.write { db in try pipeline.recordImpact(of: changes, in: db) }
        print("catalogue revision \(changes.revision) of \(changes.sourceID): \(impact.count) alert(s); re-run adds \(again.count)")

        print("delivering the outbox to stdout (JSON lines):")
        let report = try pipeline.deliver()
        print("delivered \(report.delivered), pending \(report.pending)")
    }
}
