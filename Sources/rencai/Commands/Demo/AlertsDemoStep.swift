import Foundation
import RencaiCore
import Store
import Watch

extension DemoSteps {
    /// Permit-expiry alerts for the imported hires, delivered as JSON lines to stdout through the outbox
    /// (the catalogue-change alerts come from the watch step).
    static let alerts = DemoStep(title: "Alerts: expiring permits, delivered as JSON lines") { ctx in
        let rules = try AlertRules.bundled(ctx.resources)
        let channel = ChannelConfig(id: "stdout", kind: .jsonl, path: "-")
        let pipeline = AlertPipeline(store: ctx.store, alerts: AlertsConfig(channels: [channel]), rules: rules)

        // A fixed day, so that the demo prints the same thing whenever it runs.
        let today = try Day(parsing: "2026-12-01")
        let expiry = try pipeline.recordPermitExpiry(today: today, windowDays: 90)
        print("permit-expiry scan as of \(today), window 90 days: \(expiry.count) alert(s)")
        print("  rule: extension filed \(rules.permitExtension.opensDaysBeforeExpiry) to \(rules.permitExtension.closesDaysBeforeExpiry) days before expiry — \(rules.permitExtension.provenance.citation)")

        print("delivering the outbox to stdout (JSON lines):")
        let report = try pipeline.deliver()
        print("delivered \(report.delivered), pending \(report.pending)")
    }
}
