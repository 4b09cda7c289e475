import ArgumentParser
import Catalogues
import Foundation
import RencaiCore

/// `rencai watch history SOURCE`: the revisions recorded for a source.
struct WatchHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List a source's revisions.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The source id (from the config, or any id in the store).", valueName: "source"))
    var source: String

    func run() async throws {
        global.bootstrapLogging()
        let context = try CatalogueWatchContext(global)
        defer { context.close() }
        let revisions = try context.revisions.revisions(of: source)
        if revisions.isEmpty, try context.revisions.state(of: source) == nil {
            _ = try context.source(source)   // an unknown id is a usage error that lists the known ones
        }
        if global.json {
            try Output.json(revisions)
            return
        }
        if revisions.isEmpty {
            print("\(source): no revisions yet (run `rencai watch run --once --source \(source)`)")
            return
        }
        print(Output.table(["REV", "RECORDED", "ORIGIN", "ROWS", "DIFF", "FINDINGS", "URL"], revisions.reversed().map { r in
            ["r\(r.id)", WatchTime.text(r.createdAt), r.origin.rawValue, String(r.rowCount),
             r.previous == nil ? "first" : "+\(r.added) −\(r.removed) ~\(r.changed)", String(r.findingCount), r.url]
        }))
    }
}
