import Foundation

/// One `checksum path` line of a (tag) manifest, after decoding.
struct BagManifestEntry {
    let checksum: String
    /// The path relative to the bag, percent-decoded (`%0A`, `%0D`, `%25`) and without a leading `./`.
    let path: String
    let line: Int
}

/// Parsing and writing manifest lines, with the path-safety checks of RFC 8493 §2.1.3 and §4.
enum BagManifest {
    /// Parses a manifest; unsafe or malformed lines become problems, tolerated oddities warnings.
    static func parse(_ text: String, file: String, algorithm: DigestAlgorithm, payload: Bool,
                      into report: inout BagValidationReport) -> [BagManifestEntry] {
        var entries: [BagManifestEntry] = []
        for (index, raw) in BagTagFiles.splitLines(text).enumerated() where !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            let line = index + 1
            guard let gap = raw.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                report.problem(file, "line \(line) has no path after the checksum")
                continue
            }
            let checksum = String(raw[..<gap]).lowercased()
            var path = String(raw[gap...].drop(while: { $0 == " " || $0 == "\t" }))
            guard checksum.count == algorithm.hexLength, checksum.allSatisfy(\.isHexDigit) else {
                report.problem(file, "line \(line): '\(checksum)' is not a \(algorithm.name) checksum")
                continue
            }
            if path.hasPrefix("*") {
                // md5sum's binary-mode marker: harmless, but not BagIt.
                report.warning(file, "line \(line): path starts with '*' (md5sum binary marker); read as '\(path.dropFirst())'")
                path.removeFirst()
            }
            path = percentDecoded(path)
            if let reason = unsafeReason(path) {
                report.problem(file, "line \(line): path '\(path)' \(reason)")
                continue
            }
            if path.hasPrefix("./") {
                report.warning(file, "line \(line): path '\(path)' starts with './'; read relative to the bag")
                while path.hasPrefix("./") { path.removeFirst(2) }
            }
            if payload && !path.hasPrefix("data/") {
                report.problem(file, "line \(line): path '\(path)' is outside the payload folder data/")
                continue
            }
            if !payload && path.hasPrefix("data/") {
                report.problem(file, "line \(line): a tag manifest must not list the payload file '\(path)'")
                continue
            }
            entries.append(BagManifestEntry(checksum: checksum, path: path, line: line))
        }
        return entries
    }

    /// Why a path from a manifest or fetch.txt must not be used, or nil when it is safe.
    static func unsafeReason(_ path: String) -> String? {
        if path.isEmpty { return "is empty" }
        if path.hasPrefix("/") { return "is absolute, outside the bag" }
        if path.hasPrefix("~") { return "starts with '~' (a home-folder shortcut), outside the bag" }
        if path.contains("\\") { return "contains a backslash (a Windows path), outside the bag" }
        if path.utf8.contains(0) { return "contains a NUL byte" }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") { return "climbs out with '..', outside the bag" }
        return nil
    }

    /// RFC 8493 §2.1.3: only CR, LF and % are percent-encoded in manifest paths.
    static func percentDecoded(_ path: String) -> String {
        guard path.contains("%") else { return path }
        var result = ""
        var scalars = Array(path.unicodeScalars)[...]
        while let first = scalars.first {
            if first == "%", scalars.count >= 3 {
                let code = String(String.UnicodeScalarView(scalars.dropFirst().prefix(2))).uppercased()
                let decoded: Unicode.Scalar? = code == "0A" ? "\n" : code == "0D" ? "\r" : code == "25" ? "%" : nil
                if let decoded { result.unicodeScalars.append(decoded); scalars = scalars.dropFirst(3); continue }
            }
            result.unicodeScalars.append(first)
            scalars = scalars.dropFirst()
        }
        return result
    }

    static func percentEncoded(_ path: String) -> String {
        var result = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\n": result += "%0A"
            case "\r": result += "%0D"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
