import Foundation
import RencaiCore
import Testing
@testable import Standards

/// Rules files (bundled, replaced, malformed) and the JSON shape other tools rely on.
@Suite struct RulesAndOutputTests {
    typealias S = TestSupport

    func temp(_ name: String, _ text: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-standards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func bundledRulesCarryProvenance() {
        let r = S.defaultRules
        #expect(r.points.id == "points-2017-interim")
        #expect(r.points.provenance.effective == Day(year: 2017, month: 4, day: 1))
        #expect(r.points.provenance.confidence == .verified)
        #expect(S.pilotRules.points.id == "points-2016-pilot")
        #expect(S.pilotRules.points.factor(.experience)?.cap == 15)
        #expect(S.pilotRules.points.factor(.chinese)?.cap == 10)
        #expect(r.routes.routes.allSatisfy { !$0.provenance.source.isEmpty })
        #expect(r.wages.figures.allSatisfy { !$0.source.isEmpty && !$0.series.isEmpty })
        #expect(r.local.rules.isEmpty)
    }

    @Test func bundledWageFiguresReproduceThePublishedThresholds() {
        // domain.md §6: Beijing A 71,622 / B 47,748; Shanghai A 74,604 / B 49,736; Shenzhen A 55,152 / B 36,768.
        let expected: [(String, Double, Double)] = [("Beijing", 71_622, 47_748), ("Shanghai", 74_604, 49_736), ("Shenzhen", 55_152, 36_768), ("Guangzhou", 62_694, 41_796)]
        for (city, a, b) in expected {
            let figure = S.defaultRules.wages.figures(city: city).first
            #expect(figure.map { 6 * $0.monthly } == a, "\(city)")
            #expect(figure.map { 4 * $0.monthly } == b, "\(city)")
        }
    }

    @Test func standardFileReplacesTheTable() throws {
        let text = try String(contentsOf: S.resources.url("rules/points-2017-interim.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "id: points-2017-interim", with: "id: my-table")
            .replacingOccurrences(of: "      - { from: 45, points: 20 }", with: "      - { from: 40, points: 20 }\n      - { from: 35, to: 40, points: 17 }")
            .replacingOccurrences(of: "      - { from: 35, to: 45, points: 17 }\n", with: "")
        let url = try temp("my-table.yaml", text)
        let rules = try S.rules(standard: url)
        var p = S.blank()
        p.job?.annualSalaryCNY = 400_000
        let a = S.assess(p, rules: rules)
        #expect(a.points.table == "my-table")
        #expect(S.factor(a, .salary).points == 20)
        #expect(S.factor(S.assess(p), .salary).points == 17)
    }

    @Test func malformedRulesFilesNameTheFileAndField() throws {
        let badFactor = try temp("bad.yaml", """
        provenance: { source: s, edition: e, confidence: V }
        id: bad
        thresholds: { A: 85, B: 60 }
        maximum: 120
        factors:
          - { factor: height, label: h, cap: 5 }
        """)
        do { _ = try S.rules(standard: badFactor); Issue.record("expected an error") } catch let e as RulesFileError {
            #expect(e.message.contains("bad.yaml"))
            #expect(e.message.contains("factors"))
            #expect(e.exitStatus == .config)
        }
        let badWage = try temp("wages.yaml", """
        wages:
          - { city: X, series: s, effective_from: 2026-02-30, monthly: 1, source: s }
        """)
        #expect(throws: RulesFileError.self) { try S.rules(wages: badWage) }
        let negative = try temp("wages2.yaml", """
        wages:
          - { city: X, series: s, effective_from: 2026-02-01, monthly: -5, source: s }
        """)
        do { _ = try S.rules(wages: negative); Issue.record("expected an error") } catch let e as RulesFileError {
            #expect(e.message.contains("monthly"))
        }
        #expect(throws: RulesFileError.self) { try S.rules(localRules: URL(fileURLWithPath: "/nonexistent/local.yaml")) }
    }

    @Test func userWageRowReplacesTheBundledRowForTheSameStart() throws {
        let url = try temp("wages.yaml", """
        wages:
          - { city: 北京市, series: corrected, statistical_year: 2025, effective_from: 2026-02-01, monthly: 12000, source: "my correction" }
        """)
        let rules = try S.rules(wages: url)
        #expect(rules.wages.figures(city: "Beijing").count == 1)
        #expect(rules.wages.figure(city: "Beijing", on: S.filing)?.monthly == 12_000)
    }

    @Test func jsonHasTheDocumentedKeys() throws {
        var p = S.blank()
        p.birthDate = nil
        let data = try JSONEncoder().encode(S.assess(p))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["category"] as? String == "C")
        let points = try #require(json["points"] as? [String: Any])
        #expect(points["total"] as? Int == 0)
        let factors = try #require(points["factors"] as? [[String: Any]])
        #expect(factors.count == 9)
        let age = try #require(factors.first { $0["factor"] as? String == "age" })
        #expect(age.keys.contains("points"))
        #expect(age["points"] is NSNull)
        let routes = try #require(json["routes"] as? [[String: Any]])
        #expect(routes.allSatisfy { ["A", "B"].contains($0["category"] as? String) && $0["route"] is String && ["met", "not_met", "unknown"].contains($0["status"] as? String) })
        let unknown = try #require(json["unknown_factors"] as? [[String: Any]])
        #expect(unknown.map { $0["factor"] as? String } == ["age"])
    }

    @Test func textReportShowsEveryPartForASigner() throws {
        let profile = try CandidateProfile.load(from: S.fixtures.appendingPathComponent("profiles/sam-chengdu-partial.yaml"), today: S.filing)
        let text = S.assess(profile).text
        for part in ["Category: undetermined", "Routes", "A3-salary-6x", "Points (points-2017-interim): 56", "Unknown facts",
                     "birth_date →", "What would change the result", "Not checked by rencai", "[unverified: configurable, not law]"] {
            #expect(text.contains(part), "\(part)")
        }
    }
}

extension RulesAndOutputTests {
    @Test func pointsRoutesFollowTheTablesThresholds() throws {
        let text = try String(contentsOf: S.resources.url("rules/points-2017-interim.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "thresholds: { A: 85, B: 60 }", with: "thresholds: { A: 80, B: 50 }")
        let rules = try S.rules(standard: try temp("t.yaml", text))
        // Blank (age 30 → 15) + doctorate 20 + salary 45 → 20 + 9 months → 15 + location 10 = 80.
        var p = S.blank()
        p.education = .doctorate
        p.job?.annualSalaryCNY = 450_000
        p.job?.monthsInChinaPerYear = 9
        p.job?.locationBonusRegion = true
        #expect(S.route(S.assess(p, rules: rules), "A6-points-85").status == .met)
        #expect(S.route(S.assess(p), "A6-points-85").status == .notMet)
    }
}
