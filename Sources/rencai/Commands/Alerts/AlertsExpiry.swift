import ArgumentParser
import Foundation
import RencaiCore
import Watch

/// `rencai alerts expiry [--within DAYS] [--today DATE]`
struct AlertsExpiry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expiry",
        abstract: "Queue alerts for hires whose work permit expires soon (with the extension filing window).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Warn about permits expiring within this many days (else alerts.expiry_window_days, else the rules' default).")
    var within: Int?

    @Option(help: "The day to count from (YYYY-MM-DD; default: today in China).")
    var today: String?

    func validate() throws {
        if let within, within <= 0 { throw ValidationError("--within must be a positive number of days") }
    }

    func run() async throws {
        let env = try AlertsEnvironment(global: global, needRules: true)
        defer { try? env.store.close() }
        let day = try today.map { try Day(parsing: $0) } ?? Day.today()
        let ids = try env.pipeline.recordPermitExpiry(today: day, windowDays: within)
        let alerts = try env.store.read { db in try Outbox.alerts(ids: ids, in: db) }
        if global.json {
            for alert in alerts { try Output.jsonLine(AlertJSON(alert)) }
            return
        }
        print("\(ids.count) new permit-expiry alert\(ids.count == 1 ? "" : "s") (as of \(day))")
        for alert in alerts { print("  #\(alert.id) [\(alert.severity.rawValue)] \(alert.title)") }
        if let rules = env.pipeline.rules, rules.expiryWarning.provenance.confidence == .unverified, within == nil, env.pipeline.alerts.expiryWindowDays == nil {
            print("note: the \(rules.expiryWarning.windowDays)-day warning window is a default policy [unverified: configurable, not law]")
        }
    }
}
