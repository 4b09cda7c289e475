import ArgumentParser

struct DossierInit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "not built yet")
    @OptionGroup var global: GlobalOptions
    func run() async throws { throw NotBuiltYet(feature: "rencai dossier init") }
}
