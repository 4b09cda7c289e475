import ArgumentParser

/// `rencai assess`: Assess a candidate's category (A/B/C) with reasons.
struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assess", abstract: "Assess a candidate's category (A/B/C) with reasons.")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai assess") }
}
