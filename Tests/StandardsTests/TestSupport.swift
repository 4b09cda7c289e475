import Foundation
import RencaiCore
@testable import Standards

/// Paths and fixtures shared by the Standards tests.
enum TestSupport {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let resources = ResourceLocator(root: checkout.appendingPathComponent("Templates"))
    static let fixtures = checkout.appendingPathComponent("Fixtures")
    static let filing = Day(year: 2026, month: 12, day: 15)!

    static func rules(standard: URL? = nil, wages: URL? = nil, localRules: URL? = nil) throws -> StandardsRules {
        try StandardsRules.bundled(resources, standard: standard, wages: wages, localRules: localRules)
    }

    static let defaultRules: StandardsRules = try! rules()
    static let pilotRules: StandardsRules = try! rules(standard: StandardsRules.pilotTable(resources))

    /// A profile where every fact is known and worth nothing: no A or B route is met, every factor scores 0
    /// except age (born so as to be 30 on the filing date: 15 points) and months (0).
    static func blank() -> CandidateProfile {
        CandidateProfile(
            id: "blank", birthDate: Day(year: 1996, month: 1, day: 1), formerChineseNational: false, education: CandidateProfile.Education.none,
            vocationalLevel: CandidateProfile.VocationalLevel.none, topUniversity: false,
            chinese: .init(hsk: 0, chineseTaughtDegree: false), experienceYears: 0, fortune500Experience: false, patents: 0,
            yearsContinuousInChina: 0,
            achievements: .init(talentProgramme: CandidateProfile.ProgrammeSelection.none, awards: [], q1q2PapersFirstOrCorresponding: 0,
                                entrepreneur: .init(investedUSD: 0, shareholding: 0, consecutiveYears: 0)),
            job: .init(occupationCode: OccupationCode("4-03-02-00"), province: "Shanghai", city: "Shanghai", annualSalaryCNY: 0,
                       monthsInChinaPerYear: 0, locationBonusRegion: false,
                       employer: .init(fortune500HQ: false, centralSOE: false, highTech: false), onUrgentNeedCatalogue: false, seniorRole: false),
            application: .init(type: .new, insideChina: false, filingDate: filing),
            localBonusPoints: 0)
    }

    static func assess(_ profile: CandidateProfile, rules: StandardsRules = defaultRules, asOf: Day? = nil) -> Assessment {
        Assessor(rules: rules).assess(profile: profile, asOf: asOf, today: filing)
    }

    static func factor(_ a: Assessment, _ id: FactorID) -> FactorScore {
        a.points.factors.first { $0.factor == id.rawValue }!
    }

    static func route(_ a: Assessment, _ id: String) -> RouteResult {
        a.routes.first { $0.route == id }!
    }

    /// The day someone born on `birth` files, shifted so they are exactly `age` on the filing date.
    static func born(age: Int, dayBeforeBirthday: Bool = false) -> Day {
        let birthday = Day(year: filing.year - age, month: filing.month, day: filing.day)!
        return dayBeforeBirthday ? birthday.adding(days: 1) : birthday
    }
}
