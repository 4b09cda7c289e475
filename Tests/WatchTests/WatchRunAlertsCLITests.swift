import Foundation
import SamplePortal
import Testing

/// `rencai watch run` records each new revision's impact with it and delivers the alerts, end to end:
/// the sample portal → libcurl → parse and diff → impact on the imported hires → a JSON-lines channel.
@Suite("rencai watch run raises and delivers impact alerts", .serialized,
       .enabled(if: RencaiBinary.exists, "build the rencai binary first (swift build)"))
struct WatchRunAlertsCLITests {
    @Test("a revision of Shanghai's list alerts exactly the Shanghai hires it touches, once")
    func revisionAlertsTheRightHires() throws {
        let root = try #require(SamplePortalServer.fixturesRoot())
        let portal = try SamplePortalServer.start(root: root, host: "127.0.0.1", port: 0)
        defer { portal.stop() }
        let dir = try TestFixtures.temporaryFolder()
        let jsonl = dir.appendingPathComponent("alerts.jsonl")
        let config = dir.appendingPathComponent("rencai.yaml")
        try """
        contact: tests@example.com
        sources:
          - id: sh-urgent-need
            province: 上海
            url: \(portal.url("/catalogues/sh-urgent-need/catalogue.html").absoluteString)
            kind: html_table
        alerts:
          channels:
            - id: file
              kind: jsonl
              path: \(jsonl.path)
        """.write(to: config, atomically: true, encoding: .utf8)
        let common = ["--config", config.path, "--store", dir.appendingPathComponent("rencai.sqlite").path,
                      "--templates", TestFixtures.checkout.appendingPathComponent("Templates").path]
        // r2 of the sample list changes 2-02-10-08, removes 2-02-09-06 and 2-02-10-09, adds 2-02-10-10/-11.
        let hires = dir.appendingPathComponent("hires.csv")
        try """
        工号,姓名,国籍,护照号码,类别,认定途径,许可证到期日,省份,城市,职业代码
        S1,Changed Row,GB,P1,B,urgent_need,2027-06-30,上海,上海,2-02-10-08
        S2,Removed Row,US,P2,B,points,2027-06-30,Shanghai,,2-02-09-06
        S3,Untouched Code,DE,P3,A,salary_6x,2027-06-30,上海市,上海,2-02-10-03
        G1,Other Province,FR,P4,B,points,2027-06-30,广东,深圳,2-02-10-08
        """.write(to: hires, atomically: true, encoding: .utf8)
        #expect(try AlertsCLITests.run(["hires", "import", hires.path] + common).status == 0)

        let first = try AlertsCLITests.run(["watch", "run", "--once", "--json"] + common)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\"first_seen\""))
        #expect(!FileManager.default.fileExists(atPath: jsonl.path))   // a baseline alerts no one

        portal.setRevision("r2", for: "/catalogues/sh-urgent-need/catalogue.html")
        let second = try AlertsCLITests.run(["watch", "run", "--once", "--json"] + common)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\"changed\""))
        let delivered = try String(contentsOf: jsonl, encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let named = Set(delivered.compactMap { $0["employee_id"] as? String })
        #expect(named == ["S1", "S2"])
        let s1 = try #require(delivered.first { $0["employee_id"] as? String == "S1" })
        #expect((s1["body"] as? String)?.contains("3年 → 5年") == true)
        #expect(delivered.allSatisfy { ($0["source"] as? String) == "sh-urgent-need" })

        // Running again with nothing new creates and delivers nothing more.
        #expect(try AlertsCLITests.run(["watch", "run", "--once"] + common).status == 0)
        let after = try String(contentsOf: jsonl, encoding: .utf8).split(separator: "\n").count
        #expect(after == delivered.count)
    }
}
