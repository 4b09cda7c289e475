import Foundation
import RencaiCore
import Standards
import Store
import Testing
@testable import Watch

/// When a hire's profile is on file, a revision that adds or removes the hire's row re-runs the
/// assessment with the old and the new list, and the alert says whether the category moves.
@Suite("Re-assessment of hires with a profile on file")
struct ReassessmentTests {
    /// A skilled worker in Beijing (major group 6, so B1 does not apply) with 54 points:
    /// age 30 → 15, bachelor → 10, 3 years → 6, 12 × 10k CNY → 8, 12 months → 15, no HSK, no bonus.
    /// B only through the urgent-need catalogue route, C without it.
    static let profileYAML = """
    id: T1
    name: Tess Worker
    birth_date: 1996-01-10
    nationality: NZ
    former_chinese_national: false
    education: bachelor
    vocational_level: null
    top_university: false
    chinese: { hsk: 0, chinese_taught_degree: false }
    experience_years: 3
    fortune500_experience: false
    patents: 0
    years_continuous_in_china: 0
    achievements:
      talent_programme: null
      awards: []
      q1q2_papers_first_or_corresponding: 0
      entrepreneur: { invested_usd: 0, shareholding: 0, consecutive_years: 0 }
    job:
      title: Precision tooling technician
      occupation_code: 6-18-01-01
      province: Beijing
      city: Beijing
      annual_salary_cny: 120000
      months_in_china_per_year: 12
      location_bonus_region: false
      employer: { fortune500_hq: false, central_soe: false, high_tech: false }
      senior_role: false
      on_urgent_need_catalogue: true
    application: { type: extension, inside_china: true, filing_date: 2026-12-15 }
    local_bonus_points: 0
    """

    static let hire = Hire(employeeID: "T1", name: "Tess Worker", nationality: "NZ", passportNo: "LA123456", category: .B,
                           route: "urgent_need", permitExpiry: Day(year: 2027, month: 6, day: 30)!, province: "Beijing",
                           city: "Beijing", occupationCode: OccupationCode("6-18-01-01")!)

    func reassessor() throws -> ProfileReassessor {
        let dir = try TestFixtures.temporaryFolder()
        try Data(Self.profileYAML.utf8).write(to: dir.appendingPathComponent("tess.yaml"))
        return try ProfileReassessor.load(directory: dir, assessor: try Assessor.bundled(TestFixtures.resources()))
    }

    func changes(_ kind: CatalogueChangeSet.RowChange.Kind) -> CatalogueChangeSet {
        CatalogueChangeSet(sourceID: "bj-urgent", province: "Beijing", revision: "r3", changes: [.init(key: "6-18-01", kind: kind, title: "工装工具制造加工人员")])
    }

    @Test("a removed row that the hire's B rests on moves the hire to C, and the alert says so as critical")
    func removalDowngrades() throws {
        let analyzer = ImpactAnalyzer(rules: try TestFixtures.rules(), reassessor: try reassessor(), today: Day(year: 2026, month: 11, day: 29)!)
        let alert = try #require(analyzer.analyze(changes(.removed), hires: [Self.hire]).alerts.first)
        #expect(alert.severity == .critical)
        #expect(alert.body.contains("the category moves from B to C"))
        #expect(alert.body.contains("Routes no longer met: B8-urgent-need-catalogue"))
        #expect(alert.details["category_before"] == "B" && alert.details["category_after"] == "C")
    }

    @Test("a newly listed row that the hire now qualifies through is reported as an upgrade, not critical")
    func additionUpgrades() throws {
        let analyzer = ImpactAnalyzer(rules: try TestFixtures.rules(), reassessor: try reassessor(), today: Day(year: 2026, month: 11, day: 29)!)
        let alert = try #require(analyzer.analyze(changes(.added), hires: [Self.hire]).alerts.first)
        #expect(alert.severity == .info)
        #expect(alert.body.contains("the category moves from C to B"))
        #expect(alert.body.contains("Routes newly met: B8-urgent-need-catalogue"))
    }

    @Test("without a profile on file the alert makes no claim about the category")
    func noProfileNoClaim() throws {
        let analyzer = ImpactAnalyzer(rules: try TestFixtures.rules(), reassessor: nil)
        let alert = try #require(analyzer.analyze(changes(.removed), hires: [Self.hire]).alerts.first)
        #expect(!alert.body.contains("Re-assessed"))
        #expect(alert.details["category_after"] == nil)
    }

    @Test("two profiles claiming one hire are an error naming both files")
    func duplicateProfiles() throws {
        let dir = try TestFixtures.temporaryFolder()
        try Data(Self.profileYAML.utf8).write(to: dir.appendingPathComponent("a.yaml"))
        try Data(Self.profileYAML.utf8).write(to: dir.appendingPathComponent("b.yaml"))
        #expect(performing: { try ProfileReassessor.load(directory: dir, assessor: try Assessor.bundled(TestFixtures.resources())) },
                throws: { "\($0)".contains("b.yaml") && "\($0)".contains("a.yaml") })
    }
}
