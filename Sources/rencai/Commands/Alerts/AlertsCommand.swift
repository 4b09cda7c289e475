import ArgumentParser

/// `rencai alerts`: the alert outbox — list, show, acknowledge, scan permits, deliver. One file per subcommand.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List, acknowledge and deliver alerts about affected hires.",
        subcommands: [AlertsList.self, AlertsShow.self, AlertsAck.self, AlertsExpiry.self, AlertsDeliver.self, AlertsRoute.self]
    )
}
