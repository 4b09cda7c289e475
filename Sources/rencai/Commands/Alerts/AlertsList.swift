import ArgumentParser
import Foundation
import Watch

extension Severity: ExpressibleByArgument {}

/// `rencai alerts list [--json] [--unacked]`
struct AlertsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List alerts, newest first.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Only alerts nobody has acknowledged yet.")
    var unacked = false

    @Option(help: ArgumentHelp("Only alerts about this hire.", valueName: "employee-id"))
    var hire: String?

    @Option(help: ArgumentHelp("Only alerts of at least this severity (info, warning, critical).", valueName: "severity"))
    var severity: Severity?

    func run() async throws {
        let env = try AlertsEnvironment(global: global)
        defer { try? env.store.close() }
        let alerts = try Outbox(store: env.store).list(unackedOnly: unacked).filter { alert in
            (hire.map { $0 == alert.employeeID } ?? true) && (severity.map { alert.severity >= $0 } ?? true)
        }
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
