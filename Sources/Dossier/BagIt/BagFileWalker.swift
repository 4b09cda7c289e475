import Foundation

/// A path compared byte for byte. Swift's `String ==` treats NFC and NFD spellings as equal,
/// but a file system does not, and a validator must notice the difference.
struct ExactPath: Hashable, Comparable {
    let bytes: [UInt8]
    init(_ path: String) { bytes = Array(path.utf8) }
    var string: String { String(decoding: bytes, as: UTF8.self) }
    static func < (lhs: ExactPath, rhs: ExactPath) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}

/// A regular file found in a bag.
struct WalkedFile {
    let path: String
    let size: Int64
}

/// Lists the regular files under a folder without following symbolic links; links and special
/// files are reported, never read.
enum BagFileWalker {
    static func files(under root: URL, prefix: String, into report: inout BagValidationReport) -> [WalkedFile] {
        var found: [WalkedFile] = []
        walk(root.path, relative: prefix, found: &found, report: &report)
        return found
    }

    private static func walk(_ directory: String, relative: String, found: inout [WalkedFile], report: inout BagValidationReport) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            report.problem(relative, "cannot list this folder")
            return
        }
        for name in names.sorted() {
            let full = directory + "/" + name
            let rel = relative + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { report.problem(rel, "cannot read file information"); continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: walk(full, relative: rel, found: &found, report: &report)
            case S_IFREG: found.append(WalkedFile(path: rel, size: Int64(info.st_size)))
            case S_IFLNK: report.problem(rel, "is a symbolic link; a bag must hold its files, and rencai never follows links")
            default: report.problem(rel, "is not a regular file (device, socket or pipe)")
            }
        }
    }

    /// Names that operating systems drop or add on their own.
    static func isSystemFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return [".DS_Store", "Thumbs.db", "desktop.ini", "Icon\r"].contains(name) || name.hasPrefix("._")
    }
}
