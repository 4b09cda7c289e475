import Foundation
import RencaiCore
import Testing
@testable import Standards

/// Every bracket boundary of every factor of the 2017 interim table (and the 2016 pilot differences),
/// with the expected points read off ../shared/docs/domain.md §5 by hand.
@Suite struct PointsBracketTests {
    typealias S = TestSupport

    static let salaryCases: [(Double, Int)] = [
        (0, 0), (49_999, 0), (50_000, 5), (69_999, 5), (70_000, 8), (149_999, 8), (150_000, 11),
        (249_999, 11), (250_000, 14), (349_999, 14), (350_000, 17), (449_900, 17), (449_999, 17), (450_000, 20), (5_000_000, 20),
    ]

    @Test(arguments: salaryCases) func salary(_ cny: Double, _ expected: Int) {
        var p = S.blank()
        p.job?.annualSalaryCNY = cny
        #expect(S.factor(S.assess(p), .salary).points == expected)
    }

    static let ageCases: [(Int, Bool, Int)] = [
        // (whole years on the filing date, born the day after the birthday date so one year younger, points)
        (17, false, 0), (18, false, 10), (25, false, 10), (26, true, 10), (26, false, 15), (45, false, 15),
        (46, true, 15), (46, false, 10), (55, false, 10), (56, false, 5), (60, false, 5), (61, true, 5), (61, false, 0), (70, false, 0),
    ]

    @Test(arguments: ageCases) func age(_ years: Int, _ dayBefore: Bool, _ expected: Int) {
        var p = S.blank()
        p.birthDate = S.born(age: years, dayBeforeBirthday: dayBefore)
        let score = S.factor(S.assess(p), .age)
        #expect(score.points == expected, "\(score.input)")
        #expect(score.input.hasPrefix("\(dayBefore ? years - 1 : years) years"))
    }

    @Test func ageCountsOnAsOfWhenGiven() {
        var p = S.blank()
        p.birthDate = Day(year: 1966, month: 6, day: 1)
        #expect(S.factor(S.assess(p), .age).points == 5)                                        // 60 on 2026-12-15
        #expect(S.factor(S.assess(p, asOf: Day(year: 2027, month: 6, day: 1)), .age).points == 0)   // 61
    }

    static let experienceCases: [(Double, Int)] = [
        (0, 0), (1.99, 0), (2, 5), (2.99, 5), (3, 6), (5, 8), (10, 13), (16, 19), (16.99, 19), (17, 20), (20, 20), (40, 20),
    ]

    @Test(arguments: experienceCases) func experience(_ years: Double, _ expected: Int) {
        var p = S.blank()
        p.birthDate = Day(year: 1960, month: 1, day: 1)
        p.experienceYears = years
        #expect(S.factor(S.assess(p), .experience).points == expected)
    }

    static let pilotExperienceCases: [(Double, Int)] = [(1, 0), (2, 5), (11, 14), (12, 15), (17, 15), (30, 15)]

    @Test(arguments: pilotExperienceCases) func experienceInThe2016Pilot(_ years: Double, _ expected: Int) {
        var p = S.blank()
        p.birthDate = Day(year: 1960, month: 1, day: 1)
        p.experienceYears = years
        #expect(S.factor(S.assess(p, rules: S.pilotRules), .experience).points == expected)
    }

    static let monthCases: [(Double, Int)] = [(0, 0), (2.99, 0), (3, 5), (5.99, 5), (6, 10), (8.99, 10), (9, 15), (12, 15)]

    @Test(arguments: monthCases) func monthsInChina(_ months: Double, _ expected: Int) {
        var p = S.blank()
        p.job?.monthsInChinaPerYear = months
        #expect(S.factor(S.assess(p), .monthsInChina).points == expected)
    }

    static let hskCases: [(Int, Int, Int)] = [(0, 0, 0), (1, 1, 2), (2, 2, 4), (3, 3, 6), (4, 4, 8), (5, 5, 10), (6, 5, 10)]

    @Test(arguments: hskCases) func hsk(_ level: Int, _ interim: Int, _ pilot: Int) {
        var p = S.blank()
        p.chinese?.hsk = level
        #expect(S.factor(S.assess(p), .chinese).points == interim)
        #expect(S.factor(S.assess(p, rules: S.pilotRules), .chinese).points == pilot)
    }

    @Test func chineseAlternativesGiveTheCap() {
        var former = S.blank()
        former.formerChineseNational = true
        former.chinese?.hsk = 2
        #expect(S.factor(S.assess(former), .chinese).points == 5)
        var taught = S.blank()
        taught.chinese?.chineseTaughtDegree = true
        #expect(S.factor(S.assess(taught), .chinese).points == 5)
        #expect(S.factor(S.assess(taught, rules: S.pilotRules), .chinese).points == 10)
    }

    static let educationCases: [(CandidateProfile.Education, CandidateProfile.VocationalLevel, Int)] = [
        (.none, .none, 0), (.bachelor, .none, 10), (.master, .none, 15), (.doctorate, .none, 20),
        (.none, .seniorWorker, 10), (.none, .technician, 15), (.none, .seniorTechnician, 20), (.none, .highestInternational, 20),
        (.bachelor, .seniorTechnician, 20), (.master, .seniorWorker, 15),
    ]

    @Test(arguments: educationCases) func education(_ degree: CandidateProfile.Education, _ level: CandidateProfile.VocationalLevel, _ expected: Int) {
        var p = S.blank()
        p.education = degree
        p.vocationalLevel = level
        #expect(S.factor(S.assess(p), .education).points == expected)
    }

    @Test(arguments: [(false, 0), (true, 10)]) func location(_ region: Bool, _ expected: Int) {
        var p = S.blank()
        p.job?.locationBonusRegion = region
        #expect(S.factor(S.assess(p), .location).points == expected)
    }

    static let bonusCases: [(Bool, Bool, Int, Double, Int)] = [
        // top university, Fortune 500, patents, continuous years in China → points (cap 5)
        (false, false, 0, 0, 0), (true, false, 0, 0, 5), (false, true, 0, 0, 5), (false, false, 1, 0, 5),
        (false, false, 0, 4.99, 0), (false, false, 0, 5, 5), (true, true, 3, 10, 5),
    ]

    @Test(arguments: bonusCases) func bonus(_ top: Bool, _ f500: Bool, _ patents: Int, _ years: Double, _ expected: Int) {
        var p = S.blank()
        p.topUniversity = top
        p.fortune500Experience = f500
        p.patents = patents
        p.yearsContinuousInChina = years
        #expect(S.factor(S.assess(p), .bonus).points == expected)
    }

    static let localBonusCases: [(Int, Int)] = [(0, 0), (5, 5), (9, 9), (10, 10), (11, 10), (30, 10)]

    @Test(arguments: localBonusCases) func localBonus(_ granted: Int, _ expected: Int) {
        var p = S.blank()
        p.localBonusPoints = granted
        let score = S.factor(S.assess(p), .localBonus)
        #expect(score.points == expected)
        #expect((score.note?.contains("above the cap") ?? false) == (granted > 10))
    }

    @Test func thresholdsAre85And60() {
        let t = S.defaultRules.points.thresholds
        #expect(t.a == 85)
        #expect(t.b == 60)
        #expect(S.defaultRules.points.maximum == 120)
        #expect(S.defaultRules.points.factors.reduce(0) { $0 + $1.cap } == 120)
    }
}
