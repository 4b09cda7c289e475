import ArgumentParser
import Catalogues
import Foundation
import RencaiCore

/// `rencai watch import SOURCE FILE`: a page or attachment saved from a browser becomes a revision.
struct WatchImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a page or attachment saved from a browser for a blocked source.",
        discussion: "For a source behind a bot wall (see `rencai watch status`): open the page in a browser, save it (HTML, .xlsx or .csv) and import it. It is parsed and diffed like a fetched revision, with origin `import`."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The source id from the config.", valueName: "source"))
    var source: String

    @Argument(help: ArgumentHelp("The saved page (.html) or attachment (.xlsx, .csv).", valueName: "file"))
    var file: String

    func run() async throws {
        global.bootstrapLogging()
        let context = try CatalogueWatchContext(global)
        defer { context.close() }
        let source = try context.source(self.source)
        let url = URL(fileURLWithPath: file)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError("\(file): cannot read the file: check the path and permissions", status: .noInput)
        }
        guard !data.isEmpty else { throw InputError("\(file): the file is empty", status: .dataError) }
        let pipeline = try AlertsEnvironment.pipeline(store: context.store, config: context.config, global: global)
        let report = try CatalogueWatcher.importDocument(data, name: url.path, for: source, into: context.revisions,
                                                         alongside: pipeline.alongside(for: source))
        WatchRun.print(report, json: global.json)
        if report.revision != nil { WatchRun.deliver(pipeline) }
    }
}

