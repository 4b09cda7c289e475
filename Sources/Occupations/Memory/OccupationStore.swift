import Foundation
import GRDB
import RencaiCore
import Store

/// The Occupations module's records in rencai's store: confirmed mappings and an imported classification.
/// Every change is one transaction.
///
/// ```swift
/// let occ = OccupationStore(store: try RencaiStore.open(at: url))
/// try occ.confirm(ConfirmedMapping(text: "Java开发", code: OccupationCode("2-02-10-03")!))
/// try occ.mappings()            // [ConfirmedMapping]
/// ```
public struct OccupationStore: Sendable {
    public let store: RencaiStore

    public init(store: RencaiStore) { self.store = store }

    /// Records (or replaces) a company decision for a text; returns true when it replaced an earlier one.
    @discardableResult
    public func confirm(_ mapping: ConfirmedMapping, edition: String = OccupationCode.defaultEdition) throws -> Bool {
        let normalized = JobTextNormalizer.input(mapping.text)
        guard !normalized.isEmpty else {
            throw InputError("the text to confirm is empty after removing job-board noise: give the job title")
        }
        return try store.write { db in try Self.upsert(db, mapping, normalized: normalized, edition: edition) }
    }

    /// Imports many mappings in one transaction (all or nothing); returns (new, replaced).
    public func importMappings(_ mappings: [ConfirmedMapping], edition: String = OccupationCode.defaultEdition) throws -> (added: Int, replaced: Int) {
        try store.write { db in
            var added = 0, replaced = 0
            for m in mappings {
                let normalized = JobTextNormalizer.input(m.text)
                guard !normalized.isEmpty else { continue }
                if try Self.upsert(db, m, normalized: normalized, edition: edition) { replaced += 1 } else { added += 1 }
            }
            return (added, replaced)
        }
    }

    private static func upsert(_ db: Database, _ m: ConfirmedMapping, normalized: String, edition: String) throws -> Bool {
        let existed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM occupation_mapping WHERE normalized_text = ? AND edition = ?",
                                       arguments: [normalized, edition]) ?? 0
        try db.execute(sql: """
            INSERT INTO occupation_mapping (text, normalized_text, edition, code, note, confirmed_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(normalized_text, edition) DO UPDATE SET text = excluded.text, code = excluded.code,
                note = excluded.note, confirmed_at = excluded.confirmed_at
            """, arguments: [m.text, normalized, edition, m.code.text, m.note, Date().ISO8601Format()])
        return existed > 0
    }

    /// Every confirmed mapping of an edition, oldest first.
    public func mappings(edition: String = OccupationCode.defaultEdition) throws -> [ConfirmedMapping] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT text, code, note FROM occupation_mapping WHERE edition = ? ORDER BY id", arguments: [edition])
                .compactMap { row in
                    guard let code = OccupationCode(row["code"] as String) else { return nil }
                    return ConfirmedMapping(text: row["text"], code: code, note: row["note"])
                }
        }
    }

    /// Replaces the stored classification of its edition (one transaction).
    public func saveClassification(_ classification: Classification, source: String) throws {
        try store.write { db in
            try db.execute(sql: "DELETE FROM occupation_import WHERE edition = ?", arguments: [classification.edition])
            try db.execute(sql: "INSERT INTO occupation_import (edition, source, imported_at, entry_count) VALUES (?, ?, ?, ?)",
                           arguments: [classification.edition, source, Date().ISO8601Format(), classification.count])
            let importID = db.lastInsertedRowID
            let statement = try db.makeStatement(sql: """
                INSERT INTO occupation_entry (import_id, code, title_zh, title_en, markers, keywords, aliases, description)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for e in classification.entries {
                try statement.execute(arguments: [importID, e.code.text, e.titleZH, e.titleEN,
                                                  e.markers.map(\.rawValue).sorted().joined(),
                                                  e.keywords.joined(separator: "|"), e.aliases.joined(separator: "|"), e.description])
            }
        }
    }

    /// The stored classification of an edition, nil when none was imported.
    public func loadClassification(edition: String = OccupationCode.defaultEdition) throws -> Classification? {
        try store.read { db in
            guard let head = try Row.fetchOne(db, sql: "SELECT id, source FROM occupation_import WHERE edition = ?", arguments: [edition]) else {
                return nil
            }
            let id: Int64 = head["id"]
            let source: String = head["source"]
            var entries: [Occupation] = []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM occupation_entry WHERE import_id = ?", arguments: [id]) {
                guard let code = OccupationCode(row["code"] as String) else { continue }
                let markers = Set((row["markers"] as String).compactMap { Occupation.Marker(rawValue: String($0)) })
                func list(_ s: String) -> [String] { s.split(separator: "|").map(String.init) }
                entries.append(Occupation(edition: edition, code: code, titleZH: row["title_zh"], titleEN: row["title_en"],
                                          markers: markers, keywords: list(row["keywords"]), aliases: list(row["aliases"]),
                                          description: row["description"]))
            }
            let provenance = Provenance(source: source, edition: edition, effective: nil, confidence: .unverified,
                                        note: "imported with `rencai occupations import`")
            return Classification(edition: edition, provenance: provenance, entries: entries)
        }
    }
}
