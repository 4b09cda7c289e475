import ArgumentParser

struct DossierBuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "not built yet")
    @OptionGroup var global: GlobalOptions
    func run() async throws { throw NotBuiltYet(feature: "rencai dossier build") }
}
