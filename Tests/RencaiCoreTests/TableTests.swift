import Foundation
import Testing
import ZIPFoundation
@testable import RencaiCore

@Suite("Tables from CSV and XLSX")
struct TableTests {
    @Test("CSV keeps line numbers across quoted line breaks and skips blank lines")
    func csvLines() throws {
        let csv = "a,b\n1,\"x\ny\"\n\n2,\"he said \"\"hi\"\"\"\n"
        let table = try CSVReader.table(from: Data(csv.utf8), source: "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.line) == [2, 5])
        #expect(table.rows[0].cells == ["1", "x\ny"])
        #expect(table.rows[1][1] == "he said \"hi\"")
    }

    @Test("CSV refuses a truncated quoted field, naming the line")
    func truncated() {
        let csv = "a,b\n1,2\n3,\"unterminated\n"
        #expect { try CSVReader.table(from: Data(csv.utf8), source: "t.csv") } throws: { error in
            "\(error)".contains("t.csv:3")
        }
    }

    @Test("CSV refuses binary files")
    func binary() {
        #expect(throws: InputError.self) { try CSVReader.table(from: Data([0x00, 0x01, 0x02, 0x41]), source: "b.csv") }
    }

    @Test("XLSX: shared and inline strings, dates, merged cells")
    func xlsx() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("t-\(UUID()).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try XLSXFixture.write(to: url)
        let table = try Table.read(contentsOf: url)
        #expect(table.header == ["工号", "到期日", "省份"])
        #expect(table.rows.count == 2)
        #expect(table.rows[0].cells == ["E001", "2027-03-01", "上海"])
        // B3:C3 is merged in the fixture: the top-left value fills the range.
        #expect(table.rows[1].cells == ["E002", "inline", "inline"])
        #expect(table.rows[1].line == 3)
    }
}

/// Writes a minimal but real XLSX package (the parts Excel itself writes) for tests.
enum XLSXFixture {
    static func write(to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                data.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
        try add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        try add("xl/workbook.xml", #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hires" sheetId="1" r:id="rId1"/></sheets></workbook>"#)
        try add("xl/_rels/workbook.xml.rels", #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#)
        try add("xl/sharedStrings.xml", #"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>工号</t></si><si><t>到期日</t></si><si><r><t>省</t></r><r><t>份</t></r></si><si><t>E001</t></si><si><t>上海</t></si></sst>"#)
        try add("xl/styles.xml", #"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>"#)
        try add("xl/worksheets/sheet1.xml", #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>46447</v></c><c r="C2" t="s"><v>4</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>E002</t></is></c><c r="B3" t="inlineStr"><is><t>inline</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="B3:C3"/></mergeCells></worksheet>"#)
    }
}
