import ArgumentParser

/// `rencai alerts`: List, acknowledge and deliver alerts about affected hires.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alerts", abstract: "List, acknowledge and deliver alerts about affected hires.")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai alerts") }
}
