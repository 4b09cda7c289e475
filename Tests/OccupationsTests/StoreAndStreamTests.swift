import Foundation
import Testing
import Occupations
import RencaiCore
import Store

@Suite("Confirmed mappings, stored classifications and CSV streaming")
struct StoreAndStreamTests {
    func openStore() throws -> RencaiStore {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("occ-\(UUID().uuidString).sqlite")
        return try RencaiStore.open(at: url)
    }

    @Test("confirming twice replaces the first decision")
    func confirmReplaces() throws {
        let store = try openStore()
        defer { try? store.close() }
        let occ = OccupationStore(store: store)
        #expect(try occ.confirm(ConfirmedMapping(text: "增长黑客", code: OccupationCode("4-01-06-02")!)) == false)
        #expect(try occ.confirm(ConfirmedMapping(text: "增长黑客（急招）", code: OccupationCode("2-06-07-02")!)) == true)
        let all = try occ.mappings()
        #expect(all.count == 1)
        #expect(all.first?.code.text == "2-06-07-02")
    }

    @Test("an empty text cannot be confirmed")
    func confirmEmpty() throws {
        let store = try openStore()
        defer { try? store.close() }
        #expect(throws: InputError.self) { try OccupationStore(store: store).confirm(ConfirmedMapping(text: "（急招）", code: OccupationCode("4-01-06-02")!)) }
    }

    @Test("an imported classification comes back whole")
    func classificationRoundTrip() throws {
        let store = try openStore()
        defer { try? store.close() }
        let occ = OccupationStore(store: store)
        #expect(try occ.loadClassification() == nil)
        let cls = try miniClassification()
        try occ.saveClassification(cls, source: "mini.csv")
        let back = try #require(try occ.loadClassification())
        #expect(back.count == cls.count)
        #expect(back[OccupationCode("2-02-10-03")!] == cls[OccupationCode("2-02-10-03")!])
        try occ.saveClassification(cls, source: "again.csv")
        #expect(try occ.loadClassification()?.provenance.source == "again.csv")
    }

    @Test("the stream keeps quoted line breaks and reports a bad row by line, then goes on")
    func stream() throws {
        let stream = try CSVRecordStream(url: Paths.fixtures.appendingPathComponent("jobs/jobs-sample.csv"))
        var records: [(Int, [String])] = []
        while let r = try stream.next() { if case .success(let c) = r.cells { records.append((r.line, c)) } }
        #expect(records.count == 9)
        #expect(records[5].0 == 6)
        #expect(records[5].1[1].contains("\n"))
        #expect(records[6].0 == 8)

        let bad = try CSVRecordStream(url: Paths.fixtures.appendingPathComponent("jobs/jobs-bad-utf8.csv"))
        var lines: [Int: Bool] = [:]
        while let r = try bad.next() { if case .success = r.cells { lines[r.line] = true } else { lines[r.line] = false } }
        #expect(lines == [1: true, 2: true, 3: false, 4: true])
    }
}
