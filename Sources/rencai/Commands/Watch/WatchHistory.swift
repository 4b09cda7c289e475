import ArgumentParser

/// `rencai watch history`: List a source's revisions.
struct WatchHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List a source's revisions.")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai watch history") }
}
