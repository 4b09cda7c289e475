import ArgumentParser

/// `rencai watch diff`: Show the keyed diff between two revisions of a source.
struct WatchDiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Show the keyed diff between two revisions of a source.")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai watch diff") }
}
