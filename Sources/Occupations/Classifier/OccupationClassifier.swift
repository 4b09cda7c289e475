import Foundation
import RencaiCore

/// Ranks occupation codes for a job title or description and explains each score.
///
/// Scoring, in order of weight: a text confirmed earlier by the company; the longest titles, aliases,
/// keywords and lexicon translations found inside the text (longer is stronger, a match that ends a
/// segment, the head of a Chinese job title such as 工程师 or 销售, counts more, and a term shared by
/// several codes is split between them); then IDF-weighted character bigrams, unigrams and English words
/// for what no term covers.
///
/// ```swift
/// let classifier = OccupationClassifier(index: OccupationIndex(classification: cls, lexicon: lexicon))
/// let result = classifier.classify("Java开发工程师（急招）8k-12k", top: 3)
/// result.candidates.first?.code      // "2-02-10-03"
/// result.candidates.first?.matched   // ["alias:java开发", ...]
/// ```
public struct OccupationClassifier: Sendable {
    public struct Tuning: Sendable {
        /// Weight of a term match, times its length^1.5.
        public var termWeight: Float = 3
        /// Extra factor when the match ends a segment (the head of the title).
        public var headBonus: Float = 1.5
        /// Weight of the bigram/word similarity.
        public var featureWeight: Float = 10
        /// Review when the best score is below this…
        public var weakScore: Double = 12
        /// …or the second is at least this fraction of the best.
        public var closeRatio: Double = 0.85
        public init() {}
    }

    public let index: OccupationIndex
    public let tuning: Tuning
    /// Inputs longer than this many characters are cut (a 10 MB paste is classified by its beginning).
    public static let maxInputCharacters = 4096

    public init(index: OccupationIndex, tuning: Tuning = Tuning()) {
        self.index = index
        self.tuning = tuning
    }

    /// Reusable per-thread buffers, so that batch classification does not allocate per call.
    public final class Scratch {
        var scores: [Float]
        var touched: [Int32] = []
        var matched: [[String]]
        public init(entryCount: Int) {
            scores = [Float](repeating: 0, count: entryCount)
            matched = [[String]](repeating: [], count: entryCount)
        }
    }

    public func makeScratch() -> Scratch { Scratch(entryCount: index.classification.count) }

    public func classify(_ text: String, top: Int = 5) -> ClassificationResult {
        let scratch = makeScratch()
        return classify(text, top: top, scratch: scratch)
    }

    public func classify(_ text: String, top: Int, scratch: Scratch) -> ClassificationResult {
        let limited = text.count > Self.maxInputCharacters ? String(text.prefix(Self.maxInputCharacters)) : text
        var normalized = JobTextNormalizer.input(limited)
        var translations: [String] = []
        for (en, zh) in index.lexicon.translate(normalized) {
            normalized.append(JobTextNormalizer.segmentBreak)
            normalized += zh
            translations.append("en:\(en)→\(zh)")
        }
        let s = normalized.unicodeScalars.map(\.value)
        defer {
            for e in scratch.touched { scratch.scores[Int(e)] = 0; scratch.matched[Int(e)].removeAll(keepingCapacity: true) }
            scratch.touched.removeAll(keepingCapacity: true)
        }
        func add(_ e: Int32, _ w: Float) {
            if scratch.scores[Int(e)] == 0 { scratch.touched.append(e) }
            scratch.scores[Int(e)] += w
        }

        if let e = index.confirmedExact[JobTextNormalizer.input(limited)] {
            add(e, 1000)
            scratch.matched[Int(e)].append("confirmed:same text")
        }
        scoreTerms(s, add: add, scratch: scratch, translations: translations)
        scoreFeatures(s, add: add)

        // Rank the touched entries.
        var ranked: [(Int32, Float)] = []
        ranked.reserveCapacity(scratch.touched.count)
        for e in scratch.touched {
            let v = scratch.scores[Int(e)] * index.levelFactor[Int(e)]
            if v > 0 { ranked.append((e, v)) }
        }
        let k = max(1, top)
        if ranked.count > k {
            ranked.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            ranked.removeLast(ranked.count - k)
        } else {
            ranked.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        }
        let entries = index.classification.entries
        let candidates = ranked.map { e, v in
            let entry = entries[Int(e)]
            var why = scratch.matched[Int(e)]
            if why.isEmpty { why = featureExplanation(s, entry: e) }
            return Candidate(code: entry.code.text, title: entry.displayTitle, titleEN: entry.titleEN,
                             score: (Double(v) * 100).rounded() / 100, matched: why)
        }
        let best = candidates.first?.score ?? 0
        let second = candidates.count > 1 ? candidates[1].score : 0
        let review = candidates.isEmpty || best < tuning.weakScore || second >= best * tuning.closeRatio
        return ClassificationResult(input: text, candidates: candidates, review: review,
                                    group: review ? backoff(ranked.prefix(3).map { entries[Int($0.0)].code }) : nil)
    }

    /// Longest matches of known terms; a match strictly inside a longer match does not count.
    private func scoreTerms(_ s: [UInt32], add: (Int32, Float) -> Void, scratch: Scratch, translations: [String]) {
        var found: [(start: Int, end: Int, term: Int32)] = []
        let n = s.count
        for i in 0..<n {
            let v = s[i]
            if v == 0x20 || v == 0x7C { continue }
            if FeatureKeys.isWordScalar(v), i > 0, FeatureKeys.isWordScalar(s[i - 1]) { continue }
            var node: Int32 = 0
            var j = i
            while j < n {
                guard let next = index.trie[UInt64(UInt32(bitPattern: node)) << 32 | UInt64(s[j])] else { break }
                node = next
                j += 1
                let t = index.nodeTerm[Int(node)]
                if t >= 0 {
                    // English words match whole words only ("java" is not inside "javascript").
                    let endsWord = !(FeatureKeys.isWordScalar(s[j - 1]) && j < n && FeatureKeys.isWordScalar(s[j]))
                    if endsWord { found.append((i, j, t)) }
                }
            }
        }
        guard !found.isEmpty else { return }
        for m in found {
            let len = m.end - m.start
            if found.contains(where: { $0.start <= m.start && $0.end >= m.end && $0.end - $0.start > len }) { continue }
            let term = index.terms[Int(m.term)]
            var w = tuning.termWeight * powf(Float(len), 1.5)
            if m.end == n || s[m.end] == 0x7C { w *= tuning.headBonus }
            let share = w / Float(term.postings.count)
            let translated = translations.first { $0.hasSuffix("→" + term.text) }
            for p in term.postings {
                add(p.entry, share * p.kind.weight)
                var list = scratch.matched[Int(p.entry)]
                let label = translated ?? "\(p.kind.rawValue):\(term.text)"
                if list.count < 4 && !list.contains(label) { list.append(label); scratch.matched[Int(p.entry)] = list }
            }
        }
    }

    /// Cosine-style similarity of IDF-weighted features, accumulated through the postings.
    private func scoreFeatures(_ s: [UInt32], add: (Int32, Float) -> Void) {
        var keys: [UInt64] = []
        FeatureKeys.forEach(s) { key, _, _ in keys.append(key) }
        guard !keys.isEmpty else { return }
        var infos: [OccupationIndex.FeatureInfo] = []
        var norm: Float = 0
        for key in keys {
            guard let info = index.features[key] else { continue }
            infos.append(info)
            norm += info.idf * info.idf
        }
        guard norm > 0 else { return }
        let scale = tuning.featureWeight / sqrtf(norm)
        for info in infos {
            let f = scale * info.idf
            let start = Int(info.start)
            for p in start..<(start + Int(info.count)) {
                add(index.postingEntry[p], f * index.postingWeight[p])
            }
        }
    }

    /// For a candidate found by similarity only: the bigrams and words it shares with the input.
    private func featureExplanation(_ s: [UInt32], entry: Int32) -> [String] {
        var out: [String] = []
        FeatureKeys.forEach(s) { key, start, end in
            guard out.count < 4, key >= FeatureKeys.bigramTag, let info = index.features[key] else { return }
            let range = Int(info.start)..<Int(info.start + info.count)
            if index.postingEntry[range].contains(entry) {
                let label = "\(key >= FeatureKeys.wordTag ? "word" : "bigram"):\(FeatureKeys.text(s, start, end))"
                if !out.contains(label) { out.append(label) }
            }
        }
        return out
    }

    /// The deepest minor or medium group shared by the top candidates.
    private func backoff(_ codes: [OccupationCode]) -> ClassificationResult.GroupBackoff? {
        guard let first = codes.first else { return nil }
        for level in [OccupationCode.Level.minor, .medium] {
            let g = first.truncated(to: level)
            if first.parts.count > level.depth, codes.allSatisfy({ g.contains($0) }),
               let entry = index.classification[g] {
                return .init(code: g.text, title: entry.displayTitle, level: level.rawValue)
            }
        }
        return nil
    }
}
