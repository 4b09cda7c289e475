import ArgumentParser

/// `rencai dossier`: Check evidence against checklists and build a verifiable BagIt dossier.
struct DossierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dossier", abstract: "Check evidence against checklists and build a verifiable BagIt dossier.")

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "Arguments of the command.")
    var arguments: [String] = []

    func run() async throws { throw NotBuiltYet(feature: "rencai dossier") }
}
