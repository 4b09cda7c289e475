import Foundation
import RencaiCore

/// Re-ranking of the leading candidates and the back-off group.
extension OccupationClassifier {
    /// Re-ranks candidates with Naive Bayes evidence: each score is multiplied by exp(weight × (ll − best ll)),
    /// where ll is the average log-likelihood of the input's character 1- to 3-grams under the candidate's
    /// terms; the candidate the n-grams fit best keeps its score.
    func rerank(_ ranked: inout [(Int32, Float)], _ s: [UInt32], scratch: Scratch) {
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
        for slot in ranked.indices {
            ranked[slot].1 *= expf(tuning.nbWeight * (acc[slot] - best))
        }
        ranked.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    }


    /// The first `wanted` candidates; a group listed below one of its own occupations is dropped.
    func groupsAfterChildrenDropped(_ ranked: [(Int32, Float)], _ wanted: Int) -> [(Int32, Float)] {
        var kept: [(Int32, Float)] = []
        for (e, v) in ranked where kept.count < wanted {
            if index.groupChildren[e] != nil, kept.contains(where: { index.parentGroup[Int($0.0)] == e }) { continue }
            kept.append((e, v))
        }
        return kept
    }

    /// The first `wanted` candidates with every group replaced by its best-ranked occupation among the candidates
    /// (moved up to the group's place), or else by the occupation its evidence flows to (see `groupChildren`);
    /// a group with neither stays. An occupation inside the label's group is right whenever the group is, and
    /// also when the label is that occupation.
    func occupationsFirst(_ ranked: [(Int32, Float)], _ wanted: Int) -> [(Int32, Float)] {
        let entries = index.classification.entries
        var kept: [(Int32, Float)] = []
        kept.reserveCapacity(wanted)
        func listed(_ e: Int32) -> Bool { kept.contains { $0.0 == e } }
        for (e, v) in ranked where kept.count < wanted && !listed(e) {
            let code = entries[Int(e)].code
            guard code.level != .occupation else { kept.append((e, v)); continue }
            if kept.contains(where: { code.contains(entries[Int($0.0)].code) }) { continue }
            let inside = ranked.first { !listed($0.0) && entries[Int($0.0)].code.level == .occupation && code.contains(entries[Int($0.0)].code) }?.0
            let pick = inside ?? index.groupChildren[e]?.first.flatMap { listed($0) ? nil : $0 } ?? e
            kept.append((pick, v))
        }
        return kept
    }

    /// The deepest minor or medium group shared by the leading candidates (those within half of the best
    /// score); a lone weak candidate backs off to its own minor group.
    func backoff(_ codes: [OccupationCode]) -> ClassificationResult.GroupBackoff? {
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
