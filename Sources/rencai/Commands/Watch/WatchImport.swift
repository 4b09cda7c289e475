import ArgumentParser

/// `rencai watch import`: Import a page or attachment saved from a browser for a blocked source.
struct WatchImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import a page or attachment saved from a browser for a blocked source.")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai watch import") }
}
