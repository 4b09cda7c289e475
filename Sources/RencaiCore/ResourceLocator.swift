import Foundation

/// Finds the folder with rencai's templates and bundled data (`Templates/` in the source checkout,
/// `PREFIX/share/rencai` when installed), from any working directory.
///
/// Order: an explicit folder (`--templates DIR`), `$RENCAI_TEMPLATES`, `PREFIX/share/rencai` next to
/// the running binary (`PREFIX/bin/rencai`), then the source checkout (found by walking up from the
/// binary, and from this source file's compile-time path).
public struct ResourceLocator: Sendable {
    /// The folder that holds `checklists/`, `reports/`, `rules/`, `occupations/` …
    public let root: URL

    public init(root: URL) { self.root = root }

    /// Locates the resources folder or throws an error that says how to point at it.
    public static func locate(explicit: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: URL? = Bundle.main.executableURL,
                              sourceFile: String = #filePath) throws -> ResourceLocator {
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(fileURLWithPath: explicit)) }
        if let env = environment["RENCAI_TEMPLATES"], !env.isEmpty { candidates.append(URL(fileURLWithPath: env)) }
        if let exe = executable?.resolvingSymlinksInPath() {
            let bin = exe.deletingLastPathComponent()
            candidates.append(bin.deletingLastPathComponent().appendingPathComponent("share/rencai"))
            var dir = bin
            for _ in 0..<6 {
                candidates.append(dir.appendingPathComponent("Templates"))
                dir = dir.deletingLastPathComponent()
            }
        }
        // Sources/RencaiCore/ResourceLocator.swift → checkout root.
        let checkout = URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(checkout.appendingPathComponent("Templates"))
        if let explicit, !isResourceRoot(URL(fileURLWithPath: explicit)) {
            throw InputError("--templates \(explicit): not a rencai templates folder (it has no rules/ or checklists/)", status: .noInput)
        }
        for candidate in candidates where isResourceRoot(candidate) {
            return ResourceLocator(root: candidate.standardizedFileURL)
        }
        throw InputError("cannot find rencai's templates and data: pass --templates DIR or set RENCAI_TEMPLATES to the Templates folder", status: .noInput)
    }

    private static func isResourceRoot(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("rules").path, isDirectory: &isDir) && isDir.boolValue
    }

    /// A file inside the resources folder, e.g. `url("rules/points-2017.yaml")`.
    public func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// The `Fixtures/` folder beside `Templates/` in a source checkout, or `share/rencai/fixtures` when installed.
    public var fixtures: URL? {
        for candidate in [root.deletingLastPathComponent().appendingPathComponent("Fixtures"), root.appendingPathComponent("fixtures")]
        where FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        return nil
    }
}
