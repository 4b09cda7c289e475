import Foundation
import RencaiCore

/// Turns a job title or description into the sequence of characters the classifier matches on:
/// NFKC (full-width to half-width), case folding, English words stemmed, punctuation and symbols
/// (emoji included) as segment breaks (a space), and, for inputs, job-board noise removed.
///
/// ```swift
/// JobTextNormalizer.input("抖音运营（郓城）五险一金 月入过万")   // "抖音运营"
/// JobTextNormalizer.input("Sr. ML Engineers - Shanghai")       // "sr ml engine|shanghai"
/// ```
public enum JobTextNormalizer {
    /// Normalises a classification term (title, alias, keyword) into its segments: no noise removal;
    /// `"土木/土建工程师"` gives two terms.
    public static func term(_ text: String) -> [String] {
        scan(TextNormalizer.halfWidth(text).lowercased(), dropNoise: false)
    }

    /// Normalises an input text: noise phrases, salaries, counts and bracketed places removed; when the
    /// title has the job-board form "<company>招聘<job>", only the job is kept.
    public static func input(_ text: String) -> String {
        render(scan(TextNormalizer.halfWidth(text).lowercased(), dropNoise: true))
    }

    /// Segments are joined by `|`, words inside a segment by one space.
    public static let segmentBreak: Character = "|"

    private static func render(_ segments: [String]) -> String { segments.joined(separator: String(segmentBreak)) }

    /// Splits into segments (runs without punctuation), stems English words, drops noise.
    static func scan(_ text: String, dropNoise: Bool) -> [String] {
        var t = text
        if dropNoise {
            t = removeBracketed(t)
            if let r = t.range(of: "招聘", options: .backwards) {
                let after = t[r.upperBound...].trimmingCharacters(in: .whitespaces)
                if after.unicodeScalars.filter({ $0.properties.isIdeographic || $0.properties.isAlphabetic }).count >= 2 {
                    t = after
                }
            }
            for phrase in NoisePhrases.zh where t.contains(phrase) {
                t = t.replacingOccurrences(of: phrase, with: " ")
            }
        }
        var segments: [String] = []
        var current = ""
        var word = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            let isNumber = word.allSatisfy(\.isNumber)
            if !(dropNoise && (isNumber || NoisePhrases.isSalaryToken(word))) {
                if !current.isEmpty && !(current.last == " ") { current.append(" ") }
                current += EnglishStemmer.stem(word)
                current.append(" ")
            }
            word = ""
        }
        func flushSegment() {
            flushWord()
            let s = current.trimmingCharacters(in: .whitespaces)
            if !s.isEmpty { segments.append(s) }
            current = ""
        }
        for scalar in t.unicodeScalars {
            let p = scalar.properties
            if scalar.isASCII && (p.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "#" || scalar == "+" && !word.isEmpty) {
                word.unicodeScalars.append(scalar)
            } else if p.isIdeographic {
                flushWord()
                if current.last == " " { current.removeLast() }
                current.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "." || scalar == "'" {
                flushWord()
            } else if p.isAlphabetic {
                word.unicodeScalars.append(scalar)
            } else {
                flushSegment()
            }
        }
        flushSegment()
        if dropNoise {
            segments = segments.map(NoisePhrases.stripSalaryTail).filter { !$0.isEmpty }
        }
        return segments
    }

    /// Removes (…) [...] 【…】 groups, where job boards put places, shifts and benefits.
    static func removeBracketed(_ text: String) -> String {
        var out = ""
        var depth = 0
        var removed = ""
        for ch in text {
            if "([{【〔<《".contains(ch) { depth += 1; continue }
            if ")]}】〕>》".contains(ch) {
                if depth > 0 { depth -= 1; out.append(" "); removed = ""; continue }
                out.append(" "); continue
            }
            if depth == 0 { out.append(ch) } else { removed.append(ch) }
        }
        // An unclosed bracket: keep what followed it rather than lose the title.
        if depth > 0 { out += " " + removed }
        return out
    }
}
