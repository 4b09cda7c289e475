import ArgumentParser

/// `rencai watch fetch`: Fetch one URL through the polite libcurl client and describe the response.
struct WatchFetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fetch", abstract: "Fetch one URL through the polite libcurl client and describe the response.")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai watch fetch") }
}
