import Foundation
import RencaiCore
import Testing
@testable import Standards

/// Each route met, not met, and unknown, starting from a profile where every fact is known and worth nothing.
@Suite struct RouteTests {
    typealias S = TestSupport

    func status(_ id: String, _ change: (inout CandidateProfile) -> Void, rules: StandardsRules = S.defaultRules, asOf: Day? = nil) -> RouteStatus {
        var p = S.blank()
        change(&p)
        return S.route(S.assess(p, rules: rules, asOf: asOf), id).status
    }

    @Test func blankProfileMeetsNothingAndIsC() {
        let a = S.assess(S.blank())
        #expect(a.routes.allSatisfy { $0.status == .notMet }, "\(a.routes.filter { $0.status != .notMet }.map(\.route))")
        #expect(a.category == .c)
        #expect(a.possibleCategories == [.c])
        #expect(a.unknownFactors.isEmpty)
    }

    /// The urgent-need route (2025 notice, [U]): on the catalogue, a degree, and 2 years of experience.
    @Test func urgentNeedCatalogue() {
        let qualified: (inout CandidateProfile) -> Void = { $0.education = .bachelor; $0.experienceYears = 2 }
        #expect(status("B8-urgent-need-catalogue") { qualified(&$0); $0.job?.onUrgentNeedCatalogue = true } == .met)
        #expect(status("B8-urgent-need-catalogue") { qualified(&$0); $0.job?.onUrgentNeedCatalogue = false } == .notMet)
        #expect(status("B8-urgent-need-catalogue") { qualified(&$0); $0.job?.onUrgentNeedCatalogue = nil } == .unknown)
        #expect(status("B8-urgent-need-catalogue") { qualified(&$0); $0.experienceYears = 1.9; $0.job?.onUrgentNeedCatalogue = true } == .notMet)
        #expect(status("B8-urgent-need-catalogue") { qualified(&$0); $0.education = CandidateProfile.Education.none; $0.job?.onUrgentNeedCatalogue = true } == .notMet)
    }

    @Test func talentProgramme() {
        #expect(status("A1-talent-programme") { $0.achievements?.talentProgramme = .selected("Sub-provincial Talent Plan") } == .met)
        #expect(status("A1-talent-programme") { $0.achievements?.talentProgramme = CandidateProfile.ProgrammeSelection.none } == .notMet)
        #expect(status("A1-talent-programme") { $0.achievements?.talentProgramme = nil } == .unknown)
    }

    @Test func recognisedAward() {
        #expect(status("A2-recognised-award") { $0.achievements?.awards = ["The Turing award (2019)"] } == .met)
        #expect(status("A2-recognised-award") { $0.achievements?.awards = ["Nobel Peace Prize"] } == .met)
        #expect(status("A2-recognised-award") { $0.achievements?.awards = ["Albert Lasker Basic Medical Research Award"] } == .met)
        #expect(status("A2-recognised-award") { $0.achievements?.awards = ["Employee of the Month"] } == .unknown)
        #expect(status("A2-recognised-award") { $0.achievements?.awards = [] } == .notMet)
        #expect(status("A2-recognised-award") { $0.achievements?.awards = nil } == .unknown)
    }

    @Test(arguments: [(2, RouteStatus.notMet), (3, .met), (10, .met)]) func q1q2Papers(_ count: Int, _ expected: RouteStatus) {
        #expect(status("A2-q1q2-papers") { $0.achievements?.q1q2PapersFirstOrCorresponding = count } == expected)
    }

    @Test func encouragedEmployer() {
        #expect(status("A3-encouraged-employer") { $0.job?.employer?.centralSOE = true; $0.job?.seniorRole = true } == .met)
        #expect(status("A3-encouraged-employer") { $0.job?.employer?.fortune500HQ = true; $0.job?.seniorRole = false } == .notMet)
        #expect(status("A3-encouraged-employer") { $0.job?.seniorRole = true } == .notMet)
        #expect(status("A3-encouraged-employer") { $0.job?.employer = nil; $0.job?.seniorRole = true } == .unknown)
        #expect(status("A3-encouraged-employer") { $0.job?.employer?.highTech = true; $0.job?.seniorRole = nil } == .unknown)
    }

    /// Beijing: 6 × 11,937 × 12 = 859,464 CNY; 4 × 11,937 × 12 = 572,976 CNY.
    /// Shanghai: 6 × 12,434 × 12 = 895,248 CNY; 4 × 12,434 × 12 = 596,832 CNY.
    static let salaryCases: [(String, Double, String, RouteStatus)] = [
        ("Beijing", 859_464, "A3-salary-6x", .met), ("Beijing", 859_463, "A3-salary-6x", .notMet),
        ("Beijing", 572_976, "B6-salary-4x", .met), ("Beijing", 572_975, "B6-salary-4x", .notMet),
        ("Shanghai", 895_248, "A3-salary-6x", .met), ("Shanghai", 895_247, "A3-salary-6x", .notMet),
        ("上海市", 596_832, "B6-salary-4x", .met), ("Shanghai", 596_831, "B6-salary-4x", .notMet),
    ]

    @Test(arguments: salaryCases) func salaryMultiples(_ city: String, _ salary: Double, _ route: String, _ expected: RouteStatus) {
        #expect(status(route) { $0.job?.city = city; $0.job?.annualSalaryCNY = salary } == expected)
    }

    @Test func unknownCityLeavesSalaryRoutesUnknownAndSaysHowToAddAFigure() {
        var p = S.blank()
        p.job?.city = "Atlantis"
        p.job?.annualSalaryCNY = 5_000_000
        let a = S.assess(p)
        for id in ["A3-salary-6x", "B6-salary-4x"] {
            let r = S.route(a, id)
            #expect(r.status == .unknown)
            #expect(r.reason.contains("Atlantis"))
            #expect(r.reason.contains("--wages FILE"))
        }
        #expect(a.category == .undetermined)
        #expect(a.unknownFacts.contains { $0.field == "average wage for Atlantis" })
    }

    @Test func outdatedFigureIsUnknownButAFigureInForceIsUsed() throws {
        let now = status("A3-salary-6x") { $0.job?.city = "Shenzhen"; $0.job?.annualSalaryCNY = 700_000 }
        #expect(now == .unknown)
        // 6 × 9,192 × 12 = 661,824 CNY, in force 2019-07-01 to 2020-06-30.
        let then = status("A3-salary-6x", { $0.job?.city = "Shenzhen"; $0.job?.annualSalaryCNY = 661_824 }, asOf: Day(year: 2020, month: 1, day: 1))
        #expect(then == .met)
    }

    @Test func userWageFileExtendsTheTable() throws {
        let rules = try S.rules(wages: S.fixtures.appendingPathComponent("rules/wages-chengdu-example.yaml"))
        // 4 × 9,000 × 12 = 432,000 CNY.
        #expect(status("B6-salary-4x", { $0.job?.city = "Chengdu"; $0.job?.annualSalaryCNY = 432_000 }, rules: rules) == .met)
        #expect(status("B6-salary-4x", { $0.job?.city = "Chengdu"; $0.job?.annualSalaryCNY = 431_999 }, rules: rules) == .notMet)
        // Before the figure takes effect there is none in force.
        #expect(status("B6-salary-4x", { $0.job?.city = "Chengdu"; $0.job?.annualSalaryCNY = 432_000 }, rules: rules,
                       asOf: Day(year: 2026, month: 2, day: 28)) == .unknown)
        // Bundled cities stay.
        #expect(status("B6-salary-4x", { $0.job?.city = "Beijing"; $0.job?.annualSalaryCNY = 572_976 }, rules: rules) == .met)
    }

    @Test func entrepreneur() {
        func with(_ usd: Double?, _ share: Double?, _ years: Double?, patents: Int? = 1) -> RouteStatus {
            status("A4-entrepreneur") {
                $0.achievements?.entrepreneur = .init(investedUSD: usd, shareholding: share, consecutiveYears: years)
                $0.patents = patents
            }
        }
        #expect(with(500_000, 0.30, 3) == .met)
        #expect(with(499_999, 0.30, 3) == .notMet)
        #expect(with(500_000, 0.29, 3) == .notMet)
        #expect(with(500_000, 0.30, 2.9) == .notMet)
        // "patents or proprietary technology": the profile has no field for the latter, so no patents is unknown.
        #expect(with(500_000, 0.30, 3, patents: 0) == .unknown)
        #expect(with(500_000, nil, 3) == .unknown)
        #expect(with(100, nil, 3) == .notMet)   // a known failure decides even with a gap
    }

    @Test func pointsRoutes() {
        // Blank is 15 points (age 30). Salary 45 → +20, doctorate +20, 9 months +15, location +10 = 80.
        func profile(localBonus: Int) -> CandidateProfile {
            var p = S.blank()
            p.job?.annualSalaryCNY = 450_000
            p.education = .doctorate
            p.job?.monthsInChinaPerYear = 9
            p.job?.locationBonusRegion = true
            p.localBonusPoints = localBonus
            p.job?.occupationCode = OccupationCode("6-18-01-01")
            return p
        }
        let eighty = S.assess(profile(localBonus: 0))
        #expect(eighty.points.total == 80)
        #expect(S.route(eighty, "A6-points-85").status == .notMet)
        #expect(S.route(eighty, "B7-points-60").status == .met)
        #expect(eighty.category == .b)
        let eightyFive = S.assess(profile(localBonus: 5))
        #expect(eightyFive.points.total == 85)
        #expect(S.route(eightyFive, "A6-points-85").status == .met)
        #expect(eightyFive.category == .a)
        let eightyFour = S.assess(profile(localBonus: 4))
        #expect(S.route(eightyFour, "A6-points-85").status == .notMet)
        #expect(eightyFour.whatWouldChange.contains { $0.hasPrefix("1 more points would reach 85") })
    }

    @Test func professionalPost() {
        func post(_ edu: CandidateProfile.Education?, _ years: Double?, _ code: String?) -> RouteStatus {
            status("B1-professional-post") {
                $0.education = edu
                $0.experienceYears = years
                $0.job?.occupationCode = code.flatMap(OccupationCode.init)
            }
        }
        #expect(post(.bachelor, 2, "2-02-10-03") == .met)
        #expect(post(.bachelor, 2, "1-06-01-00") == .met)
        #expect(post(.bachelor, 1.99, "2-02-10-03") == .notMet)
        #expect(post(CandidateProfile.Education.none, 10, "2-02-10-03") == .notMet)
        #expect(post(.doctorate, 5, "4-03-02-00") == .notMet)
        #expect(post(.master, 5, nil) == .unknown)
        #expect(post(nil, 5, "2-02-10-03") == .unknown)
        var p = S.blank()
        p.education = .master; p.experienceYears = 5; p.job?.occupationCode = nil
        let a = S.assess(p)
        #expect(S.route(a, "B1-professional-post").reason.contains("job.occupation_code"))
        #expect(a.notes.contains { $0.contains("No occupation code") })
    }

    @Test func vocationalCertificateAndMasterGraduate() {
        #expect(status("B2-vocational-certificate") { $0.vocationalLevel = .highestInternational } == .met)
        #expect(status("B2-vocational-certificate") { $0.vocationalLevel = .technician } == .notMet)
        #expect(status("B2-vocational-certificate") { $0.vocationalLevel = nil } == .unknown)
        #expect(status("B4-master-graduate") { $0.education = .master; $0.topUniversity = true } == .met)
        #expect(status("B4-master-graduate") { $0.education = .doctorate; $0.chinese?.chineseTaughtDegree = true } == .met)
        #expect(status("B4-master-graduate") { $0.education = .bachelor; $0.topUniversity = true } == .notMet)
        #expect(status("B4-master-graduate") { $0.education = .master } == .notMet)
        #expect(status("B4-master-graduate") { $0.education = .master; $0.topUniversity = nil } == .unknown)
    }

    @Test(arguments: [(59, RouteStatus.met), (60, .met), (61, .notMet)]) func bGeneralAgeCap(_ age: Int, _ expected: RouteStatus) {
        let s = status("B6-salary-4x") { $0.birthDate = S.born(age: age); $0.job?.annualSalaryCNY = 600_000 }
        #expect(s == expected)
    }

    @Test func bRoutesAreUnknownWhenAgeIsUnknown() {
        var p = S.blank()
        p.birthDate = nil
        p.job?.annualSalaryCNY = 600_000
        let a = S.assess(p)
        #expect(S.route(a, "B6-salary-4x").status == .unknown)
        #expect(S.route(a, "B6-salary-4x").missing.contains("birth_date"))
    }

    @Test func localRuleLiftsTheBAgeCapOnlyWhenItsConditionHolds() throws {
        let local = try S.rules(localRules: S.fixtures.appendingPathComponent("rules/local-rules-example.yaml"))
        func salaryRoute(_ change: (inout CandidateProfile) -> Void) -> RouteStatus {
            status("B6-salary-4x", { $0.birthDate = S.born(age: 63); $0.job?.annualSalaryCNY = 600_000; change(&$0) }, rules: local)
        }
        #expect(salaryRoute { $0.vocationalLevel = .technician } == .met)
        #expect(salaryRoute { $0.vocationalLevel = CandidateProfile.VocationalLevel.none } == .notMet)
        #expect(salaryRoute { $0.vocationalLevel = nil } == .unknown)
        #expect(salaryRoute { $0.vocationalLevel = .technician; $0.job?.province = "Beijing"; $0.job?.city = "Beijing"; $0.job?.annualSalaryCNY = 580_000 } == .notMet)
        #expect(salaryRoute { $0.vocationalLevel = .technician; $0.birthDate = S.born(age: 66) } == .notMet)
    }

    /// A user's local rule written with the Chinese province name applies to a profile in `Shanghai`.
    @Test func localRuleWrittenInChineseMatchesTheCanonicalPlace() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("local-\(UUID().uuidString).yaml")
        let english = try String(contentsOf: S.fixtures.appendingPathComponent("rules/local-rules-example.yaml"), encoding: .utf8)
        try english.replacingOccurrences(of: "province: Shanghai", with: "province: 上海市").write(to: file, atomically: true, encoding: .utf8)
        let local = try S.rules(localRules: file)
        let status = status("B6-salary-4x", { $0.birthDate = S.born(age: 63); $0.job?.annualSalaryCNY = 600_000; $0.vocationalLevel = .technician }, rules: local)
        #expect(status == .met)
    }

    @Test func manualRoutesAreListedNotGuessed() {
        let a = S.assess(S.blank())
        #expect(Set(a.uncheckedRoutes.map(\.route)) == ["A2-other-achievements", "A5-young-talent", "B3-language-teacher", "B5-multinational-dispatch"])
        #expect(!a.routes.contains { $0.route == "A5-young-talent" })
        #expect(a.uncheckedRoutes.first { $0.route == "A5-young-talent" }?.source.contains("unverified") == true)
        #expect(a.notes.contains { $0.contains("A5-young-talent") && $0.contains("B3-language-teacher") && $0.contains("by hand") })
    }
}
