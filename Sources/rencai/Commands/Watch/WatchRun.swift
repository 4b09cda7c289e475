import ArgumentParser

/// `rencai watch run`: Fetch every configured source (once, or on their intervals until SIGTERM).
struct WatchRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Fetch every configured source (once, or on their intervals until SIGTERM).")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai watch run") }
}
