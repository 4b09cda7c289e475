import Foundation
import RencaiCore

/// Turns a job title or description into the sequence of characters the classifier matches on:
/// NFKC (full-width to half-width), case folding, English words stemmed, punctuation and symbols
/// (emoji included) as segment breaks (`|`), and, for inputs, job-board noise removed (salaries, benefit
/// phrases, counts, bracketed places; "<company>招聘<job>" keeps the job).
///
/// Works on Unicode scalars in one pass, without Foundation string searching, because it runs on every
/// input of a batch.
///
/// ```swift
/// JobTextNormalizer.input("抖音运营（郓城）五险一金 月入过万")   // "抖音运营"
/// JobTextNormalizer.input("Sr. ML Engineers - Shanghai")       // "sr ml engin|shanghai"
/// ```
public enum JobTextNormalizer {
    /// Segments are joined by `|`, words inside a segment by one space.
    public static let segmentBreak: Character = "|"
    static let breakScalar: UInt32 = 0x7C
    static let space: UInt32 = 0x20

    /// Normalises a classification term (title, alias, keyword) into its segments: no noise removal;
    /// `"土木/土建工程师"` gives two terms.
    public static func term(_ text: String) -> [String] {
        let s = scalars(text, dropNoise: false)
        return s.split(separator: breakScalar).map(string).filter { !$0.isEmpty }
    }

    /// Normalises an input text (see the type's description).
    public static func input(_ text: String) -> String { string(scalars(text, dropNoise: true)[...]) }

    static func string(_ s: ArraySlice<UInt32>) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.count)
        for v in s { if let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) } }
        return out
    }

    /// The normalised scalars: segments separated by `|`, words by a space, no leading or trailing breaks.
    public static func scalars(_ text: String, dropNoise: Bool) -> [UInt32] {
        var raw = folded(text)
        if dropNoise {
            raw = removeBracketed(raw)
            raw = keepJobAfterRecruiting(raw)
            raw = NoisePhrases.remove(from: raw)
        }
        return segment(raw, dropNoise: dropNoise)
    }

    /// NFKC and lower case; the Foundation path only when the text has something to fold.
    static func folded(_ text: String) -> [UInt32] {
        var needsFoundation = false
        for u in text.unicodeScalars {
            let v = u.value
            if v > 0x7F && !FeatureKeys.isIdeograph(v) && !(0x3001...0x3002).contains(v) { needsFoundation = true; break }
        }
        let source = needsFoundation ? TextNormalizer.halfWidth(text).lowercased() : text
        var out: [UInt32] = []
        out.reserveCapacity(source.unicodeScalars.count)
        for u in source.unicodeScalars {
            var v = u.value
            if (0x41...0x5A).contains(v) { v += 0x20 }
            out.append(v)
        }
        return out
    }

    /// Removes (…) [...] 【…】 〔…〕 《…》 groups, where job boards put places, shifts and benefits. An unclosed
    /// bracket keeps what follows it rather than lose the title.
    static func removeBracketed(_ s: [UInt32]) -> [UInt32] {
        let open: Set<UInt32> = [0x28, 0x5B, 0x7B, 0x3010, 0x3014, 0x300A, 0x3008]
        let close: Set<UInt32> = [0x29, 0x5D, 0x7D, 0x3011, 0x3015, 0x300B, 0x3009]
        guard s.contains(where: { open.contains($0) || close.contains($0) }) else { return s }
        var out: [UInt32] = []
        var held: [UInt32] = []
        var depth = 0
        for v in s {
            if open.contains(v) { depth += 1; continue }
            if close.contains(v) {
                if depth > 0 { depth -= 1; held.removeAll() }
                out.append(breakScalar)
                continue
            }
            if depth == 0 { out.append(v) } else { held.append(v) }
        }
        if depth > 0 { out.append(breakScalar); out += held }
        return out
    }

    /// "XX公司招聘服务员" → "服务员" (when at least two letters follow 招聘).
    static func keepJobAfterRecruiting(_ s: [UInt32]) -> [UInt32] {
        guard s.count > 3 else { return s }
        var i = s.count - 2
        while i >= 0 {
            if s[i] == 0x62DB && s[i + 1] == 0x8058 {
                let after = Array(s[(i + 2)...])
                let letters = after.filter { FeatureKeys.isIdeograph($0) || (0x61...0x7A).contains($0) }.count
                return letters >= 2 ? after : s
            }
            i -= 1
        }
        return s
    }

    /// Splits into segments, stems English words, drops numbers and salary tokens (inputs only).
    static func segment(_ s: [UInt32], dropNoise: Bool) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count + 4)
        var word: [UInt32] = []
        var segmentStart = 0
        // After a dropped number, its unit (元, 万, 人 …) goes too.
        var skipUnits = false
        func flushWord() {
            guard !word.isEmpty else { return }
            defer { word.removeAll(keepingCapacity: true) }
            let isNumber = word.allSatisfy { (0x30...0x39).contains($0) }
            if dropNoise && (isNumber || NoisePhrases.isSalaryToken(word)) { skipUnits = true; return }
            if let last = out.last, last != breakScalar, last != space, out.count > segmentStart { out.append(space) }
            if word.count > 3 && word.allSatisfy({ $0 < 0x80 }) {
                out += EnglishStemmer.stem(string(word[...])).unicodeScalars.map(\.value)
            } else {
                out += word
            }
            out.append(space)
        }
        func flushSegment() {
            flushWord()
            while let last = out.last, last == space || last == breakScalar, out.count > segmentStart { out.removeLast() }
            if out.count > segmentStart { out.append(breakScalar) }
            segmentStart = out.count
        }
        for v in s {
            if v < 0x80 {
                if (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) || v == 0x23 || (v == 0x2B && !word.isEmpty) {
                    if (0x61...0x7A).contains(v) && word.isEmpty { skipUnits = false }
                    word.append(v)
                } else if v == space || v == 0x2E || v == 0x27 || v == 0x09 {
                    flushWord()
                } else {
                    flushSegment()
                }
            } else if FeatureKeys.isIdeograph(v) {
                flushWord()
                if skipUnits && NoisePhrases.numberUnits.contains(v) { continue }
                skipUnits = false
                if out.last == space && out.count > segmentStart { out.removeLast() }
                out.append(v)
            } else if let u = Unicode.Scalar(v), u.properties.isAlphabetic {
                word.append(v)
            } else {
                flushSegment()
            }
        }
        flushSegment()
        while out.last == breakScalar || out.last == space { out.removeLast() }
        return out
    }
}
