import Foundation
import Testing
@testable import Catalogues
import RencaiCore

@Suite("HTML tables")
struct HTMLTableParsingTests {
    let parser = CatalogueParser()

    @Test("a GBK page with only a <meta> charset, a banner, a two-row header and rowspans becomes keyed rows")
    func gbkTableWithSpans() throws {
        let catalogue = try parser.parse(try FixturePaths.data("sh-urgent-need/catalogue.html"), format: .html, source: "catalogue.html")
        #expect(catalogue.columns == ["行业类别", "职业代码", "职业名称", "岗位要求 / 学历", "岗位要求 / 工作经验", "备注"])
        #expect(catalogue.rowNumberColumns == ["序号"])
        #expect(catalogue.keyColumn == "职业代码")
        #expect(catalogue.titleColumn == "职业名称")
        #expect(catalogue.rows.map(\.key.text) == ["2-02-10-03", "2-02-10-08", "2-02-10-09", "2-02-09-06", "2-02-33-02", "2-05-01-01", "2-06-07-03"])
        let byKey = catalogue.rowsByKey
        // rowspan="4" carries the category down; the nested <span> and the <br> keep their text.
        #expect(byKey[RowKey(text: "2-02-09-06")!]?["行业类别"] == "信息技术")
        #expect(byKey[RowKey(text: "2-02-10-03")!]?.title == "软件工程技术人员")
        #expect(byKey[RowKey(text: "2-02-33-02")!]?["职业名称"] == "生物医药 工程技术人员")
        #expect(byKey[RowKey(text: "2-02-33-02")!]?["行业类别"] == "生物医药")
        #expect(byKey[RowKey(text: "2-02-10-08")!]?["岗位要求 / 学历"] == "硕士及以上")
        #expect(catalogue.findings.isEmpty)
    }

    @Test("the catalogue is the table that names a code column, not a layout table")
    func picksTheCatalogueTable() throws {
        let html = """
        <html><body><table><tr><td>导航</td><td>首页</td></tr><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr>
        <tr><td>e</td><td>f</td></tr></table>
        <table><tr><th>No.</th><th>Occupation code</th><th>Occupation</th></tr>
        <tr><td>1</td><td>2-02-10-03</td><td>Software engineer</td></tr></table></body></html>
        """
        let catalogue = try parser.parse(Data(html.utf8), format: .html, source: "page")
        #expect(catalogue.rows.map(\.key.text) == ["2-02-10-03"])
        #expect(catalogue.rows[0].title == "Software engineer")
        #expect(catalogue.rowNumberColumns == ["No."])
    }

    @Test("unclosed cells and rows are closed as a browser would")
    func unclosedCells() throws {
        let html = "<table><tr><th>职业代码<th>职业名称<tr><td>2-02-10-03<td>软件工程技术人员<tr><td>2-02-10-08<td>人工智能</table>"
        let catalogue = try parser.parse(Data(html.utf8), format: .html, source: "page")
        #expect(catalogue.rows.map(\.title) == ["软件工程技术人员", "人工智能"])
    }

    @Test("a colspan in a data row fills the columns it covers")
    func colspanInData() throws {
        let html = """
        <table><tr><th>职业代码</th><th>职业名称</th><th>学历</th><th>经验</th></tr>
        <tr><td>2-02-10-03</td><td>软件工程技术人员</td><td colspan="2">不限</td></tr></table>
        """
        let row = try parser.parse(Data(html.utf8), format: .html, source: "p").rows[0]
        #expect(row["学历"] == "不限")
        #expect(row["经验"] == "不限")
    }

    @Test("key_columns from the config choose the key column; an unknown one is an error that lists the columns")
    func configuredKeyColumn() throws {
        let html = "<table><tr><th>编号</th><th>岗位</th></tr><tr><td>2-02-10-03</td><td>软件</td></tr></table>"
        let catalogue = try CatalogueParser(keyColumns: ["编号"]).parse(Data(html.utf8), format: .html, source: "p")
        #expect(catalogue.keyColumn == "编号")
        #expect(catalogue.rows[0].key.text == "2-02-10-03")
        #expect(throws: CatalogueError.keyColumnNotFound(source: "p", wanted: ["职业代码"], headers: ["编号", "岗位"])) {
            try CatalogueParser(keyColumns: ["职业代码"]).parse(Data(html.utf8), format: .html, source: "p")
        }
    }

    @Test("a page without a table is an error that says so")
    func noTable() {
        #expect(throws: CatalogueError.noTable(source: "p")) {
            try parser.parse(Data("<html><body><p>维护中</p></body></html>".utf8), format: .html, source: "p")
        }
    }

    @Test("a page whose bytes are not in its declared charset names the offset")
    func badCharset() {
        var bytes = Data("<html><head><meta charset=\"utf-8\"></head><body>".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE, 0x41])
        #expect(throws: CatalogueError.self) { try parser.parse(bytes, format: .html, source: "p") }
        do { _ = try parser.parse(bytes, format: .html, source: "p") } catch {
            #expect("\(error)".contains("byte 47"))
        }
    }

    @Test("a page declaring a charset rencai cannot decode is refused with its label, not guessed")
    func unsupportedCharset() {
        let bytes = Data("<html><head><meta charset=\"koi8-r\"></head><body><table><tr><td>x</td></tr></table>".utf8)
        #expect(performing: { try parser.parse(bytes, format: .html, source: "p") },
                throws: { "\($0)".contains("koi8-r") })
    }

    @Test("rows without code fall back to their title as key", arguments: [
        ("<table><tr><th>职业名称</th><th>要求</th></tr><tr><td>软件 工程师</td><td>本科</td></tr></table>", "title:软件工程师"),
        ("<table><tr><th>职业代码</th><th>职业名称</th></tr><tr><td>待定</td><td>数据分析师</td></tr></table>", "title:数据分析师"),
        ("<table><tr><th>职业代码</th><th>职业名称</th></tr><tr><td>2-02-10-03（新增）</td><td>软件</td></tr></table>", "2-02-10-03"),
        ("<table><tr><th>职业代码</th><th>职业名称</th></tr><tr><td>20210</td><td>软件小类</td></tr></table>", "2-02-10"),
    ])
    func keys(html: String, key: String) throws {
        let catalogue = try parser.parse(Data(html.utf8), format: .html, source: "p")
        #expect(catalogue.rows.map(\.key.text) == [key])
    }
}
