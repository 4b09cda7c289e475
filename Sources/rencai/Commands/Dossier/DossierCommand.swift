import ArgumentParser

/// `rencai dossier`: check evidence against checklists and build a verifiable BagIt dossier.
/// One file per subcommand.
struct DossierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Check evidence against checklists and build a verifiable BagIt dossier.",
        subcommands: [DossierInit.self, DossierCheck.self, DossierBuild.self, DossierVerify.self]
    )
}
