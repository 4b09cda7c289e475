import ArgumentParser
import Foundation
import Watch

/// `rencai alerts list [--json] [--unacked]`
struct AlertsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List alerts, newest first.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Only alerts nobody has acknowledged yet.")
    var unacked = false

    func run() async throws {
        let env = try AlertsEnvironment(global: global)
        defer { try? env.store.close() }
        let alerts = try Outbox(store: env.store).list(unackedOnly: unacked)
        if global.json {
            for alert in alerts { try Output.jsonLine(AlertJSON(alert)) }
            return
        }
        if alerts.isEmpty {
            print(unacked ? "no unacknowledged alerts" : "no alerts")
            return
        }
        print(Output.table(["ID", "SEVERITY", "HIRE", "SOURCE", "ACK", "TITLE"], alerts.map { alert in
            [String(alert.id), alert.severity.rawValue, alert.employeeID, alert.sourceID, alert.ackedAt == nil ? "-" : "yes", alert.title]
        }))
    }
}
