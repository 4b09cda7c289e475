import Foundation
import RencaiCore

/// File-level checks of an evidence folder: every listed file must be inside the folder (no `..`, no
/// absolute path, no symbolic link leading out), a readable regular file, not empty, and listed once.
enum EvidenceFileCheck {
    static func check(_ manifest: EvidenceManifest, folder: URL) -> [CheckedDocument] {
        let root = folder.resolvingSymlinksInPath().standardizedFileURL.path
        var firstLine: [String: Int] = [:]
        for document in manifest.documents where firstLine[document.file] == nil { firstLine[document.file] = document.line }
        var counts: [String: Int] = [:]
        for document in manifest.documents { counts[document.file, default: 0] += 1 }

        return manifest.documents.map { document in
            var problems: [ItemProblem] = []
            var resolved: String?
            if counts[document.file, default: 0] > 1 {
                problems.append(ItemProblem(status: .invalid, detail: "\(document.file) is listed twice in evidence.yaml (lines \(firstLine[document.file] ?? 0) and \(document.line)): list each file once", source: nil))
            }
            switch resolve(document.file, root: root) {
            case .success(let path): resolved = path
            case .failure(let problem): problems.append(ItemProblem(status: .invalid, detail: "\(document.file): \(problem.message)", source: nil))
            }
            var resolvedTranslation: String?
            if let translation = document.translation {
                switch resolve(translation, root: root) {
                case .success(let path): resolvedTranslation = path
                case .failure(let problem):
                    problems.append(ItemProblem(status: .invalid, detail: "translation \(translation): \(problem.message)", source: nil))
                }
            }
            return CheckedDocument(document: document, resolvedPath: problems.contains { $0.status == .invalid } ? nil : resolved,
                                   resolvedTranslationPath: resolvedTranslation, problems: problems)
        }
    }

    struct Problem: Error { let message: String }

    /// The real path of a listed file, or why it cannot be used.
    static func resolve(_ file: String, root: String) -> Result<String, Problem> {
        if file.hasPrefix("/") || file.hasPrefix("~") {
            return .failure(Problem(message: "is an absolute path, outside the evidence folder; list files by their name in the folder"))
        }
        if file.split(separator: "/").contains("..") {
            return .failure(Problem(message: "climbs out of the evidence folder with '..'; copy the file into the folder"))
        }
        let candidate = URL(fileURLWithPath: root).appendingPathComponent(file)
        var info = stat()
        guard lstat(candidate.path, &info) == 0 else {
            return .failure(Problem(message: "not found in the evidence folder; check the name in evidence.yaml"))
        }
        let real = candidate.resolvingSymlinksInPath().standardizedFileURL.path
        if !(real == root || real.hasPrefix(root + "/")) {
            return .failure(Problem(message: "is a symbolic link leading out of the evidence folder (to \(real)); rencai never follows it, copy the file in"))
        }
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Problem(message: "is not a regular file"))
        }
        guard access(real, R_OK) == 0 else { return .failure(Problem(message: "cannot be read (permissions)")) }
        if info.st_size == 0 { return .failure(Problem(message: "is empty (0 bytes); replace it with the real document")) }
        return .success(real)
    }
}
