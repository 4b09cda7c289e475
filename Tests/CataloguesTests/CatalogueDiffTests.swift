import Foundation
import Testing
@testable import Catalogues
import RencaiCore

@Suite("Keyed diff")
struct CatalogueDiffTests {
    func sh(_ name: String) throws -> Catalogue {
        try CatalogueParser().parse(try FixturePaths.data("sh-urgent-need/\(name)"), format: .html, source: name)
    }

    @Test("a revision that adds, removes and changes rows; a moved code with the same title is a re-code hint")
    func addsRemovesChanges() throws {
        let diff = CatalogueDiff(from: try sh("catalogue.html"), to: try sh("catalogue.r2.html"))
        #expect(diff.added.map(\.key.text) == ["2-02-10-10", "2-02-10-11"])
        #expect(diff.removed.map(\.key.text) == ["2-02-09-06", "2-02-10-09"])
        #expect(diff.changed.map(\.key.text) == ["2-02-10-08"])
        #expect(diff.changed[0].fields == [
            "岗位要求 / 工作经验": .init(old: "3年", new: "5年"),
            "备注": .init(old: "紧缺", new: "特别紧缺"),
        ])
        #expect(diff.recodeHints == [.init(title: "集成电路工程技术人员", oldKey: RowKey(text: "2-02-09-06")!, newKey: RowKey(text: "2-02-10-11")!)])
    }

    @Test("renumbered rows and differences only in spaces, full-width forms and line breaks are no change")
    func renumberingIsNoChange() throws {
        let diff = CatalogueDiff(from: try sh("catalogue.r2.html"), to: try sh("catalogue.r3.html"))
        #expect(diff.isEmpty)
        #expect(diff.recodeHints.isEmpty)
    }

    @Test("cell comparisons", arguments: [
        ("本科及以上", "本科 及以上", false),
        ("3年", "３年", false),
        ("研发\n工程师", "研发工程师", false),
        ("3年", "5年", true),
        ("", "新增", true),
    ])
    func cellRules(old: String, new: String, changed: Bool) {
        let a = CatalogueRow(key: RowKey(code: OccupationCode("2-02-10-03")!), title: nil, line: 1, cells: ["要求": old])
        let b = CatalogueRow(key: a.key, title: nil, line: 9, cells: ["要求": new])
        let diff = CatalogueDiff(from: Catalogue(columns: ["要求"], keyColumn: nil, titleColumn: nil, rows: [a]),
                                 to: Catalogue(columns: ["要求"], keyColumn: nil, titleColumn: nil, rows: [b]))
        #expect(diff.changed.count == (changed ? 1 : 0))
    }

    @Test("a column that disappears reports its old values as changed to empty")
    func droppedColumn() {
        let key = RowKey(code: OccupationCode("2-02-10-03")!)
        let old = Catalogue(columns: ["名称", "备注"], keyColumn: nil, titleColumn: nil,
                            rows: [CatalogueRow(key: key, title: nil, line: 1, cells: ["名称": "软件", "备注": "紧缺"])])
        let new = Catalogue(columns: ["名称"], keyColumn: nil, titleColumn: nil,
                            rows: [CatalogueRow(key: key, title: nil, line: 1, cells: ["名称": "软件"])])
        #expect(CatalogueDiff(from: old, to: new).changed.first?.fields == ["备注": .init(old: "紧缺", new: "")])
    }

    @Test("a first revision adds every row, sorted by key, whether the entries are made at once or when read")
    func firstRevision() throws {
        let catalogue = try sh("catalogue.r2.html")
        let lazy = CatalogueDiff(from: .empty, to: catalogue)
        var rows = catalogue.rows.map { CatalogueDiff.Entry(key: $0.key, row: $0) }
        rows.sort { $0.key < $1.key }
        let eager = CatalogueDiff(added: rows)
        #expect(lazy.addedCount == catalogue.rows.count)
        #expect(lazy.added.map(\.key) == rows.map(\.key))
        #expect(lazy.added.map(\.row) == rows.map(\.row))
        #expect(lazy.removed.isEmpty && lazy.changed.isEmpty && lazy.recodeHints.isEmpty)
        #expect(!lazy.isEmpty)
        #expect(lazy.summary == "+\(catalogue.rows.count) −0 ~0")
        #expect(lazy == eager)
        #expect(lazy.hashValue == eager.hashValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(lazy) == encoder.encode(eager))
        // Setting `added` replaces the rows held for the first revision.
        var edited = lazy
        edited.added = Array(rows.prefix(1))
        #expect(edited.addedCount == 1 && edited.added.map(\.key) == [rows[0].key])
        #expect(edited != lazy)
        let decoded = try JSONDecoder().decode(CatalogueDiff.self, from: try encoder.encode(lazy))
        #expect(decoded.added.map(\.key) == rows.map(\.key))
    }

    @Test("the JSON has the documented shape")
    func json() throws {
        let diff = CatalogueDiff(from: try sh("catalogue.html"), to: try sh("catalogue.r2.html"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(diff)) as! [String: Any]
        let added = object["added"] as! [[String: Any]]
        #expect(added[0]["key"] as? String == "2-02-10-10")
        #expect((added[0]["row"] as? [String: String])?["职业名称"] == "区块链工程技术人员")
        let changed = object["changed"] as! [[String: Any]]
        let fields = changed[0]["fields"] as! [String: [String: String]]
        #expect(fields["备注"] == ["old": "紧缺", "new": "特别紧缺"])
        #expect(Set(object.keys).isSuperset(of: ["added", "removed", "changed"]))
    }
}

@Suite("Cell text")
struct CellTextTests {
    @Test("display equals RencaiCore's TextNormalizer.cell, fast path or not", arguments: [
        "  软件工程\n技术人员 ", "本科及以上，３年以上经验", "Senior\tEngineer", "《目录》（2025年）", "２－０２－１０", "a\u{3000}b", "x\u{200B}y", "",
    ])
    func displayMatchesCore(text: String) {
        #expect(CellText.display(text) == TextNormalizer.cell(text))
        #expect(CellText.comparable(text) == CellText.comparable(displayed: CellText.display(text)))
    }
}
