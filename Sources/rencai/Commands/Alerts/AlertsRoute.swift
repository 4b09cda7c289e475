import ArgumentParser
import Foundation
import Watch

/// `rencai alerts route [--channel ID]`
struct AlertsRoute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Queue unacknowledged alerts for channels that have not had them (after adding a channel to the config).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this channel (its id in the config).")
    var channel: String?

    func run() async throws {
        let env = try AlertsEnvironment(global: global)
        defer { try? env.store.close() }
        var channels = env.pipeline.alerts.channels
        if let channel {
            channels = channels.filter { $0.id == channel }
            guard !channels.isEmpty else {
                throw ValidationError("no channel '\(channel)' in the configuration (known: \(env.pipeline.alerts.channels.map(\.id).joined(separator: ", ")))")
            }
        }
        let queued = try Outbox(store: env.store).route(unacknowledgedTo: channels)
        print("queued \(queued) deliver\(queued == 1 ? "y" : "ies"); send them with `rencai alerts deliver`")
    }
}
