import Foundation
import Yams

/// The user's configuration file (`rencai.yaml`). Each feature reads its own section with
/// ``section(_:as:)``; this type knows only where the file is and the top-level keys shared by all.
///
/// Found from `--config FILE`, else `$RENCAI_CONFIG`, else `./rencai.yaml`, else
/// `~/.config/rencai/config.yaml`; no file at all is an empty configuration.
public struct RencaiConfig: Sendable {
    /// The file the configuration came from, nil when none was found.
    public let url: URL?
    /// The parsed file, composed once. Yams nodes are not marked Sendable, but this one is never mutated
    /// after `init`, so sharing it is safe.
    nonisolated(unsafe) private let root: Node?

    public init(url: URL?, yaml: String) throws {
        self.url = url
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw InputError("\(url?.path ?? "config"): not valid YAML: \(RulesFile.describe(error))", status: .config)
        }
        if let root, root.mapping == nil {
            throw InputError("\(url?.path ?? "config"): the configuration must be a mapping of keys (store:, contact:, sources: …)", status: .config)
        }
        self.root = root
    }

    /// An empty configuration.
    public static let empty = try! RencaiConfig(url: nil, yaml: "{}")

    /// Finds and reads the configuration file.
    public static func load(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                            currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> RencaiConfig {
        var candidates: [(String, Bool)] = []
        if let explicit { candidates.append((explicit, true)) }
        if let env = environment["RENCAI_CONFIG"], !env.isEmpty { candidates.append((env, true)) }
        candidates.append(((currentDirectory as NSString).appendingPathComponent("rencai.yaml"), false))
        if let home = environment["HOME"] { candidates.append(("\(home)/.config/rencai/config.yaml", false)) }
        for (path, required) in candidates {
            if FileManager.default.fileExists(atPath: path) {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw InputError("\(path): cannot read the configuration file (check permissions and that it is UTF-8)", status: .config)
                }
                return try RencaiConfig(url: URL(fileURLWithPath: path), yaml: text)
            } else if required {
                throw InputError("\(path): configuration file not found: check --config or RENCAI_CONFIG", status: .config)
            }
        }
        return .empty
    }

    /// A top-level string value such as `store:` or `contact:`.
    public func string(_ key: String) -> String? {
        root?.mapping?[key]?.string
    }

    /// Decodes a top-level section (`sources:`, `channels:` …) into a feature's own type; nil when absent.
    public func section<T: Decodable>(_ key: String, as type: T.Type) throws -> T? {
        guard let node = root?.mapping?[key] else { return nil }
        do { return try YAMLDecoder().decode(T.self, from: node) } catch {
            throw InputError("\(url?.path ?? "config"): section '\(key)': \(RulesFile.describe(error))", status: .config)
        }
    }
}
