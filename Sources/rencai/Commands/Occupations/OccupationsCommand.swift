import ArgumentParser

/// `rencai occupations`: Browse and import the National Occupational Classification.
struct OccupationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "occupations",
        abstract: "Browse and import the National Occupational Classification.",
        subcommands: [OccupationsShow.self, OccupationsSearch.self, OccupationsTree.self, OccupationsImport.self, OccupationsMappings.self]
    )
}
