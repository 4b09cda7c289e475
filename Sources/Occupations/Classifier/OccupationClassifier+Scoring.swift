import Foundation
import RencaiCore

/// The evidence the classifier adds up: term matches, feature similarity, confirmed texts, group flow.
extension OccupationClassifier {
    /// Why an entry scored, as a reference (rendered to text only for the candidates shown).
    enum Why: Hashable {
        case term(Int32, OccupationIndex.TermKind)
        case translation(Int)
        case confirmedSame
        case confirmedClose(Int32)
    }

    /// `alias:销售经理`, `en:engineer→工程师`, `confirmed:same text`; `bare` drops the kind prefix.
    func render(_ why: Why, _ translations: [(label: String, zh: String)], bare: Bool = false) -> String {
        switch why {
        case .term(let t, let kind): bare ? index.terms[Int(t)].display : "\(kind.rawValue):\(index.terms[Int(t)].display)"
        case .translation(let i): bare ? translations[i].zh : translations[i].label
        case .confirmedSame: "confirmed:same text"
        case .confirmedClose(let t): "confirmed:close to '\(index.terms[Int(t)].display)'"
        }
    }

    /// Longest matches of known terms; a match strictly inside a longer match does not count.
    func scoreTerms(_ s: [UInt32], baseCount: Int, scratch: Scratch, translations: [(label: String, zh: String)]) {
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
            let translated = translations.firstIndex { $0.zh == term.text }
            for p in term.postings {
                scratch.add(p.entry, share * p.kind.weight)
                if close && p.kind == .confirmed {
                    scratch.add(p.entry, 500)
                    scratch.matched[p.entry, default: []].insert(.confirmedClose(m.term), at: 0)
                }
                // Explanations are kept as references and turned into text only for the candidates shown.
                let why: Why = translated.map { .translation($0) } ?? .term(m.term, p.kind)
                var list = scratch.matched[p.entry] ?? []
                if list.count < 4 && !list.contains(why) { list.append(why); scratch.matched[p.entry] = list }
            }
        }
    }


    /// n-grams the input shares with the company's confirmed texts.
    func scoreExamples(_ s: [UInt32], scratch: Scratch) {
        // A repeated n-gram counts each time (rare in titles; a set per call would cost more than it saves).
        OccupationIndex.forEachGram(s) { key, n in
            guard let g = index.exampleGrams[key] else { return }
            let w = tuning.exampleWeight * powf(Float(n), 1.5)
            for p in Int(g.start)..<Int(g.start + g.count) { scratch.add(index.exampleEntry[p], w * index.exampleWeight[p]) }
        }
    }


    /// A minor group's evidence also counts for each of its occupations: a label at group level is right for
    /// any of them, a label at occupation level only for the one named. Earlier children win ties.
    func spreadGroups(_ scratch: Scratch) {
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


    /// A feature of the input found in the index, with where it is (for explanations).
    struct QueryFeature { let key: UInt64; let start: Int; let end: Int; let info: OccupationIndex.FeatureInfo }

    /// Cosine-style similarity of IDF-weighted features, accumulated through the postings.
    func scoreFeatures(_ s: [UInt32], scratch: Scratch) -> [QueryFeature] {
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
    func featureExplanation(_ s: [UInt32], _ features: [QueryFeature], entry: Int32) -> [String] {
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

}
