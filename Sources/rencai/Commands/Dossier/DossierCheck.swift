import ArgumentParser

struct DossierCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "not built yet")
    @OptionGroup var global: GlobalOptions
    func run() async throws { throw NotBuiltYet(feature: "rencai dossier check") }
}
