import ArgumentParser

/// `rencai watch status`: Show each source's last success, change, block or error.
struct WatchStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show each source's last success, change, block or error.")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai watch status") }
}
