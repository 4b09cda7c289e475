import Foundation

/// Reading BagIt tag files: the strict `bagit.txt` declaration, the declared character encoding,
/// and the `Label: value` lines of `bag-info.txt`.
enum BagTagFiles {
    struct Declaration {
        let version: String
        let major: Int
        let minor: Int
        let encoding: String.Encoding
    }

    /// Parses `bagit.txt`. RFC 8493 §2.1.1 fixes its two lines exactly: no byte-order mark and no
    /// whitespace around the colon other than the one space after it.
    static func declaration(_ data: Data, into report: inout BagValidationReport) -> Declaration? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) || data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) {
            report.problem("bagit.txt", "starts with a byte-order mark, which RFC 8493 forbids in bagit.txt")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            report.problem("bagit.txt", "is not UTF-8 text")
            return nil
        }
        let lines = splitLines(text).filter { !$0.isEmpty }
        guard lines.count == 2 else {
            report.problem("bagit.txt", "must have exactly two lines, BagIt-Version and Tag-File-Character-Encoding (found \(lines.count))")
            return nil
        }
        let versionPattern = /^BagIt-Version: ([0-9]+)\.([0-9]+)$/
        guard let match = lines[0].wholeMatch(of: versionPattern), let major = Int(match.1), let minor = Int(match.2) else {
            report.problem("bagit.txt", "line 1 must read 'BagIt-Version: M.N' exactly (found '\(lines[0])')")
            return nil
        }
        let encodingPattern = /^Tag-File-Character-Encoding: (\S+)$/
        guard let encodingMatch = lines[1].wholeMatch(of: encodingPattern) else {
            report.problem("bagit.txt", "line 2 must read 'Tag-File-Character-Encoding: ENCODING' exactly (found '\(lines[1])')")
            return nil
        }
        guard let encoding = stringEncoding(named: String(encodingMatch.1)) else {
            report.problem("bagit.txt", "unsupported tag file encoding '\(encodingMatch.1)'")
            return nil
        }
        report.version = "\(major).\(minor)"
        return Declaration(version: "\(major).\(minor)", major: major, minor: minor, encoding: encoding)
    }

    static func stringEncoding(named name: String) -> String.Encoding? {
        switch name.uppercased().replacingOccurrences(of: "_", with: "-") {
        case "UTF-8", "UTF8": .utf8
        case "UTF-16", "UTF16": .utf16
        case "UTF-16LE": .utf16LittleEndian
        case "UTF-16BE": .utf16BigEndian
        case "ISO-8859-1", "LATIN1", "LATIN-1", "ISO8859-1": .isoLatin1
        case "US-ASCII", "ASCII": .ascii
        case "WINDOWS-1252", "CP1252": .windowsCP1252
        default: nil
        }
    }

    /// Decodes a tag file in the declared encoding; a UTF-8 byte-order mark is dropped.
    static func text(_ data: Data, encoding: String.Encoding) -> String? {
        var data = data
        if encoding == .utf8, data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        return String(data: data, encoding: encoding)
    }

    /// Lines split on CR LF, LF or CR (RFC 8493 allows all three).
    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                lines.append(current); current = ""; previousWasCR = true
            } else if scalar == "\n" {
                if !previousWasCR { lines.append(current) }
                current = ""; previousWasCR = false
            } else {
                current.unicodeScalars.append(scalar); previousWasCR = false
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `bag-info.txt` as ordered (label, value) pairs; continuation lines start with whitespace.
    static func metadata(_ text: String, file: String, into report: inout BagValidationReport) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for (number, line) in splitLines(text).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            if line.first == " " || line.first == "\t" {
                if pairs.isEmpty {
                    report.problem(file, "line \(number + 1) continues a value but no label came before it")
                } else {
                    pairs[pairs.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
                }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                report.problem(file, "line \(number + 1) is not 'Label: value' ('\(line)')")
                continue
            }
            let label = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if label.isEmpty { report.problem(file, "line \(number + 1) has an empty label") }
            pairs.append((label, value))
        }
        return pairs
    }
}
