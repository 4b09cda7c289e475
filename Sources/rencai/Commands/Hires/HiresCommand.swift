import ArgumentParser

/// `rencai hires`: the registry of current foreign hires.
struct HiresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hires",
        abstract: "Import, list and show the company's current foreign hires.",
        subcommands: [HiresImport.self, HiresList.self, HiresShow.self]
    )
}
