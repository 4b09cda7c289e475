import ArgumentParser

/// `rencai occupations`: Browse and import the National Occupational Classification.
struct OccupationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "occupations", abstract: "Browse and import the National Occupational Classification.")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai occupations") }
}
