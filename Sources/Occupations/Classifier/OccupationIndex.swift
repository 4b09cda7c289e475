import Foundation
import RencaiCore

/// A company's decision (or a labelled example): this text is this code.
public struct ConfirmedMapping: Sendable, Codable, Hashable {
    public var text: String
    public var code: OccupationCode
    public var note: String?
    public init(text: String, code: OccupationCode, note: String? = nil) {
        self.text = text
        self.code = code
        self.note = note
    }
}

/// The searchable form of a classification: a trie of every title, alias, keyword and confirmed text
/// (for longest matches inside noisy titles) and an inverted index of character unigrams, bigrams and
/// English words weighted by IDF (for everything the terms miss). Built once; classification then only
/// hashes integers.
public struct OccupationIndex: Sendable {
    /// Where a term comes from; the weight says how much a match of that kind is worth.
    public enum TermKind: String, Sendable {
        case title, alias, keyword, english, confirmed
        var weight: Float {
            switch self {
            case .title: 1.0
            case .alias: 1.0
            case .keyword: 0.9
            case .english: 0.9
            case .confirmed: 1.2
            }
        }
    }

    struct Posting: Sendable { let entry: Int32; let kind: TermKind }
    struct Term: Sendable { let text: String; let display: String; let postings: [Posting] }
    struct FeatureInfo: Sendable { let idf: Float; let start: Int32; let count: Int32 }

    public let classification: Classification
    public let lexicon: Lexicon
    let trie: IntTable<Int32>
    let nodeTerm: [Int32]
    let terms: [Term]
    let features: IntTable<FeatureInfo>
    let postingEntry: [Int32]
    let postingWeight: [Float]
    let levelFactor: [Float]
    /// Naive Bayes evidence (see init): postings per character 1- to 3-gram.
    let nbGrams: IntTable<(start: Int32, count: Int32)>
    let nbEntry: [Int32]
    let nbLogCount: [Float]
    let nbLogTotal: [Float]
    static let nbAlpha: Float = 0.1
    struct NBPair { let key: UInt64; let entry: Int32 }

    /// Minor groups with occupations under them → those occupations (a group's score flows to them).
    let groupChildren: [Int32: [Int32]]
    /// The reverse: an occupation's minor group entry, -1 when none.
    let parentGroup: [Int32]
    /// Character 2- to 4-grams of confirmed texts → (entry, weight) postings: what the company's own
    /// decisions say about words inside new titles.
    let exampleGrams: IntTable<(start: Int32, count: Int32)>
    let exampleEntry: [Int32]
    let exampleWeight: [Float]
    /// log(1 + number of aliases): how many job-board names a code gathers, a prior on how common it is.
    let aliasPrior: [Float]
    let codeTexts: [String]
    let displayTitles: [String]
    /// Normalised confirmed text → code index, for "this exact text was confirmed".
    let confirmedExact: [String: Int32]
    /// Confirmed mappings whose code is not in this classification (another edition or file); not used.
    public let unmatchedConfirmed: [ConfirmedMapping]

    /// - Parameter descriptionWeight: weight of the bigrams of each entry's definition (0: titles, keywords and
    ///   aliases only; on the csco22 dev set 1.0 changed top-1 by less than one point).
    public init(classification: Classification, lexicon: Lexicon = .empty, confirmed: [ConfirmedMapping] = [],
                descriptionWeight: Float = 0) {
        self.classification = classification
        self.lexicon = lexicon
        var termPostings: [String: [Posting]] = [:]
        var termDisplay: [String: String] = [:]
        var docFeatures = [[UInt64: Float]](repeating: [:], count: classification.count)
        // (gram, entry) occurrences; sorted and counted below (flat arrays: far cheaper than nested dictionaries).
        var nbPairs: [NBPair] = []
        func addTerm(_ raw: String, _ entry: Int, _ kind: TermKind, docWeight: Float) {
            let segments = JobTextNormalizer.term(raw)
            for segment in segments {
                if termDisplay[segment] == nil { termDisplay[segment] = segments.count == 1 ? FastText.cell(raw) : segment }
                let scalars = segment.unicodeScalars.map(\.value)
                guard scalars.count >= 2 else { continue }
                var list = termPostings[segment, default: []]
                if !list.contains(where: { $0.entry == Int32(entry) && $0.kind == kind }) {
                    list.append(Posting(entry: Int32(entry), kind: kind))
                }
                termPostings[segment] = list
                var seen = Set<UInt64>()
                FeatureKeys.forEach(scalars) { key, _, _ in
                    if seen.insert(key).inserted { docFeatures[entry][key, default: 0] += docWeight }
                }
                OccupationIndex.forEachNBGram(scalars) { key in nbPairs.append(NBPair(key: key, entry: Int32(entry))) }
            }
        }
        var codeIndex: [OccupationCode: Int] = [:]
        for (i, e) in classification.entries.enumerated() {
            codeIndex[e.code] = i
            addTerm(e.titleZH, i, .title, docWeight: 2)
            for a in e.aliases { addTerm(a, i, .alias, docWeight: 2) }
            for k in e.keywords { addTerm(k, i, k.unicodeScalars.allSatisfy(\.isASCII) ? .english : .keyword, docWeight: 2) }
            if let en = e.titleEN { addTerm(en, i, .english, docWeight: 2) }
            if let d = e.description, descriptionWeight > 0 {
                // The definition adds vocabulary (bigrams) but no terms: its phrases are not job titles.
                var seen = Set<UInt64>()
                FeatureKeys.forEach(JobTextNormalizer.scalars(d, dropNoise: false)) { key, start, end in
                    if key >= FeatureKeys.bigramTag, seen.insert(key).inserted { docFeatures[i][key, default: 0] += descriptionWeight }
                }
            }
        }
        var confirmedExact: [String: Int32] = [:]
        var gramCounts: [UInt64: [Int32: Float]] = [:]
        var unmatched: [ConfirmedMapping] = []
        for m in confirmed {
            guard let i = codeIndex[m.code] ?? codeIndex[m.code.groupEquivalent]
                    ?? (m.code.level == .minor ? codeIndex[OccupationCode(parts: m.code.parts + [0])] : nil) else {
                unmatched.append(m)
                continue
            }
            let normalized = JobTextNormalizer.input(m.text)
            guard !normalized.isEmpty else { continue }
            confirmedExact[normalized] = Int32(i)
            var seen = Set<UInt64>()
            OccupationIndex.forEachGram(JobTextNormalizer.scalars(m.text, dropNoise: true)) { key, _ in
                if seen.insert(key).inserted { gramCounts[key, default: [:]][Int32(i), default: 0] += 1 }
            }
            for segment in normalized.split(separator: JobTextNormalizer.segmentBreak) {
                addTerm(String(segment), i, .confirmed, docWeight: 1)
            }
        }
        self.confirmedExact = confirmedExact
        self.unmatchedConfirmed = unmatched

        // The trie: node 0 is the root; an edge is (node << 32 | scalar).
        var trie: [UInt64: Int32] = [:]
        var nodeTerm: [Int32] = [-1]
        var terms: [Term] = []
        for (text, postings) in termPostings.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            var node: Int32 = 0
            for v in text.unicodeScalars.map(\.value) {
                let edge = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(v)
                if let next = trie[edge] { node = next } else {
                    let next = Int32(nodeTerm.count)
                    nodeTerm.append(-1)
                    trie[edge] = next
                    node = next
                }
            }
            nodeTerm[Int(node)] = Int32(terms.count)
            terms.append(Term(text: text, display: termDisplay[text] ?? text, postings: postings))
        }
        self.trie = IntTable(trie)
        self.nodeTerm = nodeTerm
        self.terms = terms

        // IDF-weighted, length-normalised feature vectors, stored as postings per feature.
        let n = Float(max(classification.count, 1))
        var df: [UInt64: Int] = [:]
        for doc in docFeatures { for key in doc.keys { df[key, default: 0] += 1 } }
        var idf: [UInt64: Float] = [:]
        for (key, d) in df { idf[key] = logf(1 + n / Float(d)) }
        var perFeature: [UInt64: [(Int32, Float)]] = [:]
        for (i, doc) in docFeatures.enumerated() where !doc.isEmpty {
            var norm: Float = 0
            for (key, tf) in doc { let w = (1 + logf(tf)) * idf[key]!; norm += w * w }
            norm = sqrtf(norm)
            for (key, tf) in doc { perFeature[key, default: []].append((Int32(i), (1 + logf(tf)) * idf[key]! / norm)) }
        }
        var features: [UInt64: FeatureInfo] = [:]
        var postingEntry: [Int32] = []
        var postingWeight: [Float] = []
        // A feature found in more than a tenth of the entries (工, 员, 人员 …) says little and costs most:
        // it keeps its IDF for the query norm but no postings.
        let maxPostings = max(8, classification.count / 10)
        // For the similarity features the cap is a twentieth: on the dev titles it cost 0.2 points and saved
        // about a quarter of the time.
        let featurePostingCap = max(8, classification.count / 20)
        for (key, list) in perFeature {
            features[key] = FeatureInfo(idf: idf[key]!, start: Int32(postingEntry.count), count: list.count > featurePostingCap ? 0 : Int32(list.count))
            if list.count > featurePostingCap { continue }
            for (e, w) in list { postingEntry.append(e); postingWeight.append(w) }
        }
        self.features = IntTable(features)
        self.postingEntry = postingEntry
        self.postingWeight = postingWeight
        // Major and medium groups are a last resort: a label is only right at that level when it is exact.
        // Major and medium groups are a last resort: a label is only right at that level when it is exact.
        // A minor group with occupations under it passes most of its score to them (see groupChildren).
        var levelFactor: [Float] = classification.entries.map { $0.level <= .medium ? 0.1 : 1.0 }
        var exampleGrams: [UInt64: (start: Int32, count: Int32)] = [:]
        var exampleEntry: [Int32] = []
        var exampleWeight: [Float] = []
        for (key, counts) in gramCounts {
            let total = counts.values.reduce(0, +)
            exampleGrams[key] = (Int32(exampleEntry.count), Int32(counts.count))
            // Share of the code among texts with this n-gram, damped when the n-gram was seen only once or twice.
            for (e, n) in counts.sorted(by: { $0.key < $1.key }) {
                exampleEntry.append(e)
                exampleWeight.append((n / total) * (total / (total + 1)))
            }
        }
        // Naive Bayes over character 1- to 3-grams: log(n + α) − log α per (gram, entry) seen, and per entry
        // log(total + αV); the classifier re-ranks its leading candidates with it.
        let alpha = OccupationIndex.nbAlpha
        nbPairs.sort { $0.key < $1.key || ($0.key == $1.key && $0.entry < $1.entry) }
        var nbTotals = [Float](repeating: 0, count: classification.count)
        var nbGrams: [UInt64: (start: Int32, count: Int32)] = [:]
        var nbEntry: [Int32] = []
        var nbLogCount: [Float] = []
        var i = 0
        var distinctGrams = 0
        while i < nbPairs.count {
            let key = nbPairs[i].key
            distinctGrams += 1
            let start = nbEntry.count
            while i < nbPairs.count && nbPairs[i].key == key {
                let e = nbPairs[i].entry
                var n: Float = 0
                while i < nbPairs.count && nbPairs[i].key == key && nbPairs[i].entry == e { n += 1; i += 1 }
                nbEntry.append(e)
                nbLogCount.append(logf(n + alpha) - logf(alpha))
                nbTotals[Int(e)] += n
            }
            // A gram in more than a tenth of the entries hardly separates candidates and costs the most to scan:
            // it counts for the totals, not for re-ranking.
            if nbEntry.count - start > maxPostings {
                nbEntry.removeSubrange(start...)
                nbLogCount.removeSubrange(start...)
            } else {
                nbGrams[key] = (Int32(start), Int32(nbEntry.count - start))
            }
        }
        let vocabulary = Float(max(distinctGrams, 1))
        self.nbGrams = IntTable(nbGrams)
        self.nbEntry = nbEntry
        self.nbLogCount = nbLogCount
        self.nbLogTotal = nbTotals.map { logf($0 + alpha * vocabulary) }
        self.exampleGrams = IntTable(exampleGrams)
        self.exampleEntry = exampleEntry
        self.exampleWeight = exampleWeight
        var groupChildren: [Int32: [Int32]] = [:]
        var parentGroup = [Int32](repeating: -1, count: classification.count)
        for (i, e) in classification.entries.enumerated() where e.level == .minor {
            let kids = classification.children(of: e.code).filter { $0.level == .occupation && $0.code.parts[3] != 0 }
                .compactMap { codeIndex[$0.code] }.map(Int32.init)
            if !kids.isEmpty { groupChildren[Int32(i)] = kids; levelFactor[i] = 0.3 }
            for k in kids { parentGroup[Int(k)] = Int32(i) }
        }
        // A medium group's generic terms (教师 for 2-08) point to its "other" group (2-08-99), the catch-all.
        for (i, e) in classification.entries.enumerated() where e.level == .medium {
            let other = OccupationCode(parts: e.code.parts + [99])
            if let j = codeIndex[other] ?? codeIndex[OccupationCode(parts: e.code.parts + [99, 0])] {
                groupChildren[Int32(i)] = [Int32(j)]
            }
        }
        self.groupChildren = groupChildren
        self.parentGroup = parentGroup
        self.levelFactor = levelFactor
        self.codeTexts = classification.entries.map(\.code.text)
        self.aliasPrior = classification.entries.map { logf(1 + Float($0.aliases.count)) }
        self.displayTitles = classification.entries.map(\.displayTitle)
    }

    /// Calls `body(key)` for every 1- to 3-character run inside a word or segment (with repeats).
    static func forEachNBGram(_ s: [UInt32], _ body: (UInt64) -> Void) {
        var segStart = 0
        for i in 0...s.count {
            if i == s.count || s[i] == JobTextNormalizer.breakScalar || s[i] == JobTextNormalizer.space {
                for start in segStart..<i {
                    var h: UInt64 = 0x84222325cbf29ce4
                    for n in 1...3 where start + n <= i {
                        h = (h ^ UInt64(s[start + n - 1])) &* 0x100000001b3
                        body(h)
                    }
                }
                segStart = i + 1
            }
        }
    }

    /// Calls `body(key, length)` for every 2- to 4-character run inside a segment.
    static func forEachGram(_ s: [UInt32], _ body: (UInt64, Int) -> Void) {
        var segStart = 0
        for i in 0...s.count {
            if i == s.count || s[i] == JobTextNormalizer.breakScalar {
                for start in segStart..<i {
                    var h: UInt64 = 0xcbf29ce484222325
                    for n in 1...4 where start + n <= i {
                        h = (h ^ UInt64(s[start + n - 1])) &* 0x100000001b3
                        if n >= 2 { body(h, n) }
                    }
                }
                segStart = i + 1
            }
        }
    }

    /// Number of distinct terms in the trie.
    public var termCount: Int { terms.count }
}
