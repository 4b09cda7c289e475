import Foundation
import Testing
import ZIPFoundation
import Store
@testable import Catalogues
import RencaiCore

@Suite("Stored rows")
struct StoredCatalogueTests {
    static let columns = ["职业代码", "职业名称", "学历", "备注"]

    static func row(_ code: String, _ values: [String], title: String?, line: Int, occurrence: Int = 1) -> CatalogueRow {
        CatalogueRow(key: RowKey(code: OccupationCode(code)!, occurrence: occurrence), title: title, line: line,
                     columns: columns, values: values)
    }

    /// Cells a byte-level format could get wrong: empty, tabs and line breaks, non-BMP characters, the
    /// separator bytes of other formats, long text, a title key and a repeated key.
    static let awkward = Catalogue(
        columns: columns, keyColumn: "职业代码", titleColumn: "职业名称", rowNumberColumns: ["序号"],
        rows: [
            row("2-02-10-03", ["2-02-10-03", "软件工程技术人员", "", ""], title: "软件工程技术人员", line: 3),
            row("2-02-10-08", ["2-02-10-08", "人工智能\t工程\n技术人员", "本科\r\n及以上", "\u{1F}\u{1E}\u{0}"], title: "人工智能\t工程\n技术人员", line: 4),
            row("2-02-10-09", ["2-02-10-09", "𠀀𪚥 emoji 🧑‍💻", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", String(repeating: "长", count: 5000)], title: nil, line: 200),
            row("2-02-10-09", ["2-02-10-09", "again", "{\"json\": [1]}", "#2"], title: "again", line: 201, occurrence: 2),
            CatalogueRow(key: RowKey(title: "数据 分析师"), title: "数据 分析师", line: 1_000_000, columns: columns,
                         values: ["", "数据 分析师", "不限", "no code"]),
            // Key and title that are not their cells' text (both must then be written out).
            CatalogueRow(key: RowKey(code: OccupationCode("2-02-10-05")!), title: "另一个标题", line: 7, columns: columns,
                         values: ["２－０２－１０－０５", "职业名称", "", ""]),
            CatalogueRow(key: RowKey(code: OccupationCode("4-01")!), title: nil, line: 8, columns: columns,
                         values: ["4-01", "", "", ""]),
        ],
        findings: [
            DataQualityFinding(kind: .duplicateKey, line: 201, detail: "key 2-02-10-09 already on row 200; kept as 2-02-10-09#2"),
            DataQualityFinding(kind: .unparsableCode, line: 1_000_000, detail: "'待定' is not an occupation code"),
        ])

    @Test("catalogues round-trip through the binary form", arguments: [
        awkward,
        Catalogue.empty,
        Catalogue(columns: ["名称"], keyColumn: nil, titleColumn: nil, rows: [], findings: [
            DataQualityFinding(kind: .emptyKey, line: 7, detail: "no code and no title ()")]),
    ])
    func roundTrip(catalogue: Catalogue) throws {
        let blob = try StoredCatalogue.encode(catalogue)
        #expect(Array(blob.prefix(5)) == StoredCatalogue.magic + [StoredCatalogue.version])
        let back = try StoredCatalogue.decode(blob)
        #expect(back == catalogue)
        // Version 1 (the body not deflated), as the previous release wrote it, reads the same.
        let plain = StoredCatalogue.encodePlain(catalogue)
        #expect(Array(plain.prefix(5)) == StoredCatalogue.magic + [StoredCatalogue.plainVersion])
        #expect(try StoredCatalogue.decode(plain) == catalogue)
        #expect(back.rows.map(\.key.text) == catalogue.rows.map(\.key.text))
        #expect(back.rows.map(\.values) == catalogue.rows.map(\.values))
        #expect(back.rows.map(\.title) == catalogue.rows.map(\.title))
        #expect(back.findings == catalogue.findings)
    }

    @Test("a key or title that repeats its cell is not written twice")
    func repeatsAreNotStored() throws {
        let rows = (0..<100).map { i in
            Self.row("2-02-10-\(String(format: "%02d", i))", ["2-02-10-\(String(format: "%02d", i))", "软件工程技术人员\(i)", "本科", ""],
                     title: "软件工程技术人员\(i)", line: i + 2)
        }
        let catalogue = Catalogue(columns: Self.columns, keyColumn: "职业代码", titleColumn: "职业名称", rows: rows)
        let plain = StoredCatalogue.encodePlain(catalogue)
        let once = rows.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.utf8.count + 1 } + 2 }
        #expect(plain.count < once + 200)
        #expect(try StoredCatalogue.decode(plain) == catalogue)
        // Deflated, the repetitive rows take a fraction of that.
        let blob = try StoredCatalogue.encode(catalogue)
        #expect(blob.count < plain.count / 3)
        #expect(try StoredCatalogue.decode(blob) == catalogue)
    }

    @Test("rows stored as JSON by earlier versions still read, and read the same as the binary form")
    func readsOldJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(Self.awkward)
        #expect(json.first == UInt8(ascii: "{"))
        #expect(try StoredCatalogue.decode(json) == Self.awkward)
        #expect(try StoredCatalogue.decode(json) == StoredCatalogue.decode(StoredCatalogue.encode(Self.awkward)))
        #expect(try StoredCatalogue.decode(json) == StoredCatalogue.decode(StoredCatalogue.encodePlain(Self.awkward)))
    }

    @Test("a row whose columns differ from the catalogue's is stored in the catalogue's column order, as in JSON")
    func rowWithOtherColumns() throws {
        let odd = CatalogueRow(key: RowKey(code: OccupationCode("2-02-10-03")!), title: "t", line: 2, cells: ["备注": "x", "职业名称": "t"])
        let catalogue = Catalogue(columns: Self.columns, keyColumn: nil, titleColumn: "职业名称", rows: [odd])
        let back = try StoredCatalogue.decode(StoredCatalogue.encode(catalogue))
        #expect(back.rows[0].columns == Self.columns)
        #expect(back.rows[0].values == ["", "t", "", "x"])
        #expect(back == (try JSONDecoder().decode(Catalogue.self, from: JSONEncoder().encode(catalogue))))
    }

    @Test("cut, padded or unknown-version data is refused, never read as fewer rows")
    func damaged() throws {
        for blob in [try StoredCatalogue.encode(Self.awkward), StoredCatalogue.encodePlain(Self.awkward)] {
            for cut in [0, 3, 5, 6, blob.count / 2, blob.count - 1] {
                #expect(throws: (any Error).self) { try StoredCatalogue.decode(blob.prefix(cut)) }
            }
            #expect(throws: StoredCatalogue.Damaged.self) { try StoredCatalogue.decode(blob + Data([0])) }
            var future = blob
            future[4] = 3
            #expect(performing: { try StoredCatalogue.decode(future) }, throws: { "\($0)".contains("version 3") })
        }
        // A stated length far beyond what the frame holds is refused before anything is allocated for it.
        let head = StoredCatalogue.Writer()
        head.append(contentsOf: StoredCatalogue.magic + [StoredCatalogue.version])
        head.integer(Int.max / 2)
        let body = StoredCatalogue.encodeBody(Self.awkward)
        let frame = try body.withUnsafeBytes { try StoredCompression.compress($0) }
        #expect(throws: StoredCatalogue.Damaged.self) { try StoredCatalogue.decode(Data(head.bytes) + frame) }
        // A deflated body whose stated length is wrong is refused too.
        var wrongLength = try StoredCatalogue.encode(Self.awkward)
        wrongLength[5] ^= 0x01
        #expect(throws: StoredCatalogue.Damaged.self) { try StoredCatalogue.decode(wrongLength) }
    }
}

extension StoredCatalogueTests {
    @Test("version 2 records whose body is raw deflate (as the first builds of version 2 wrote them) still read")
    func readsDeflatedVersion2() throws {
        let body = StoredCatalogue.encodeBody(Self.awkward)
        let head = StoredCatalogue.Writer()
        head.append(contentsOf: StoredCatalogue.magic + [2])
        head.integer(body.count)
        let record = Data(head.bytes) + (try Deflate.compress(Data(body)))
        #expect(try StoredCatalogue.decode(record) == Self.awkward)
        var cut = record
        cut.removeLast(3)
        #expect(throws: StoredCatalogue.Damaged.self) { try StoredCatalogue.decode(cut) }
    }
}

@Suite("Stores written by earlier versions")
struct OldStoreTests {
    @Test("a revision stored with JSON rows and a default-level deflate reads back and stays the baseline for the next diff")
    func oldRevisionKeepsWorking() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-old-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try RencaiStore.open(at: dir.appendingPathComponent("rencai.sqlite"))
        let revisions = RevisionStore(store: store)
        let source = CatalogueSource(id: "sh", province: "Shanghai", url: URL(string: "http://127.0.0.1/sh.html")!, kind: .htmlTable)
        let page1 = try FixturePaths.data("sh-urgent-need/catalogue.html")
        let c1 = try CatalogueParser().parse(page1, format: .html, source: "r1")
        let id1 = try revisions.record(c1, document: CapturedDocument(bytes: page1, url: "r1"), for: source).revision
        // Rewrite the revision the way the previous version stored it.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var oldRaw = Data()
        _ = try Data.compress(size: Int64(page1.count), bufferSize: 64 * 1024, provider: { position, size in
            page1.subdata(in: Int(position)..<min(page1.count, Int(position) + size))
        }, consumer: { oldRaw.append($0) })
        try store.write { db in
            try db.execute(sql: "UPDATE catalogue_revision SET catalogue_json = ?, raw_deflate = ? WHERE id = ?",
                           arguments: [try encoder.encode(c1), oldRaw, id1.rawValue])
        }
        #expect(try revisions.catalogue(of: id1) == c1)
        #expect(try revisions.document(of: id1).bytes == page1)

        let page2 = try FixturePaths.data("sh-urgent-need/catalogue.r2.html")
        let c2 = try CatalogueParser().parse(page2, format: .html, source: "r2")
        guard case .changed(let id2, let diff) = try revisions.record(c2, document: CapturedDocument(bytes: page2, url: "r2"), for: source) else {
            Issue.record("expected changed"); return
        }
        #expect(diff.from == id1 && diff.summary == "+2 −2 ~1 (1 possible re-code)")
        #expect(try revisions.catalogue(of: id2) == c2)
        #expect(try revisions.diff(from: id1, to: id2).changed.map(\.key.text) == ["2-02-10-08"])
    }
}

extension StoredCatalogueTests {
    @Test("the writer grows past its first capacity and writes what the reader reads back")
    func writerGrows() throws {
        let w = StoredCatalogue.Writer(capacity: 1)
        let numbers = [0, 1, 127, 128, 300, 16_383, 16_384, 1 << 40, Int.max]
        let texts = ["", "a", "职业代码", String(repeating: "长", count: 3000), "🧑‍💻\n\t"]
        for round in 0..<50 {
            for n in numbers { w.integer(n) }
            for t in texts { w.string(t) }
            w.optional(round % 2 == 0 ? nil : "x")
            w.append(UInt8(round))
        }
        let bytes = w.bytes
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            var r = StoredCatalogue.Reader(bytes: raw)
            for round in 0..<50 {
                for n in numbers { #expect(try r.integer() == n) }
                for t in texts { #expect(try r.string() == t) }
                #expect(try r.optional() == (round % 2 == 0 ? nil : "x"))
                #expect(try r.byte() == UInt8(round))
            }
            #expect(r.offset == raw.count)
        }
    }
}
