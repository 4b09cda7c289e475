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
