import Assignments
import Foundation
import RencaiCore
import Store
import Testing

@Suite("Per-leg recognition: A/B nationwide, C and urgent-need B local")
struct RecognitionTests {
    /// Guangdong's catalogue lists the minor group 2-02-10 (software); Jiangsu's lists only finance.
    /// Zhejiang and Shanghai have no catalogue loaded.
    static let catalogues = InMemoryCatalogues(catalogues: [
        "Guangdong": ["2-02-10": ["bachelor's degree", "2 years of related experience", "employer statement that the job is on the catalogue"]],
        "Jiangsu": ["2-06-07": ["CFA or equivalent"]],
    ])

    struct Case: Sendable, CustomTestStringConvertible {
        let category: Hire.Category
        let route: String?
        let home: String
        let destination: (city: String, province: String)
        let expected: Recognition
        var testDescription: String { "\(category.rawValue)/\(route ?? "-") \(home) → \(destination.province): \(expected.rawValue)" }
    }

    @Test("moving between provinces with and without loaded catalogues", arguments: [
        // A: nationwide, catalogue or not.
        Case(category: .A, route: "salary_6x", home: "Shanghai", destination: ("Hangzhou", "Zhejiang"), expected: .carriedOver),
        Case(category: .A, route: "points", home: "Shanghai", destination: ("Shenzhen", "Guangdong"), expected: .carriedOver),
        // B by points: nationwide.
        Case(category: .B, route: "points", home: "Shanghai", destination: ("Hangzhou", "Zhejiang"), expected: .carriedOver),
        Case(category: .B, route: "points", home: "Shanghai", destination: ("Suzhou", "Jiangsu"), expected: .carriedOver),
        // B urgent need: rests on the destination's catalogue.
        Case(category: .B, route: "urgent_need", home: "Shanghai", destination: ("Shenzhen", "Guangdong"), expected: .localFilingRequired),
        Case(category: .B, route: "urgent_need", home: "Shanghai", destination: ("Suzhou", "Jiangsu"), expected: .newPermitRequired),
        Case(category: .B, route: "urgent_need", home: "Guangdong", destination: ("Hangzhou", "Zhejiang"), expected: .unknown),
        // C: local.
        Case(category: .C, route: nil, home: "Zhejiang", destination: ("Shenzhen", "Guangdong"), expected: .newPermitRequired),
        Case(category: .C, route: nil, home: "Zhejiang", destination: ("Shanghai", "Shanghai"), expected: .newPermitRequired),
        // Within the permit's province nothing moves, whatever the category.
        Case(category: .C, route: nil, home: "Guangdong", destination: ("Guangzhou", "Guangdong"), expected: .carriedOver),
        Case(category: .B, route: "urgent_need", home: "Zhejiang", destination: ("Ningbo", "Zhejiang"), expected: .carriedOver),
    ])
    func recognition(_ c: Case) throws {
        let hire = Fixture.hire(c.category, route: c.route, province: c.home, city: nil)
        let report = try Fixture.plan(hire, [try Fixture.leg(c.destination.city, c.destination.province, "2026-03-02", "2026-05-29")],
                                      catalogues: Self.catalogues)
        #expect(report.legs.first?.recognition == c.expected)
    }

    @Test("an urgent-need B hire: the destination catalogue's requirements are reported, the local filing is due in 10 working days")
    func requirementsAndFiling() throws {
        let hire = Fixture.hire(.B, route: "urgent_need", province: "Shanghai", city: "Shanghai")
        let report = try Fixture.plan(hire, [try Fixture.leg("Shenzhen", "Guangdong", "2026-09-28", "2026-12-20")], catalogues: Self.catalogues)
        let leg = try #require(report.leg("Shenzhen"))
        #expect(leg.catalogue?.matchedCode == OccupationCode("2-02-10"))
        let requirements = try #require(report.findings("catalogue_requirements").first)
        #expect(requirements.detail.contains("2 years of related experience"))
        let filing = try #require(leg.action("local_filing"))
        #expect(filing.due == Fixture.day("2026-10-16"))
        #expect(filing.unit == .working)
        #expect(filing.provenance.confidence == .unverified)
        #expect(leg.action("work_permit_change") == nil) // the filing replaces the plain change report
        #expect(!report.findings("unverified_rule").isEmpty)
    }

    @Test("no catalogue loaded: the check is reported as not made, for every province of the plan")
    func noCatalogue() throws {
        let hire = Fixture.hire(.B, route: "urgent_need", province: "Guangdong", city: "Shenzhen")
        let report = try Fixture.plan(hire, [
            try Fixture.leg("Hangzhou", "Zhejiang", "2026-03-02", "2026-04-30"),
            try Fixture.leg("Shanghai", "Shanghai", "2026-05-01", "2026-06-30"),
        ], catalogues: Self.catalogues)
        let missing = report.findings("no_catalogue").map(\.detail)
        #expect(missing.count == 2)
        #expect(missing.contains { $0.hasPrefix("Zhejiang:") && $0.contains("could not be checked") })
        #expect(report.legs.allSatisfy { $0.recognition == .unknown })
        #expect(report.hasProblems)
    }

    @Test("the recognition rule is the user's to change: a file making A local changes the outcome")
    func userRule() throws {
        let custom = try RecognitionRules.parse("""
            provenance: { source: "our counsel's reading", edition: "2026-11", effective: 2026-11-01, confidence: U }
            rules:
              - { id: a-filing, category: A, outcome: local_filing_required }
              - { id: rest, category: B, outcome: carried_over }
            """, path: "mine.yaml")
        var rules = try Fixture.rules()
        rules.recognition = custom
        let report = try Planner(rules: rules, catalogues: NoCataloguesLoaded()).plan(AssignmentPlan(
            hire: Fixture.hire(.A, province: "Shanghai", city: "Shanghai"),
            legs: [try Fixture.leg("Shenzhen", "Guangdong", "2026-03-02", "2026-05-29")]))
        #expect(report.legs.first?.recognition == .localFilingRequired)
        #expect(report.legs.first?.reason.contains("a-filing") == true)
        // A C hire has no rule in this file: unknown, and the reason says to add one.
        let c = try Planner(rules: rules, catalogues: NoCataloguesLoaded()).plan(AssignmentPlan(
            hire: Fixture.hire(.C, province: "Shanghai", city: "Shanghai"),
            legs: [try Fixture.leg("Shenzhen", "Guangdong", "2026-03-02", "2026-05-29")]))
        #expect(c.legs.first?.recognition == .unknown)
    }

    @Test("a rule with both outcome and catalogue is refused")
    func badRule() {
        #expect(throws: RulesFileError.self) {
            _ = try RecognitionRules.parse("""
                provenance: { source: s, edition: e, confidence: U }
                rules:
                  - id: both
                    category: B
                    outcome: carried_over
                    catalogue: { listed: carried_over, not_listed: unknown, no_catalogue: unknown }
                """, path: "x.yaml")
        }
    }
}
