import Foundation
import RencaiCore

/// Ranks occupation codes for a job title or description and explains each score.
///
/// Evidence, added per code:
/// - a text the company confirmed (same text: +1000; a confirmed text covering 80 % of the input: +500);
/// - the longest titles, aliases, keywords and lexicon translations found inside the text (weight grows with
///   length^1.5; a term shared by several codes is split between them; of two overlapping matches the later
///   one, the head of a Chinese title such as 工程师 or 销售, wins);
/// - IDF-weighted character bigrams, unigrams and English words (cosine-style) for what no term covers;
/// - n-grams shared with confirmed texts;
/// - a minor group's evidence flows to its occupations, a medium group's to its "other" group (X-XX-99);
/// then major and medium groups are damped, codes with many aliases get a small prior, and the 30 leading
/// candidates are re-ranked with Naive Bayes over character 1- to 3-grams. Weights are in ``Tuning``; they
/// were set on the csco22 dev titles (see `bench-classify`).
///
/// ```swift
/// let classifier = OccupationClassifier(index: OccupationIndex(classification: cls, lexicon: lexicon))
/// let result = classifier.classify("Java开发工程师（急招）8k-12k", top: 3)
/// result.candidates.first?.code      // "2-02-10-03"
/// result.candidates.first?.matched   // ["keyword:java开发", ...]
/// ```
public struct OccupationClassifier: Sendable {
    public struct Tuning: Sendable {
        /// Weight of a term match, times its length^1.5.
        public var termWeight: Float = 2
        /// Extra factor when the match ends a segment (the head of the title).
        public var headBonus: Float = 1.0
        /// Score factor per unit of log(1 + aliases): codes that gather many job-board names are more common.
        public var aliasPrior: Float = 0.1
        /// Factor for a match overlapped by a later one (the later one is the head).
        public var overlapLoser: Float = 0.5
        /// Weight of the bigram/word similarity.
        public var featureWeight: Float = 30
        /// Weight of n-grams shared with confirmed texts, times length^1.5.
        public var exampleWeight: Float = 3
        /// Weight of the Naive Bayes re-ranking of the leading candidates (0: off).
        public var nbWeight: Float = 1
        /// How many leading candidates the re-ranking considers.
        public var nbCandidates = 30
        /// Share of a minor group's score that flows to each of its occupations.
        public var groupShare: Float = 0.5
        /// Candidates are occupations: a group among the leading candidates gives its place to its best-ranked
        /// occupation (any occupation of the right group is right; the group itself is the back-off, `group`).
        public var occupationsFirst = true
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

    public func makeScratch() -> Scratch { Scratch(entryCount: index.classification.count) }

    public func classify(_ text: String, top: Int = 5) -> ClassificationResult {
        let scratch = makeScratch()
        return classify(text, top: top, scratch: scratch)
    }

    public func classify(_ text: String, top: Int, scratch: Scratch) -> ClassificationResult {
        let limited = text.utf8.count > Self.maxInputCharacters * 4 ? String(text.prefix(Self.maxInputCharacters)) : text
        let base = JobTextNormalizer.scalars(limited, dropNoise: true)
        var s = base
        var translations: [(label: String, zh: String)] = []
        if !index.lexicon.entries.isEmpty, base.contains(where: { (0x61...0x7A).contains($0) }) {
            for (en, zh) in index.lexicon.translate(JobTextNormalizer.string(base[...])) {
                s.append(JobTextNormalizer.breakScalar)
                s += zh.unicodeScalars.map(\.value)
                translations.append(("en:\(en)→\(zh)", zh))
            }
        }
        scratch.reset()
        defer { scratch.reset() }

        var exactHit = false
        if !index.confirmedExact.isEmpty, let e = index.confirmedExact[JobTextNormalizer.string(base[...])] {
            scratch.add(e, 1000)
            scratch.matched[e, default: []].append(.confirmedSame)
            exactHit = true
        }
        scoreTerms(s, baseCount: exactHit ? -1 : base.count, scratch: scratch, translations: translations)
        let queryFeatures = scoreFeatures(s, scratch: scratch)
        if !index.exampleGrams.isEmpty { scoreExamples(s, scratch: scratch) }
        spreadGroups(scratch)

        // Keep the best k of the touched entries (insertion into a short sorted list).
        let wanted = max(1, top)
        // The leading candidates are re-ranked with the Naive Bayes evidence; a group listed below one of its own
        // occupations is dropped afterwards.
        let k = max(wanted + 3, tuning.nbWeight > 0 ? tuning.nbCandidates : 0)
        var ranked: [(Int32, Float)] = []
        ranked.reserveCapacity(k + 1)
        for t in 0..<scratch.touchedCount {
            let e = scratch.touched[t]
            let v = scratch.scores[Int(e)] * index.levelFactor[Int(e)] * (1 + tuning.aliasPrior * index.aliasPrior[Int(e)])
            guard v > 0 else { continue }
            if ranked.count == k, let last = ranked.last, !(v > last.1 || (v == last.1 && e < last.0)) { continue }
            var i = ranked.count
            while i > 0 && (v > ranked[i - 1].1 || (v == ranked[i - 1].1 && e < ranked[i - 1].0)) { i -= 1 }
            ranked.insert((e, v), at: i)
            if ranked.count > k { ranked.removeLast() }
        }
        if tuning.nbWeight > 0 && ranked.count > 1 && ranked.count <= 64 { rerank(&ranked, s, scratch: scratch) }
        ranked = tuning.occupationsFirst ? occupationsFirst(ranked, wanted) : groupsAfterChildrenDropped(ranked, wanted)
        let entries = index.classification.entries
        let candidates = ranked.map { e, v in
            let entry = entries[Int(e)]
            var why = (scratch.matched[e] ?? []).map { render($0, translations) }
            let group = index.parentGroup[Int(e)]
            if group >= 0, let groupWhy = scratch.matched[group], !groupWhy.isEmpty {
                why += groupWhy.prefix(2).map { "group \(index.codeTexts[Int(group)]):" + render($0, translations, bare: true) }
            }
            if why.isEmpty { why = featureExplanation(s, queryFeatures, entry: e) }
            return Candidate(code: index.codeTexts[Int(e)], title: index.displayTitles[Int(e)], titleEN: entry.titleEN,
                             score: (Double(v) * 100).rounded() / 100, matched: why)
        }
        let best = candidates.first?.score ?? 0
        let second = candidates.count > 1 ? candidates[1].score : 0
        let review = candidates.isEmpty || best < tuning.weakScore || second >= best * tuning.closeRatio
        return ClassificationResult(input: text, candidates: candidates, review: review,
                                    group: review ? backoff(ranked.filter { $0.1 >= (ranked.first?.1 ?? 0) * 0.5 }.prefix(3).map { entries[Int($0.0)].code }) : nil)
    }

}
