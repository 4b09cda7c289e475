import ArgumentParser
import Foundation
import Watch

/// `rencai alerts ack ID`
struct AlertsAck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge an alert (it leaves `alerts list --unacked`).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The alert id.")
    var id: Int64

    @Option(help: "Who acknowledges (default: $USER).")
    var by: String?

    @Option(help: "A note to keep with the acknowledgement.")
    var note: String?

    func run() async throws {
        let env = try AlertsEnvironment(global: global)
        defer { try? env.store.close() }
        let person = by ?? ProcessInfo.processInfo.environment["USER"]
        let fresh = try Outbox(store: env.store).ack(id: id, by: person, note: note)
        print(fresh ? "acknowledged alert \(id)" : "alert \(id) was already acknowledged")
    }
}
