import Foundation
import GRDB
import RencaiCore
import Portals
import Store

/// Catalogue revisions and per-source watch state in the rencai store.
///
/// A new revision is recorded only when the parsed rows differ from the baseline (by ``CatalogueDiff``'s
/// rules); a block or an error only updates the source's state, so the baseline survives it.
///
/// Callers that must write something in the same transaction as a new revision (the alerts outbox) pass
/// `alongside`: it runs inside the transaction, after the revision row is inserted, and if it throws,
/// nothing at all is written.
///
/// ```swift
/// let revisions = RevisionStore(store: store)
/// let result = try revisions.record(catalogue, document: doc, for: source) { db, id, diff in
///     try Outbox.enqueue(db, revision: id, diff: diff)   // same transaction
/// }
/// if case .changed(let id, let diff) = result { print(id, diff.summary) }
/// ```
public struct RevisionStore: Sendable {
    public let store: RencaiStore

    /// Work to run inside the transaction that records a new revision: the database, the new revision's
    /// id and its diff against the previous revision (`diff.from` is nil for a source's first revision,
    /// in which case every row is `added`). Throwing rolls everything back.
    public typealias Alongside = (Database, RevisionID, CatalogueDiff) throws -> Void

    public init(store: RencaiStore) { self.store = store }

    /// What ``record(_:document:for:validators:at:alongside:)`` did.
    public enum RecordResult: Sendable, Hashable {
        /// The source's first revision.
        case firstSeen(RevisionID, CatalogueDiff)
        /// A new revision with a non-empty diff against the baseline.
        case changed(RevisionID, CatalogueDiff)
        /// The rows equal the baseline's; no revision was written.
        case unchanged(baseline: RevisionID)

        /// `first_seen`, `changed` or `unchanged`.
        public var outcome: String {
            switch self {
            case .firstSeen: return "first_seen"
            case .changed: return "changed"
            case .unchanged: return "unchanged"
            }
        }

        /// The new revision, or the baseline when unchanged.
        public var revision: RevisionID {
            switch self {
            case .firstSeen(let id, _), .changed(let id, _): return id
            case .unchanged(let id): return id
            }
        }
    }

    /// Compares `catalogue` with the source's baseline and, when it differs (or there is no baseline),
    /// stores a new revision with the compressed `document` and the parsed rows, makes it the baseline,
    /// and runs `alongside` in the same transaction. `validators` (and the document's hash) are kept for the
    /// next conditional request; `unconditional` says the fetch sent no validators. `contentHash` is the
    /// document's SHA-256 when the caller already has it (the client hashes every body it fetches).
    /// `noBaselineYet` says the caller has just read the source's state and found no baseline: the baseline
    /// is then not read again before the transaction (which checks it anyway).
    @discardableResult
    public func record(_ catalogue: Catalogue, document: CapturedDocument, for source: CatalogueSource,
                       validators: Validators = .none, unconditional: Bool = false, contentHash: String? = nil,
                       at date: Date = Date(), noBaselineYet: Bool = false, alongside: Alongside? = nil) throws -> RecordResult {
        let digest = contentHash ?? ContentHash.sha256Hex(document.bytes)
        let now = Timestamp.string(date)
        // The baseline is read and diffed before the write transaction, so that concurrent checks do this
        // work in parallel; the transaction re-checks that the baseline did not move meanwhile.
        let (expected, oldCatalogue) = noBaselineYet ? (nil, nil) : try store.read { db -> (RevisionID?, Catalogue?) in
            let id = try RevisionStore.baselineID(db, source.id)
            return (id, try id.map { try RevisionStore.catalogue(db, $0) })
        }
        let precomputed = oldCatalogue.map { CatalogueDiff(from: $0, to: catalogue) } ?? CatalogueDiff(from: .empty, to: catalogue)
        // Compression and encoding happen before the transaction to keep it short, and only when a revision
        // is likely to be written (same rows as the baseline: nothing to store).
        var stored: (raw: Data, rows: Data)? = nil
        func storedForm() throws -> (raw: Data, rows: Data) {
            if let stored { return stored }
            let made = (try StoredCompression.compress(document.bytes), try StoredCatalogue.encode(catalogue))
            stored = made
            return made
        }
        if expected == nil || !precomputed.isEmpty { _ = try storedForm() }
        return try store.write { db in
            try RevisionStore.ensureSource(db, source)
            let baseline = try RevisionStore.baselineID(db, source.id)
            var diff = precomputed
            if baseline != expected {
                diff = CatalogueDiff(from: try baseline.map { try RevisionStore.catalogue(db, $0) } ?? .empty, to: catalogue)
            }
            if let baseline {
                if diff.isEmpty {
                    try db.cachedStatement(sql: """
                        UPDATE catalogue_source SET last_attempt_at = ?, last_outcome = 'unchanged', last_success_at = ?,
                          consecutive_blocks = 0, etag = ?, last_modified = ?, content_hash = ?,
                          last_unconditional_at = CASE WHEN ? THEN ? ELSE last_unconditional_at END WHERE source_id = ?
                        """).execute(arguments: [now, now, validators.etag, validators.lastModified, digest, unconditional, now, source.id])
                    return .unchanged(baseline: baseline)
                }
            }
            let (raw, rows) = try storedForm()
            try db.cachedStatement(sql: """
                INSERT INTO catalogue_revision (source_id, province, city, previous_id, created_at, origin, url, media_type,
                  raw_size, raw_sha256, raw_deflate, catalogue_json, row_count, finding_count, added, removed, changed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [source.id, source.province, source.city, baseline?.rawValue, now, document.origin.rawValue,
                                 document.url, document.mediaType, document.bytes.count, digest, raw, rows,
                                 catalogue.rows.count, catalogue.findings.count, diff.addedCount, diff.removed.count,
                                 diff.changed.count])
            let id = RevisionID(rawValue: db.lastInsertedRowID)
            diff.from = baseline
            diff.to = id
            let outcome = baseline == nil ? "first_seen" : "changed"
            try db.cachedStatement(sql: """
                UPDATE catalogue_source SET last_attempt_at = ?, last_outcome = ?, last_success_at = ?, last_change_at = ?,
                  consecutive_blocks = 0, etag = ?, last_modified = ?, content_hash = ?, baseline_revision = ?,
                  last_unconditional_at = CASE WHEN ? THEN ? ELSE last_unconditional_at END WHERE source_id = ?
                """).execute(arguments: [now, outcome, now, now, validators.etag, validators.lastModified, digest, id.rawValue,
                                 unconditional, now, source.id])
            try alongside?(db, id, diff)
            return baseline == nil ? .firstSeen(id, diff) : .changed(id, diff)
        }
    }

    /// The portal answered 304: the baseline is still current. `validators` are the refreshed ones.
    public func noteNotModified(_ source: CatalogueSource, validators: Validators? = nil, at date: Date = Date()) throws {
        let now = Timestamp.string(date)
        try store.write { db in
            try RevisionStore.ensureSource(db, source)
            try db.cachedStatement(sql: """
                UPDATE catalogue_source SET last_attempt_at = ?, last_outcome = 'not_modified', last_success_at = ?,
                  consecutive_blocks = 0, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified)
                WHERE source_id = ?
                """).execute(arguments: [now, now, validators?.etag, validators?.lastModified, source.id])
        }
    }

    /// The portal served the same bytes as last time (same hash): nothing to parse, the baseline stands.
    public func noteUnchanged(_ source: CatalogueSource, validators: Validators, unconditional: Bool,
                              at date: Date = Date()) throws {
        let now = Timestamp.string(date)
        try store.write { db in
            try RevisionStore.ensureSource(db, source)
            try db.cachedStatement(sql: """
                UPDATE catalogue_source SET last_attempt_at = ?, last_outcome = 'unchanged', last_success_at = ?,
                  consecutive_blocks = 0, etag = ?, last_modified = ?,
                  last_unconditional_at = CASE WHEN ? THEN ? ELSE last_unconditional_at END WHERE source_id = ?
                """).execute(arguments: [now, now, validators.etag, validators.lastModified, unconditional, now, source.id])
        }
    }

    /// A bot wall answered; returns the number of blocks in a row. Never touches revisions or the baseline.
    @discardableResult
    public func noteBlocked(_ source: CatalogueSource, detail: String, at date: Date = Date()) throws -> Int {
        let now = Timestamp.string(date)
        return try store.write { db in
            try RevisionStore.ensureSource(db, source)
            try db.cachedStatement(sql: """
                UPDATE catalogue_source SET last_attempt_at = ?, last_outcome = 'blocked', last_block_at = ?,
                  last_block_detail = ?, consecutive_blocks = consecutive_blocks + 1 WHERE source_id = ?
                """).execute(arguments: [now, now, detail, source.id])
            return try Int.fetchOne(db, sql: "SELECT consecutive_blocks FROM catalogue_source WHERE source_id = ?",
                                    arguments: [source.id]) ?? 1
        }
    }

    /// The fetch or the parse failed. Never touches revisions or the baseline.
    public func noteError(_ source: CatalogueSource, detail: String, at date: Date = Date()) throws {
        let now = Timestamp.string(date)
        try store.write { db in
            try RevisionStore.ensureSource(db, source)
            try db.cachedStatement(sql: """
                UPDATE catalogue_source SET last_attempt_at = ?, last_outcome = 'error', last_error_at = ?,
                  last_error_detail = ? WHERE source_id = ?
                """).execute(arguments: [now, now, detail, source.id])
        }
    }

    /// One source's state, nil before its first attempt.
    public func state(of sourceID: String) throws -> SourceState? {
        try store.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM catalogue_source WHERE source_id = ?"), arguments: [sourceID])
                .map(RevisionStore.state)
        }
    }

    /// Every source that was ever attempted, by id.
    public func states() throws -> [SourceState] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM catalogue_source ORDER BY source_id").map(RevisionStore.state)
        }
    }

    /// A source's revisions, oldest first.
    public func revisions(of sourceID: String) throws -> [RevisionSummary] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT \(RevisionStore.summaryColumns) FROM catalogue_revision WHERE source_id = ? ORDER BY id",
                             arguments: [sourceID]).map(RevisionStore.summary)
        }
    }

    /// A revision's summary, nil when there is none with that id.
    public func summary(of id: RevisionID) throws -> RevisionSummary? {
        try store.read { db in try RevisionStore.summary(db, id) }
    }

    /// A revision's summary, read inside a caller's transaction (for example in `alongside`).
    public static func summary(_ db: Database, _ id: RevisionID) throws -> RevisionSummary? {
        try Row.fetchOne(db, sql: "SELECT \(summaryColumns) FROM catalogue_revision WHERE id = ?", arguments: [id.rawValue])
            .map(summary)
    }

    /// A revision's parsed catalogue.
    public func catalogue(of id: RevisionID) throws -> Catalogue {
        try store.read { db in try RevisionStore.catalogue(db, id) }
    }

    /// A revision's raw bytes, decompressed.
    public func document(of id: RevisionID) throws -> CapturedDocument {
        let row = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT raw_deflate, url, media_type, origin FROM catalogue_revision WHERE id = ?",
                             arguments: [id.rawValue])
        }
        guard let row else { throw InputError("there is no revision \(id): see `rencai watch history SOURCE`", status: .noInput) }
        let bytes = try StoredCompression.decompress(row["raw_deflate"])
        return CapturedDocument(bytes: bytes, url: row["url"], mediaType: row["media_type"],
                                origin: CapturedDocument.Origin(rawValue: row["origin"]) ?? .fetch)
    }

    /// The diff between two revisions (any two, of one source or not).
    public func diff(from a: RevisionID?, to b: RevisionID) throws -> CatalogueDiff {
        try store.read { db in
            let old = try a.map { try RevisionStore.catalogue(db, $0) } ?? .empty
            var diff = CatalogueDiff(from: old, to: try RevisionStore.catalogue(db, b))
            diff.from = a
            diff.to = b
            return diff
        }
    }

    // MARK: - Rows
    // The statements every check runs are GRDB cached statements: prepared once per connection.

    static func catalogue(_ db: Database, _ id: RevisionID) throws -> Catalogue {
        guard let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT catalogue_json FROM catalogue_revision WHERE id = ?"),
                                           arguments: [id.rawValue]) else {
            throw InputError("there is no revision \(id): see `rencai watch history SOURCE`", status: .noInput)
        }
        // Binary rows since the format was introduced, JSON in revisions written before (both read).
        do { return try StoredCatalogue.decode(data) } catch {
            throw InputError("revision \(id) in the store is damaged (its rows do not decode): \(RulesFile.describe(error))", status: .dataError)
        }
    }

    static func baselineID(_ db: Database, _ sourceID: String) throws -> RevisionID? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT baseline_revision FROM catalogue_source WHERE source_id = ?"), arguments: [sourceID])
            .map(RevisionID.init(rawValue:))
    }

    static func ensureSource(_ db: Database, _ source: CatalogueSource) throws {
        try db.cachedStatement(sql: """
            INSERT INTO catalogue_source (source_id, province, city, url, kind) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(source_id) DO UPDATE SET province = excluded.province, city = excluded.city, url = excluded.url,
              kind = excluded.kind
            """).execute(arguments: [source.id, source.province, source.city, source.url.absoluteString, source.kind.rawValue])
    }

    static let summaryColumns = """
        id, source_id, province, city, previous_id, created_at, origin, url, media_type, raw_size, raw_sha256, row_count,
        finding_count, added, removed, changed
        """

    static func summary(_ row: Row) -> RevisionSummary {
        RevisionSummary(id: RevisionID(rawValue: row["id"]), sourceID: row["source_id"], province: row["province"],
                        city: row["city"], previous: (row["previous_id"] as Int64?).map(RevisionID.init(rawValue:)),
                        createdAt: Timestamp.date(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
                        origin: CapturedDocument.Origin(rawValue: row["origin"]) ?? .fetch, url: row["url"],
                        mediaType: row["media_type"], rawSize: row["raw_size"], rawSHA256: row["raw_sha256"],
                        rowCount: row["row_count"], findingCount: row["finding_count"], added: row["added"],
                        removed: row["removed"], changed: row["changed"])
    }

    static func state(_ row: Row) -> SourceState {
        SourceState(sourceID: row["source_id"], province: row["province"], city: row["city"], url: row["url"],
                    kind: row["kind"], etag: row["etag"], lastModified: row["last_modified"],
                    contentHash: row["content_hash"], lastUnconditionalAt: Timestamp.date(row["last_unconditional_at"]),
                    lastAttemptAt: Timestamp.date(row["last_attempt_at"]), lastOutcome: row["last_outcome"],
                    lastSuccessAt: Timestamp.date(row["last_success_at"]), lastChangeAt: Timestamp.date(row["last_change_at"]),
                    lastBlockAt: Timestamp.date(row["last_block_at"]), lastBlockDetail: row["last_block_detail"],
                    lastErrorAt: Timestamp.date(row["last_error_at"]), lastErrorDetail: row["last_error_detail"],
                    consecutiveBlocks: row["consecutive_blocks"],
                    baseline: (row["baseline_revision"] as Int64?).map(RevisionID.init(rawValue:)))
    }
}

/// Timestamps as stored: ISO 8601 in UTC with milliseconds (`2026-11-29T17:03:10.123Z`), so that text order
/// is time order. Written and read by hand: a formatter per call is slow and a shared one is not Sendable.
enum Timestamp {
    static func string(_ date: Date) -> String {
        let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let millis = Int(((total % 1000) + 1000) % 1000)
        var t = time_t((total - Int64(millis)) / 1000)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ n: Int32, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let u = Array(text.utf8)
        guard u.count == 24, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A, u[19] == 0x2E, u[23] == 0x5A else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int32? {
            var n: Int32 = 0
            for i in range {
                guard (0x30...0x39).contains(u[i]) else { return nil }
                n = n * 10 + Int32(u[i] - 0x30)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23) else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let t = timegm(&parts)
        return Date(timeIntervalSince1970: TimeInterval(t) + TimeInterval(millis) / 1000)
    }
}
