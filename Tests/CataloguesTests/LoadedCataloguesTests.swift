import Foundation
import Testing
@testable import Catalogues
import RencaiCore
import Store

/// The catalogues in force: the baseline revision of each source, asked whether it lists a code.
@Suite("Loaded catalogues")
struct LoadedCataloguesTests {
    let source = CatalogueSource(id: "sh-urgent-need", province: "Shanghai", url: URL(string: "http://127.0.0.1/sh.html")!, kind: .htmlTable)

    func loaded(_ revisionsToRecord: [String]) throws -> LoadedCatalogues {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-loaded-\(UUID().uuidString)")
        let revisions = RevisionStore(store: try RencaiStore.open(at: dir.appendingPathComponent("rencai.sqlite")))
        for name in revisionsToRecord {
            let bytes = try FixturePaths.data("sh-urgent-need/\(name)")
            try revisions.record(try CatalogueParser().parse(bytes, format: .html, source: name),
                                 document: CapturedDocument(bytes: bytes, url: "http://127.0.0.1/sh.html", mediaType: "text/html"),
                                 for: source)
        }
        return LoadedCatalogues(revisions: revisions)
    }

    @Test("a province without a source has no catalogue; the baseline answers for one with a source")
    func answers() throws {
        let catalogues = try loaded(["catalogue.html", "catalogue.r2.html"])
        guard case .noCatalogue = try catalogues.lookup(code: OccupationCode("2-02-10-03")!, province: "Beijing") else {
            Issue.record("Beijing has no source but a catalogue was found"); return
        }
        // r2 removed 2-02-10-09 and added 2-02-10-10: the answer follows the latest revision.
        guard case .notListed = try catalogues.lookup(code: OccupationCode("2-02-10-09")!, province: "Shanghai") else {
            Issue.record("2-02-10-09 was removed in r2 but is still listed"); return
        }
        guard case .listed(let entry) = try catalogues.lookup(code: OccupationCode("2-02-10-10")!, province: "Shanghai") else {
            Issue.record("2-02-10-10 was added in r2 but is not listed"); return
        }
        #expect(entry.row.key.text == "2-02-10-10")
        #expect(entry.loaded.revision.id.rawValue == 2)
        #expect(!entry.requirements.isEmpty)
        #expect(!entry.requirements.contains { $0.hasPrefix("\(entry.loaded.catalogue.keyColumn ?? "-"):") })
    }

    @Test("a catalogue listing a minor group lists its occupations, and the most specific row wins")
    func groups() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-loaded-\(UUID().uuidString)")
        let revisions = RevisionStore(store: try RencaiStore.open(at: dir.appendingPathComponent("rencai.sqlite")))
        let columns = ["职业代码", "职业名称", "要求"]
        func row(_ code: String, _ title: String, _ need: String, _ line: Int) -> CatalogueRow {
            CatalogueRow(key: RowKey(code: OccupationCode(code)!), title: title, line: line, columns: columns, values: [code, title, need])
        }
        let catalogue = Catalogue(columns: columns, keyColumn: "职业代码", titleColumn: "职业名称", rows: [
            row("2-02-10", "软件和信息技术服务人员", "本科", 2),
            row("2-02-10-08", "人工智能工程技术人员", "硕士", 3),
        ])
        try revisions.record(catalogue, document: CapturedDocument(bytes: Data("x".utf8), url: "http://127.0.0.1/c.csv", mediaType: "text/csv"),
                             for: source)
        let loaded = LoadedCatalogues(revisions: revisions)
        guard case .listed(let group) = try loaded.lookup(code: OccupationCode("2-02-10-03")!, province: "Shanghai") else {
            Issue.record("2-02-10-03 is inside the listed minor group 2-02-10"); return
        }
        #expect(group.row.key.text == "2-02-10")
        #expect(group.requirements == ["要求: 本科"])
        guard case .listed(let own) = try loaded.lookup(code: OccupationCode("2-02-10-08")!, province: "Shanghai") else {
            Issue.record("2-02-10-08 is listed"); return
        }
        #expect(own.requirements == ["要求: 硕士"])
        guard case .notListed = try loaded.lookup(code: OccupationCode("2-02-11-01")!, province: "Shanghai") else {
            Issue.record("2-02-11-01 is in no listed group"); return
        }
    }
}
