import ArgumentParser

/// `rencai plan`: Plan a multi-city assignment: recognition, actions and deadlines.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Plan a multi-city assignment: recognition, actions and deadlines.")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai plan") }
}
