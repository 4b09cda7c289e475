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
        public var nbWeight: Float = 2
        /// How many leading candidates the re-ranking considers.
        public var nbCandidates = 8
        /// Share of a minor group's score that flows to each of its occupations.
        public var groupShare: Float = 0.5
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

    /// Reusable buffers for one thread, so that batch classification does not allocate per call. Raw
    /// memory because the accumulation loop is the hot path (no exclusivity checks, no copy-on-write).
    public final class Scratch {
        let capacity: Int
        let scores: UnsafeMutablePointer<Float>
        let touched: UnsafeMutablePointer<Int32>
        /// Candidate slot of an entry during re-ranking, -1 otherwise.
        let slot: UnsafeMutablePointer<Int32>
        /// Per-candidate sums during re-ranking (at most 64 candidates).
        let rerankBuffer: UnsafeMutablePointer<Float>
        var touchedCount = 0
        var matched: [Int32: [String]] = [:]

        public init(entryCount: Int) {
            capacity = max(entryCount, 1)
            scores = .allocate(capacity: capacity)
            scores.initialize(repeating: 0, count: capacity)
            touched = .allocate(capacity: capacity)
            slot = .allocate(capacity: capacity)
            slot.initialize(repeating: -1, count: capacity)
            rerankBuffer = .allocate(capacity: 64)
            rerankBuffer.initialize(repeating: 0, count: 64)
        }

        deinit {
            scores.deallocate()
            touched.deallocate()
            slot.deallocate()
            rerankBuffer.deallocate()
        }

        @inline(__always) func add(_ e: Int32, _ w: Float) {
            let i = Int(e)
            if scores[i] == 0 { touched[touchedCount] = e; touchedCount += 1 }
            scores[i] += w
            // A score that cancels to exactly zero would be touched twice; nudge it.
            if scores[i] == 0 { scores[i] = .leastNonzeroMagnitude }
        }

        func reset() {
            for k in 0..<touchedCount { scores[Int(touched[k])] = 0 }
            touchedCount = 0
            if !matched.isEmpty { matched.removeAll(keepingCapacity: true) }
        }
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
        var translations: [String] = []
        if !index.lexicon.entries.isEmpty, base.contains(where: { (0x61...0x7A).contains($0) }) {
            for (en, zh) in index.lexicon.translate(JobTextNormalizer.string(base[...])) {
                s.append(JobTextNormalizer.breakScalar)
                s += zh.unicodeScalars.map(\.value)
                translations.append("en:\(en)→\(zh)")
            }
        }
        scratch.reset()
        defer { scratch.reset() }

        var exactHit = false
        if !index.confirmedExact.isEmpty, let e = index.confirmedExact[JobTextNormalizer.string(base[...])] {
            scratch.add(e, 1000)
            scratch.matched[e, default: []].append("confirmed:same text")
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
        var kept: [(Int32, Float)] = []
        for (e, v) in ranked where kept.count < wanted {
            if index.groupChildren[e] != nil, kept.contains(where: { index.parentGroup[Int($0.0)] == e }) { continue }
            kept.append((e, v))
        }
        ranked = kept
        let entries = index.classification.entries
        let candidates = ranked.map { e, v in
            let entry = entries[Int(e)]
            var why = scratch.matched[e] ?? []
            let group = index.parentGroup[Int(e)]
            if group >= 0, let groupWhy = scratch.matched[group], !groupWhy.isEmpty {
                why += groupWhy.prefix(2).map { "group \(index.codeTexts[Int(group)]):" + ($0.split(separator: ":", maxSplits: 1).last.map(String.init) ?? $0) }
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

    /// Longest matches of known terms; a match strictly inside a longer match does not count.
    /// n-grams the input shares with the company's confirmed texts.
    private func scoreExamples(_ s: [UInt32], scratch: Scratch) {
        // A repeated n-gram counts each time (rare in titles; a set per call would cost more than it saves).
        OccupationIndex.forEachGram(s) { key, n in
            guard let g = index.exampleGrams[key] else { return }
            let w = tuning.exampleWeight * powf(Float(n), 1.5)
            for p in Int(g.start)..<Int(g.start + g.count) { scratch.add(index.exampleEntry[p], w * index.exampleWeight[p]) }
        }
    }

    /// A minor group's evidence also counts for each of its occupations: a label at group level is right for
    /// any of them, a label at occupation level only for the one named. Earlier children win ties.
    private func spreadGroups(_ scratch: Scratch) {
        let n = scratch.touchedCount
        var best: Float = 0
        for t in 0..<n { best = max(best, scratch.scores[Int(scratch.touched[t])]) }
        // Groups far below the best cannot lift a child into the top candidates; skip them (speed).
        let floor = best * 0.25
        for t in 0..<n {
            let e = scratch.touched[t]
            guard scratch.scores[Int(e)] >= floor, let kids = index.groupChildren[e] else { continue }
            let v = scratch.scores[Int(e)] * tuning.groupShare
            // Children with evidence of their own get the group's share; of the others only the first does, so
            // that a group's siblings do not fill the whole candidate list.
            for (k, child) in kids.enumerated() where k == 0 || scratch.scores[Int(child)] > 0 {
                scratch.add(child, v * (1 - 0.001 * Float(k)))
            }
        }
    }

    private func scoreTerms(_ s: [UInt32], baseCount: Int, scratch: Scratch, translations: [String]) {
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
            // Two matches that overlap without one containing the other ("电话销售" and "销售经理" in
            // 电话销售经理): the one further right is the head of a Chinese title and wins.
            if found.contains(where: { $0.start > m.start && $0.start < m.end && $0.end > m.end }) { w *= tuning.overlapLoser }
            let share = w / Float(term.postings.count)
            // A confirmed text that covers nearly all of the input: the company already decided this one.
            // (baseCount is -1 when the text was confirmed exactly: no second boost.)
            let close = baseCount > 0 && m.end <= baseCount && Float(len) >= 0.8 * Float(baseCount)
            let translated = translations.first { $0.hasSuffix("→" + term.text) }
            for p in term.postings {
                scratch.add(p.entry, share * p.kind.weight)
                if close && p.kind == .confirmed {
                    scratch.add(p.entry, 500)
                    scratch.matched[p.entry, default: []].insert("confirmed:close to '\(term.display)'", at: 0)
                }
                var list = scratch.matched[p.entry] ?? []
                let label = translated ?? "\(p.kind.rawValue):\(term.display)"
                if list.count < 4 && !list.contains(label) { list.append(label); scratch.matched[p.entry] = list }
            }
        }
    }

    /// Cosine-style similarity of IDF-weighted features, accumulated through the postings.
    /// Re-ranks candidates by adding Naive Bayes evidence (the average log-likelihood of the input's character
    /// 1- to 3-grams under each candidate's terms), scaled so that the best-likelihood candidate keeps its score
    /// and the others lose in proportion to the best score.
    private func rerank(_ ranked: inout [(Int32, Float)], _ s: [UInt32], scratch: Scratch) {
        for (slot, c) in ranked.enumerated() { scratch.slot[Int(c.0)] = Int32(slot) }
        defer { for c in ranked { scratch.slot[Int(c.0)] = -1 } }
        let acc = scratch.rerankBuffer
        acc.update(repeating: 0, count: ranked.count)
        var grams = 0
        index.nbEntry.withUnsafeBufferPointer { entries in
            index.nbLogCount.withUnsafeBufferPointer { logs in
                OccupationIndex.forEachNBGram(s) { key in
                    grams += 1
                    guard let g = index.nbGrams[key] else { return }
                    for p in Int(g.start)..<Int(g.start + g.count) {
                        let slot = scratch.slot[Int(entries[p])]
                        if slot >= 0 { acc[Int(slot)] += logs[p] }
                    }
                }
            }
        }
        guard grams > 0 else { return }
        let n = Float(grams)
        let logAlpha = logf(OccupationIndex.nbAlpha)
        var best = -Float.infinity
        for (slot, c) in ranked.enumerated() {
            acc[slot] = (acc[slot] + n * logAlpha - n * index.nbLogTotal[Int(c.0)]) / n
            best = max(best, acc[slot])
        }
        let top = ranked[0].1
        for slot in ranked.indices {
            ranked[slot].1 = max(0.01, ranked[slot].1 + top * tuning.nbWeight * (acc[slot] - best) / 10)
        }
        ranked.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    }

    /// A feature of the input found in the index, with where it is (for explanations).
    struct QueryFeature { let key: UInt64; let start: Int; let end: Int; let info: OccupationIndex.FeatureInfo }

    private func scoreFeatures(_ s: [UInt32], scratch: Scratch) -> [QueryFeature] {
        var found: [QueryFeature] = []
        var norm: Float = 0
        FeatureKeys.forEach(s) { key, start, end in
            guard let info = index.features[key] else { return }
            found.append(QueryFeature(key: key, start: start, end: end, info: info))
            norm += info.idf * info.idf
        }
        guard norm > 0 else { return found }
        let scale = tuning.featureWeight / sqrtf(norm)
        index.postingEntry.withUnsafeBufferPointer { entries in
            index.postingWeight.withUnsafeBufferPointer { weights in
                for q in found {
                    let f = scale * q.info.idf
                    let start = Int(q.info.start)
                    for p in start..<(start + Int(q.info.count)) { scratch.add(entries[p], f * weights[p]) }
                }
            }
        }
        return found
    }

    /// For a candidate found by similarity only: the bigrams and words it shares with the input.
    private func featureExplanation(_ s: [UInt32], _ features: [QueryFeature], entry: Int32) -> [String] {
        var out: [String] = []
        var chars: [String] = []
        for q in features where out.count < 4 && q.info.count > 0 {
            let info = q.info
            // Postings are in entry order: binary search.
            var lo = Int(info.start), hi = Int(info.start + info.count)
            while lo < hi {
                let mid = (lo + hi) / 2
                if index.postingEntry[mid] < entry { lo = mid + 1 } else { hi = mid }
            }
            guard lo < Int(info.start + info.count) && index.postingEntry[lo] == entry else { continue }
            let text = FeatureKeys.text(s, q.start, q.end)
            if q.key < FeatureKeys.bigramTag {
                if chars.count < 4 && !chars.contains("char:\(text)") { chars.append("char:\(text)") }
            } else {
                let label = "\(q.key >= FeatureKeys.wordTag ? "word" : "bigram"):\(text)"
                if !out.contains(label) { out.append(label) }
            }
        }
        // Single characters explain a candidate only when nothing longer does.
        return out.isEmpty ? chars : out
    }

    /// The deepest minor or medium group shared by the leading candidates (those within half of the best
    /// score); a lone weak candidate backs off to its own minor group.
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
