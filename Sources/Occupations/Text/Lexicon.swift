import Foundation
import RencaiCore

/// An English↔Chinese job-vocabulary lexicon (written for rencai, `Templates/occupations/lexicon-en-zh.csv`),
/// so that an English title meets a classification that has only Chinese titles: "software engineer" adds
/// "软件工程师" to what is matched.
///
/// ```swift
/// let lex = try Lexicon.load(contentsOf: url)
/// lex.translate("sr ml engine")   // ["机器学习", "工程师"]
/// ```
public struct Lexicon: Sendable {
    /// Stemmed English phrase (words joined by one space) → Chinese terms.
    public let entries: [String: [String]]
    let longestPhrase: Int
    /// Stemmed phrase → the English as written, for explanations.
    let written: [String: String]

    public init(entries: [String: [String]]) {
        var normalized: [String: [String]] = [:]
        var written: [String: String] = [:]
        for (en, zh) in entries {
            let key = JobTextNormalizer.term(en).joined(separator: " ")
            normalized[key, default: []].append(contentsOf: zh)
            if written[key] == nil || en.count < written[key]!.count { written[key] = en }
        }
        self.entries = normalized
        self.written = written
        self.longestPhrase = normalized.keys.map { $0.split(separator: " ").count }.max() ?? 1
    }

    public static let empty = Lexicon(entries: [:])

    public static let relativePath = "occupations/lexicon-en-zh.csv"

    /// Reads `en,zh` rows (several Chinese terms separated by `|` or `、`).
    public static func load(contentsOf url: URL) throws -> Lexicon {
        let table = try Table.read(contentsOf: url)
        let keys = table.header.map(TextNormalizer.headerKey)
        guard let enCol = keys.firstIndex(of: "en"), let zhCol = keys.firstIndex(of: "zh") else {
            throw InputError("\(table.source):\(table.headerLine): a lexicon needs 'en' and 'zh' columns")
        }
        var entries: [String: [String]] = [:]
        for row in table.rows {
            let en = TextNormalizer.cell(row[enCol]).lowercased()
            let zh = ClassificationLoader.splitList(row[zhCol])
            guard !en.isEmpty, !zh.isEmpty else {
                throw InputError("\(table.source):\(row.line): an empty 'en' or 'zh' cell: give both")
            }
            entries[en, default: []].append(contentsOf: zh)
        }
        return Lexicon(entries: entries)
    }

    /// The Chinese equivalents of the English phrases in a normalised text, longest phrase first, with the
    /// English phrase each came from.
    public func translate(_ normalized: String) -> [(english: String, chinese: String)] {
        let words = normalized.split(whereSeparator: { $0 == " " || $0 == JobTextNormalizer.segmentBreak }).map(String.init)
        guard !words.isEmpty, !entries.isEmpty else { return [] }
        var out: [(String, String)] = []
        var i = 0
        while i < words.count {
            var matched = false
            if words[i].unicodeScalars.first?.isASCII == true {
                for n in stride(from: min(longestPhrase, words.count - i), through: 1, by: -1) {
                    let phrase = words[i..<(i + n)].joined(separator: " ")
                    if let zh = entries[phrase] {
                        for z in zh { out.append((written[phrase] ?? phrase, z)) }
                        i += n; matched = true; break
                    }
                }
            }
            if !matched { i += 1 }
        }
        return out
    }
}
