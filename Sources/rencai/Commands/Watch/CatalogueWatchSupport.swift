import Catalogues
import Foundation
import Portals
import RencaiCore
import Store

/// What the catalogue commands (`watch run/status/history/diff/import`) share: the configured sources,
/// the store, the libcurl client and the watcher.
struct CatalogueWatchContext {
    let config: RencaiConfig
    let sources: [CatalogueSource]
    let store: RencaiStore
    let revisions: RevisionStore

    /// `watch:` settings in the config file.
    struct Settings: Decodable {
        /// Blocks in a row after which a source is flagged for `rencai watch import` (default 3).
        let manual_import_after: Int?
    }

    init(_ global: GlobalOptions) throws {
        config = try global.loadConfig()
        let gazetteer = try Gazetteer.bundled(try global.resources())
        sources = try CatalogueSource.load(from: config, gazetteer: gazetteer)
        store = try RencaiStore.open(at: global.storeURL(config: config))
        revisions = RevisionStore(store: store)
    }

    var manualImportAfter: Int {
        get throws {
            let settings = try config.section("watch", as: Settings.self)
            guard let n = settings?.manual_import_after else { return CatalogueWatcher.defaultManualImportAfter }
            guard n >= 1 else {
                throw InputError("\(config.url?.path ?? "config"): watch.manual_import_after must be 1 or more", status: .config)
            }
            return n
        }
    }

    /// The configured source with this id, or an error that lists the known ones.
    func source(_ id: String) throws -> CatalogueSource {
        if let source = sources.first(where: { $0.id == id }) { return source }
        let known = sources.map(\.id)
        throw InputError("no source '\(id)' in \(config.url?.path ?? "the configuration")"
                         + (known.isEmpty ? ": add it under sources: (see Templates/config/rencai.example.yaml)" : " (known: \(known.joined(separator: ", ")))"),
                         status: .noInput)
    }

    /// Every configured source, or an error when there are none.
    func requireSources() throws -> [CatalogueSource] {
        guard !sources.isEmpty else {
            throw InputError("\(config.url?.path ?? "no configuration file found"): no sources: to watch; add them under sources: (see Templates/config/rencai.example.yaml)", status: .config)
        }
        return sources
    }

    func close() { try? store.close() }
}

/// Dates in text output: UTC to the second.
enum WatchTime {
    static func text(_ date: Date?) -> String {
        date?.ISO8601Format() ?? "-"
    }
}
