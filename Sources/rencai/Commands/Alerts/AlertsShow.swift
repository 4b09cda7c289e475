import ArgumentParser
import Foundation
import RencaiCore
import Watch

/// `rencai alerts show ID`
struct AlertsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one alert with its delivery state per channel.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The alert id (see `rencai alerts list`).")
    var id: Int64

    func run() async throws {
        let env = try AlertsEnvironment(global: global)
        defer { try? env.store.close() }
        let outbox = Outbox(store: env.store)
        guard let alert = try outbox.alert(id: id) else {
            throw InputError("no alert with id \(id): see `rencai alerts list`", status: .noInput)
        }
        let deliveries = try outbox.deliveries(alertID: id)
        if global.json { return try Output.json(AlertJSON(alert, deliveries: deliveries)) }
        print("#\(alert.id) [\(alert.severity.rawValue)] \(alert.title)")
        print("hire \(alert.employeeID) · source \(alert.sourceID) · revision \(alert.revision) · created \(alert.createdAt)")
        print(alert.ackedAt.map { "acknowledged \($0)" } ?? "not acknowledged: `rencai alerts ack \(alert.id)`")
        print("")
        print(alert.body)
        if !deliveries.isEmpty {
            print("")
            for d in deliveries {
                let state = d.isDelivered ? "delivered \(d.deliveredAt ?? "")" :
                    "pending (\(d.attempts) attempt\(d.attempts == 1 ? "" : "s")\(d.lastError.map { ", last error: \($0)" } ?? ""))"
                print("  \(d.channel): \(state)")
            }
        }
    }
}
