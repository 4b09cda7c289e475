import Foundation
import GRDB
import Testing
@testable import Catalogues
import RencaiCore
import Portals
import Store

@Suite("Revision store")
struct RevisionStoreTests {
    let source = CatalogueSource(id: "sh-urgent-need", province: "Shanghai", url: URL(string: "http://127.0.0.1/sh.html")!, kind: .htmlTable)

    func temporaryStore() throws -> RencaiStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-cat-\(UUID().uuidString)")
        return try RencaiStore.open(at: dir.appendingPathComponent("rencai.sqlite"))
    }

    func revision(_ name: String) throws -> (Catalogue, CapturedDocument) {
        let bytes = try FixturePaths.data("sh-urgent-need/\(name)")
        return (try CatalogueParser().parse(bytes, format: .html, source: name),
                CapturedDocument(bytes: bytes, url: "http://127.0.0.1/sh.html", mediaType: "text/html"))
    }

    @Test("first, changed, unchanged: only content differences make revisions; raw bytes come back intact")
    func lifecycle() throws {
        let revisions = RevisionStore(store: try temporaryStore())
        let (c1, d1) = try revision("catalogue.html")
        let first = try revisions.record(c1, document: d1, for: source, validators: Validators(etag: "\"v1\""))
        guard case .firstSeen(let id1, let diff1) = first else { Issue.record("expected first_seen, got \(first)"); return }
        #expect(diff1.from == nil && diff1.to == id1 && diff1.added.count == 7)

        let (c2, d2) = try revision("catalogue.r2.html")
        let second = try revisions.record(c2, document: d2, for: source)
        guard case .changed(let id2, let diff2) = second else { Issue.record("expected changed, got \(second)"); return }
        #expect(diff2.from == id1 && diff2.to == id2)
        #expect(diff2.summary == "+2 −2 ~1 (1 possible re-code)")

        let (c3, d3) = try revision("catalogue.r3.html")
        #expect(try revisions.record(c3, document: d3, for: source) == .unchanged(baseline: id2))

        #expect(try revisions.revisions(of: source.id).map(\.id) == [id1, id2])
        #expect(try revisions.document(of: id1).bytes == d1.bytes)
        #expect(try revisions.catalogue(of: id2) == c2)
        #expect(try revisions.diff(from: id1, to: id2).changed.map(\.key.text) == ["2-02-10-08"])
        let state = try #require(try revisions.state(of: source.id))
        #expect(state.baseline == id2 && state.lastOutcome == "unchanged" && state.etag == nil)
    }

    @Test("a caller's stale 'no baseline yet' does not make a second first revision: the transaction diffs against the real one")
    func staleNoBaseline() throws {
        let revisions = RevisionStore(store: try temporaryStore())
        let (c1, d1) = try revision("catalogue.html")
        let id1 = try revisions.record(c1, document: d1, for: source, noBaselineYet: true).revision
        // Another check recorded revision 1 after this caller read the state: its hint is out of date.
        let (c2, d2) = try revision("catalogue.r2.html")
        guard case .changed(_, let diff) = try revisions.record(c2, document: d2, for: source, noBaselineYet: true) else {
            Issue.record("expected changed"); return
        }
        #expect(diff.from == id1)
        #expect(diff.summary == "+2 −2 ~1 (1 possible re-code)")
        #expect(try revisions.record(c2, document: d2, for: source, noBaselineYet: true) == .unchanged(baseline: diff.to!))
    }

    @Test("a block or an error between two good revisions leaves the baseline; the next change diffs against it")
    func blockKeepsBaseline() throws {
        let revisions = RevisionStore(store: try temporaryStore())
        let (c1, d1) = try revision("catalogue.html")
        let id1 = try revisions.record(c1, document: d1, for: source).revision
        #expect(try revisions.noteBlocked(source, detail: "Rivers Security 412") == 1)
        #expect(try revisions.noteBlocked(source, detail: "Rivers Security 412") == 2)
        try revisions.noteError(source, detail: "timeout")
        let blocked = try #require(try revisions.state(of: source.id))
        #expect(blocked.baseline == id1 && blocked.consecutiveBlocks == 2 && blocked.lastOutcome == "error")
        #expect(try revisions.revisions(of: source.id).count == 1)

        let (c2, d2) = try revision("catalogue.r2.html")
        guard case .changed(_, let diff) = try revisions.record(c2, document: d2, for: source) else { Issue.record("expected changed"); return }
        #expect(diff.from == id1)
        #expect(try revisions.state(of: source.id)?.consecutiveBlocks == 0)
    }

    @Test("work passed as `alongside` runs in the recording transaction: if it throws, nothing is recorded")
    func alongsideIsTransactional() throws {
        let store = try temporaryStore()
        try store.write { db in try db.execute(sql: "CREATE TABLE outbox (revision INTEGER, added INTEGER)") }
        let revisions = RevisionStore(store: store)
        let (c1, d1) = try revision("catalogue.html")
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try revisions.record(c1, document: d1, for: source) { db, id, diff in
                try db.execute(sql: "INSERT INTO outbox VALUES (?, ?)", arguments: [id.rawValue, diff.added.count])
                throw Refused()
            }
        }
        #expect(try revisions.revisions(of: source.id).isEmpty)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outbox") } == 0)

        let id = try revisions.record(c1, document: d1, for: source) { db, id, diff in
            // Inside the transaction, the new revision is already visible with its place.
            #expect(try RevisionStore.summary(db, id)?.province == "Shanghai")
            try db.execute(sql: "INSERT INTO outbox VALUES (?, ?)", arguments: [id.rawValue, diff.added.count])
        }.revision
        #expect(try store.read { try Row.fetchAll($0, sql: "SELECT revision, added FROM outbox") }.map { [$0[0] as Int64, $0[1] as Int64] } == [[id.rawValue, 7]])
    }
}

@Suite("Stored timestamps")
struct TimestampTests {
    @Test("written as ISO 8601 UTC with milliseconds and read back", arguments: [0.0, 1_796_000_000.123, 951_782_400.5])
    func roundTrip(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = Timestamp.string(date)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(text == formatter.string(from: date))
        let back = try #require(Timestamp.date(text))
        #expect(abs(back.timeIntervalSince1970 - seconds) < 0.001)
    }

    @Test("anything else is not a timestamp", arguments: ["", "2026-11-29", "2026-11-29T17:03:10Z", "2026-1x-29T17:03:10.123Z"])
    func refused(text: String) {
        #expect(Timestamp.date(text) == nil)
    }
}
