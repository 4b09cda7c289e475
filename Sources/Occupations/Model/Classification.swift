import Foundation
import RencaiCore

/// A whole classification (one edition): every group and occupation, with lookups by code and text.
///
/// ```swift
/// let cls = try ClassificationLoader.load(contentsOf: URL(fileURLWithPath: "csco22.csv"))
/// cls[OccupationCode("2-02-10-03")!]?.titleZH   // "计算机软件工程技术人员"
/// cls.children(of: OccupationCode("2-02")!)     // the minor groups of 2-02
/// ```
public struct Classification: Sendable {
    public let edition: String
    /// Where the entries come from (the bundled list, or the user's file).
    public let provenance: Provenance
    /// Entries in code order.
    public let entries: [Occupation]
    private let byCode: [OccupationCode: Int]
    private let childIndex: [OccupationCode: [Int]]

    public init(edition: String, provenance: Provenance, entries: [Occupation]) {
        self.edition = edition
        self.provenance = provenance
        let sorted = entries.sorted { $0.code < $1.code }
        self.entries = sorted
        var byCode: [OccupationCode: Int] = [:]
        var children: [OccupationCode: [Int]] = [:]
        for (i, e) in sorted.enumerated() {
            byCode[e.code] = i
            if let p = e.code.parent { children[p, default: []].append(i) }
        }
        self.byCode = byCode
        self.childIndex = children
    }

    public var count: Int { entries.count }

    /// The entry for a code; `X-XX-XX-00` also finds the minor group `X-XX-XX` and the reverse.
    public subscript(code: OccupationCode) -> Occupation? {
        if let i = byCode[code] { return entries[i] }
        if let i = byCode[code.groupEquivalent] { return entries[i] }
        if code.level == .minor, let i = byCode[OccupationCode(parts: code.parts + [0])] { return entries[i] }
        return nil
    }

    /// The direct children of a group, in code order (the major groups for nil).
    public func children(of code: OccupationCode?) -> [Occupation] {
        guard let code else { return entries.filter { $0.level == .major } }
        return (childIndex[code] ?? []).map { entries[$0] }
    }

    /// The chain of enclosing groups present in this classification, outermost first.
    public func ancestors(of code: OccupationCode) -> [Occupation] {
        var chain: [Occupation] = []
        var c = code.groupEquivalent.parent
        if code.groupEquivalent != code { c = code.groupEquivalent.parent }
        while let p = c {
            if let e = self[p] { chain.insert(e, at: 0) }
            c = p.parent
        }
        return chain
    }

    /// Number of leaf occupations (entries at occupation level).
    public var occupationCount: Int { entries.filter { $0.level == .occupation }.count }

    /// Plain substring search over code, Chinese and English titles, keywords and aliases (case-folded).
    public func search(_ text: String, limit: Int = 20) -> [Occupation] {
        let q = TextNormalizer.cell(text).lowercased()
        guard !q.isEmpty else { return [] }
        if let code = OccupationCode(q), let e = self[code] { return [e] }
        var exact: [Occupation] = []
        var partial: [Occupation] = []
        for e in entries {
            let fields = [e.titleZH, e.titleEN ?? ""] + e.keywords + e.aliases
            if fields.contains(where: { $0.lowercased() == q }) { exact.append(e) }
            else if fields.contains(where: { $0.lowercased().contains(q) }) { partial.append(e) }
        }
        return Array((exact + partial).prefix(limit))
    }
}

extension Classification {
    /// This classification with the English titles and keywords of another one added where the codes agree
    /// (for example the bundled list's own English wording added to a user's Chinese-only file). Entries,
    /// codes and Chinese titles stay this classification's.
    ///
    /// ```swift
    /// let full = csco22.enriched(with: bundled)   // csco22 codes, plus English titles and keywords
    /// ```
    public func enriched(with other: Classification) -> Classification {
        guard other.edition == edition else { return self }
        let merged = entries.map { e -> Occupation in
            guard let o = other[e.code], o.titleZH == e.titleZH || o.code == e.code else { return e }
            var copy = e
            if copy.titleEN == nil { copy.titleEN = o.titleEN }
            for k in o.keywords where !copy.keywords.contains(k) { copy.keywords.append(k) }
            return copy
        }
        return Classification(edition: edition, provenance: provenance, entries: merged)
    }
}
