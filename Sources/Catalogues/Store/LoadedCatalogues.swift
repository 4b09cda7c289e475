import Foundation
import RencaiCore

/// The guiding catalogues currently in force in the store: for each watched source, its baseline
/// revision (the last good one; blocks and errors never replace it). Planning and classification ask
/// it whether a province lists an occupation.
///
/// ```swift
/// let loaded = LoadedCatalogues(revisions: RevisionStore(store: store))
/// switch try loaded.lookup(code: OccupationCode("2-02-10-03")!, province: "Shanghai") {
/// case .noCatalogue: print("no catalogue loaded for Shanghai")
/// case .notListed(let catalogues): print("not on", catalogues)
/// case .listed(let entry): print(entry.row.key.text, entry.requirements)
/// }
/// ```
public struct LoadedCatalogues: Sendable {
    public let revisions: RevisionStore

    public init(revisions: RevisionStore) { self.revisions = revisions }

    /// A loaded catalogue: which source and revision.
    public struct Loaded: Sendable {
        public let sourceID: String
        public let revision: RevisionSummary
        public let catalogue: Catalogue

        /// `sh-urgent-need r3 (2026-11-29)`, for citations.
        public var citation: String {
            let day = Day(date: revision.createdAt).description
            return "\(sourceID) r\(revision.id.rawValue) (recorded \(day) from \(revision.url))"
        }
    }

    /// A catalogue row that lists a code: the code itself or a group containing it.
    public struct Entry: Sendable {
        public let loaded: Loaded
        public let row: CatalogueRow
        /// The row's cells other than its key and title, as `column: value` lines.
        public var requirements: [String] {
            zip(row.columns, row.values).compactMap { column, value in
                guard column != loaded.catalogue.keyColumn, column != loaded.catalogue.titleColumn,
                      !value.isEmpty else { return nil }
                return "\(column): \(value)"
            }
        }
    }

    public enum Answer: Sendable {
        /// No source for the province has a revision yet.
        case noCatalogue
        /// Catalogues are loaded and none lists the code or a group containing it.
        case notListed([Loaded])
        /// The most specific listing row.
        case listed(Entry)
    }

    /// The baseline catalogue of every source watched for `province` (a canonical name).
    public func catalogues(province: String) throws -> [Loaded] {
        try revisions.states().filter { $0.province == province }.compactMap { state in
            guard let baseline = state.baseline, let summary = try revisions.summary(of: baseline) else { return nil }
            return Loaded(sourceID: state.sourceID, revision: summary, catalogue: try revisions.catalogue(of: baseline))
        }
    }

    /// Whether the province's catalogues list `code` or a group containing it (the most specific wins).
    public func lookup(code: OccupationCode, province: String) throws -> Answer {
        Self.lookup(code: code, in: try catalogues(province: province))
    }

    /// The same answer from catalogues already read (for callers asking about many codes in one province).
    public static func lookup(code: OccupationCode, in loaded: [Loaded]) -> Answer {
        guard !loaded.isEmpty else { return .noCatalogue }
        var best: Entry? = nil
        for catalogue in loaded {
            for row in catalogue.catalogue.rows {
                guard let rowCode = row.code?.groupEquivalent, rowCode.contains(code) else { continue }
                if best == nil || rowCode.parts.count > best!.row.code!.groupEquivalent.parts.count {
                    best = Entry(loaded: catalogue, row: row)
                }
            }
        }
        return best.map(Answer.listed) ?? .notListed(loaded)
    }
}
