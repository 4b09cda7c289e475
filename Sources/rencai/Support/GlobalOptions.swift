import ArgumentParser
import Foundation
import Logging
import RencaiCore
import Store

/// Options every command accepts: where the store, the configuration and the templates are,
/// machine output, and how much to log.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite store (else $RENCAI_STORE, the config's store:, or $XDG_DATA_HOME/rencai/rencai.sqlite).", valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file (else $RENCAI_CONFIG, ./rencai.yaml, ~/.config/rencai/config.yaml).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The templates and bundled data folder (else $RENCAI_TEMPLATES, PREFIX/share/rencai, or the source checkout).", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false

    @Flag(name: .long, help: "Log more detail to stderr.")
    var verbose = false

    @Flag(name: .long, help: "Log only errors to stderr.")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together") }
    }

    /// Sets up swift-log once, to stderr, at the level the flags ask for.
    func bootstrapLogging() {
        let level: Logger.Level = verbose ? .debug : quiet ? .error : .warning
        LoggingSetup.bootstrap(level: level)
    }

    func loadConfig() throws -> RencaiConfig { try RencaiConfig.load(explicit: config) }

    func resources() throws -> ResourceLocator { try ResourceLocator.locate(explicit: templates) }

    /// The store path by precedence: --store, $RENCAI_STORE, config `store:`, XDG data home.
    func storeURL(config: RencaiConfig) -> URL {
        let env = ProcessInfo.processInfo.environment
        if let store { return URL(fileURLWithPath: store) }
        if let path = env["RENCAI_STORE"], !path.isEmpty { return URL(fileURLWithPath: path) }
        if let path = config.string("store") {
            let expanded = (path as NSString).expandingTildeInPath
            if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded) }
            // A relative store path is relative to the config file's folder.
            let base = config.url?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            return base.appendingPathComponent(expanded)
        }
        let dataHome = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return URL(fileURLWithPath: dataHome).appendingPathComponent("rencai/rencai.sqlite")
    }

    func openStore() throws -> RencaiStore {
        try RencaiStore.open(at: storeURL(config: loadConfig()))
    }
}

enum LoggingSetup {
    nonisolated(unsafe) private static var done = false

    static func bootstrap(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
