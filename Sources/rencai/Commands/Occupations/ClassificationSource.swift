import ArgumentParser
import Foundation
import Occupations
import RencaiCore
import Store

/// Options shared by `classify` and `occupations`: which classification to use.
struct ClassificationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A classification file (csco22.csv layout, or code,title[,parent] CSV); else the imported one, else the bundled list.", valueName: "file"))
    var classification: String?

    @Option(name: .long, help: "The classification edition.")
    var edition = OccupationCode.defaultEdition
}

/// Picks the classification by precedence (--classification FILE, the stored import, the bundled list)
/// and builds the index with the lexicon and the company's confirmed mappings.
struct ClassificationSource {
    let classification: Classification
    let origin: String
    let issues: [ClassificationIssue]
    let lexicon: Lexicon

    static func resolve(global: GlobalOptions, options: ClassificationOptions, store: RencaiStore?) throws -> ClassificationSource {
        let resources = try global.resources()
        let lexiconURL = resources.url(Lexicon.relativePath)
        let lexicon = FileManager.default.fileExists(atPath: lexiconURL.path) ? try Lexicon.load(contentsOf: lexiconURL) : .empty
        let bundled = try BundledClassification.load(resources: resources)
        // A user's classification keeps its codes and titles and gains rencai's English titles and keywords.
        if let file = options.classification {
            let loaded = try ClassificationLoader.load(contentsOf: URL(fileURLWithPath: file), edition: options.edition)
            return ClassificationSource(classification: loaded.classification.enriched(with: bundled.classification),
                                        origin: file, issues: loaded.issues, lexicon: lexicon)
        }
        if let store, let stored = try OccupationStore(store: store).loadClassification(edition: options.edition) {
            return ClassificationSource(classification: stored.enriched(with: bundled.classification),
                                        origin: "imported: \(stored.provenance.source)", issues: [], lexicon: lexicon)
        }
        return ClassificationSource(classification: bundled.classification, origin: "bundled list (\(BundledClassification.relativePath))",
                                    issues: bundled.issues, lexicon: lexicon)
    }
}
