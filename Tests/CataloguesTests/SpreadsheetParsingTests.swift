import Foundation
import Testing
@testable import Catalogues
import RencaiCore

@Suite("XLSX and CSV catalogues")
struct SpreadsheetParsingTests {
    @Test("an XLSX with a merged banner, merged category cells, shared and inline strings and dates")
    func xlsx() throws {
        let data = try FixturePaths.data("gd-notices/files/gd-catalogue-2025.xlsx")
        let catalogue = try CatalogueParser().parse(data, source: "gd.xlsx")   // format sniffed from the zip
        #expect(catalogue.columns == ["类别", "职业代码", "职业名称", "岗位要求", "生效日期"])
        #expect(catalogue.rows.map(\.key.text) == ["2-02-07-01", "2-02-07-10", "2-02-10-03", "2-02-10", "2-02-22-01"])
        let rows = catalogue.rowsByKey
        #expect(rows[RowKey(text: "2-02-07-10")!]?["类别"] == "高端制造")        // merged B3:B4
        #expect(rows[RowKey(text: "2-02-10")!]?["类别"] == "信息技术")           // merged B5:B6
        #expect(rows[RowKey(text: "2-02-07-01")!]?["生效日期"] == "2025-03-15")  // date style
        #expect(rows[RowKey(text: "2-02-22-01")!]?.title == "海洋工程技术人员")    // inline string
    }

    @Test("a GB18030 CSV (with a character outside GBK): duplicate and empty keys are findings, not losses")
    func gb18030CSV() throws {
        let catalogue = try CatalogueParser().parse(try FixturePaths.data("bj-csv/catalogue.csv"), format: .csv, source: "bj.csv")
        #expect(catalogue.rows.map(\.key.text) == ["2-02-10-03", "2-02-10-08", "2-02-10-08#2", "2-09-06-01"])
        #expect(catalogue.rows.last?.title == "䶮文字信息处理人员")
        #expect(catalogue.findings.map(\.kind) == [.duplicateKey, .emptyKey])
        #expect(catalogue.findings.map(\.line) == [4, 5])
    }

    @Test("a CSV that is neither UTF-8 nor GB18030 is unreadable, with the byte offset")
    func badCSV() {
        let bytes = Data([0x61, 0x2C, 0x62, 0x0A, 0xFF, 0xFF, 0x0A])
        #expect(throws: CatalogueError.unreadable(source: "x.csv", reason: "byte 4 is neither UTF-8 nor GB18030: save the file as UTF-8 CSV")) {
            try CatalogueParser().parse(bytes, format: .csv, source: "x.csv")
        }
    }

    @Test("format is guessed from the media type or the file name", arguments: [
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", nil, CatalogueParser.Format.xlsx),
        (nil, "files/目录.xlsx?v=2", .xlsx),
        ("text/csv; charset=gb18030", nil, .csv),
        ("text/html", "x.xlsx", .xlsx),
        (nil, "notice.shtml", .html),
    ] as [(String?, String?, CatalogueParser.Format)])
    func guess(type: String?, name: String?, format: CatalogueParser.Format) {
        #expect(CatalogueParser.Format.guess(contentType: type, name: name) == format)
    }
}
