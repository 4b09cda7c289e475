import Foundation
import Testing
@testable import Catalogues
import RencaiCore

@Suite("Sources from the config")
struct CatalogueSourceTests {
    let gazetteer = try! Gazetteer.load(from: FixturePaths.checkout.appendingPathComponent("Templates/rules/regions.yaml"))

    func load(_ yaml: String) throws -> [CatalogueSource] {
        try CatalogueSource.load(from: try RencaiConfig(url: URL(fileURLWithPath: "/cfg/rencai.yaml"), yaml: yaml), gazetteer: gazetteer)
    }

    @Test("the example from the issue decodes, with the canonical province and parsed intervals")
    func example() throws {
        let sources = try load("""
        contact: hr-compliance@example.com
        sources:
          - id: sh-urgent-need
            province: 上海
            url: https://example.gov.cn/catalogue.html
            kind: html_table
            key_columns: [职业代码, occupation code]
            interval: 6h
          - id: gd-notices
            province: Guangdong
            url: https://example.gov.cn/notices/
            kind: notice_list
            link_text: [目录, catalogue]
            attachment: [xlsx, csv, html]
        """)
        #expect(sources.map(\.id) == ["sh-urgent-need", "gd-notices"])
        #expect(sources[0].province == "Shanghai")
        #expect(sources[0].interval == 21600)
        #expect(sources[0].keyColumns == ["职业代码", "occupation code"])
        #expect(sources[1].kind == .noticeList && sources[1].attachment == [.xlsx, .csv, .html])
        #expect(try load("contact: x@example.com").isEmpty)
    }

    @Test("bad entries name the file, the source and the field", arguments: [
        ("- {id: a, province: Atlantis, url: 'http://x/'}", "sources[1] (a) field 'province'"),
        ("- {id: a, province: Shanghai, url: 'ftp://x/'}", "field 'url'"),
        ("- {id: a, province: Shanghai, url: 'http://x/', kind: pdf}", "field 'kind'"),
        ("- {id: a, province: Shanghai, url: 'http://x/', interval: soon}", "field 'interval'"),
        ("- {id: a, province: Shanghai, url: 'http://x/', kind: notice_list}", "field 'link_text'"),
        ("- {id: a, province: Shanghai, url: 'http://x/'}\n- {id: a, province: Beijing, url: 'http://y/'}", "id 'a' is used twice"),
        ("- {id: a, url: 'http://x/'}", "missing field"),
    ])
    func errors(entries: String, fragment: String) {
        do {
            _ = try load("sources:\n" + entries.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.message.hasPrefix("/cfg/rencai.yaml"))
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(error.exitStatus == .config)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("intervals", arguments: [("6h", 21600.0), ("30m", 1800), ("1d", 86400), ("1h30m", 5400), ("90s", 90)] as [(String, Double)])
    func intervals(text: String, seconds: Double) {
        #expect(CatalogueSource.parseInterval(text) == seconds)
    }

    @Test("intervals that are refused", arguments: ["", "10s", "6x", "h", "5"])
    func badIntervals(text: String) {
        #expect(CatalogueSource.parseInterval(text) == nil)
    }
}

@Suite("The example configuration")
struct ExampleConfigTests {
    @Test("Templates/config/rencai.example.yaml loads and its sources are valid")
    func exampleLoads() throws {
        let url = FixturePaths.checkout.appendingPathComponent("Templates/config/rencai.example.yaml")
        let config = try RencaiConfig(url: url, yaml: try String(contentsOf: url, encoding: .utf8))
        let gazetteer = try Gazetteer.load(from: FixturePaths.checkout.appendingPathComponent("Templates/rules/regions.yaml"))
        let sources = try CatalogueSource.load(from: config, gazetteer: gazetteer)
        #expect(sources.map(\.id) == ["sh-urgent-need", "gd-notices"])
        #expect(sources.map(\.kind) == [.htmlTable, .noticeList])
    }
}
