import ArgumentParser
import Foundation
import Occupations
import RencaiCore

/// `rencai occupations import FILE`.
struct OccupationsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store a classification file (csco22.csv layout or code,title[,parent] CSV); it then replaces the bundled list.",
        discussion: "A malformed code, an empty title or a wrong parent stops the import (nothing is stored) with the line number. Repeated codes keep the first entry and are reported.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The classification file (.csv or .xlsx).", valueName: "file"))
    var file: String

    @Option(help: "The edition the file holds.")
    var edition = OccupationCode.defaultEdition

    func run() async throws {
        global.bootstrapLogging()
        let loaded = try ClassificationLoader.load(contentsOf: URL(fileURLWithPath: file), edition: edition)
        let store = try global.openStore()
        defer { try? store.close() }
        try OccupationStore(store: store).saveClassification(loaded.classification, source: URL(fileURLWithPath: file).lastPathComponent)
        if !global.quiet { for issue in loaded.issues { Output.note("warning: \(issue)") } }
        let c = loaded.classification
        if global.json {
            try Output.json(["entries": c.count, "occupations": c.occupationCount, "issues": loaded.issues.count])
        } else {
            print("imported \(c.count) entries (\(c.occupationCount) occupations) of edition \(edition) from \(file); \(loaded.issues.count) repeated codes reported")
        }
    }
}
