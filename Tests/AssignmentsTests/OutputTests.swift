import Assignments
import Foundation
import RencaiCore
import Testing

@Suite("JSON and HTML outputs")
struct OutputTests {
    static func report() throws -> PlanReport {
        let hire = PlanHire(employeeID: "E001", name: "Jane <Doe>", category: .B, route: "points",
                            permitExpiry: Fixture.day("2027-03-01"), province: "Shanghai", city: "Shanghai",
                            occupationCode: OccupationCode(parts: [2, 2, 10, 3]))
        var leg = try Fixture.leg("Shenzhen", "Guangdong", "2026-09-28", "2026-12-18")
        leg.purpose = "<script>alert(1)</script>"
        return try Fixture.plan(hire, [leg], catalogues: InMemoryCatalogues(catalogues: ["Guangdong": ["2-02-10-03": ["master's degree"]]]))
    }

    @Test("--json has exactly the issue's keys")
    func jsonShape() throws {
        let data = try JSONEncoder().encode(PlanJSON(try Self.report()))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["legs", "findings"])
        let legs = try #require(object["legs"] as? [[String: Any]])
        #expect(Set(legs[0].keys) == ["city", "province", "start", "end", "recognition", "actions"])
        #expect(legs[0]["recognition"] as? String == "carried_over")
        #expect(legs[0]["start"] as? String == "2026-09-28")
        let actions = try #require(legs[0]["actions"] as? [[String: Any]])
        #expect(actions.allSatisfy { Set($0.keys) == ["action", "due", "basis"] })
        let work = try #require(actions.first { $0["action"] as? String == "work_permit_change" })
        #expect(work["due"] as? String == "2026-10-16")
        #expect((work["basis"] as? String)?.contains("working days") == true)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.allSatisfy { Set($0.keys) == ["kind", "detail"] })
        #expect(findings.contains { $0["kind"] as? String == "catalogue_requirements" })
    }

    @Test("the HTML report renders through the Mustache template, escaped, with sources")
    func html() throws {
        let rules = try Fixture.rules()
        let renderer = try PlanHTMLRenderer(templateURL: Fixture.resources.url("reports/plan.html.mustache"))
        let report = try Self.report()
        let html = renderer.render(report, rules: rules, generated: Fixture.day("2026-11-29"))
        #expect(html.contains("<title>Assignment plan: Jane &lt;Doe&gt; (E001)</title>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("Shenzhen, Guangdong: 2026-09-28 to 2026-12-18"))
        #expect(html.contains("<code>work_permit_change</code>"))
        #expect(html.contains("10 working days after arrival (working days)"))
        #expect(html.contains("master&#39;s degree") || html.contains("master&#x27;s degree"))
        #expect(html.contains("国务院办公厅"))
        #expect(!html.contains("{{"))
        // Only the permit extension has a window; empty optional values render nothing.
        let windows = html.components(separatedBy: "window opens").count - 1
        #expect(windows == report.legs.flatMap(\.actions).filter { $0.opens != nil }.count)
        #expect(html.contains("Catalogue: Guangdong guiding catalogue (test) lists 2-02-10-03"))
    }
}
