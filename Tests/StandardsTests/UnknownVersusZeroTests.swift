import Foundation
import RencaiCore
import Testing
@testable import Standards

/// A missing fact is unknown, never zero: it is listed, its factor gets a range, and the category is
/// `undetermined` exactly when the unknowns could change it.
@Suite struct UnknownVersusZeroTests {
    typealias S = TestSupport

    /// For each factor: a change that removes its facts, the fields expected to be named, and the range.
    static let cases: [(FactorID, [String], Int)] = [
        (.salary, ["job.annual_salary_cny"], 20),
        (.experience, ["experience_years"], 20),
        (.monthsInChina, ["job.months_in_china_per_year"], 15),
        (.age, ["birth_date"], 15),
        (.location, ["job.location_bonus_region"], 10),
        (.localBonus, ["local_bonus_points"], 10),
        (.bonus, ["patents"], 5),
        (.chinese, ["chinese.hsk"], 5),
        (.education, ["education", "vocational_level"], 20),
    ]

    static func remove(_ factor: FactorID, from p: inout CandidateProfile) {
        switch factor {
        case .salary: p.job?.annualSalaryCNY = nil
        case .experience: p.experienceYears = nil
        case .monthsInChina: p.job?.monthsInChinaPerYear = nil
        case .age: p.birthDate = nil
        case .location: p.job?.locationBonusRegion = nil
        case .localBonus: p.localBonusPoints = nil
        case .bonus: p.patents = nil
        case .chinese: p.chinese?.hsk = nil
        case .education: p.education = nil; p.vocationalLevel = nil
        }
    }

    @Test(arguments: cases) func missingFactIsUnknownWithARange(_ factor: FactorID, _ fields: [String], _ maximum: Int) {
        var zero = S.blank()
        zero.birthDate = S.born(age: 70)   // age 0 points, so every factor of the blank profile is a known 0
        var missing = zero
        Self.remove(factor, from: &missing)

        let known = S.assess(zero)
        let unknown = S.assess(missing)
        #expect(S.factor(known, factor).points == 0)
        #expect(known.unknownFactors.isEmpty)

        let score = S.factor(unknown, factor)
        #expect(score.points == nil)
        #expect(score.minimum == 0)
        #expect(score.maximum == maximum)
        #expect(score.missing == fields)
        #expect(unknown.unknownFactors.map(\.factor) == [factor.rawValue])
        #expect(unknown.unknownFactors.first?.couldAdd == maximum)
        #expect(!unknown.points.complete)
        #expect(unknown.points.total == 0)
        #expect(unknown.points.maximumPossible == maximum)
        for field in fields { #expect(unknown.unknownFacts.contains { $0.field == field }) }
        // Every factor alone stays below 60 points, so the category is still known (C), except the salary:
        // without it the 6× and 4× salary routes are unknown too.
        if factor == .salary {
            #expect(unknown.category == .undetermined)
            #expect(S.route(unknown, "A3-salary-6x").status == .unknown)
        } else {
            #expect(unknown.category == .c)
        }
    }

    @Test func unknownsThatCouldCrossAThresholdMakeItUndetermined() {
        // Known: age 30 → 15, salary 45 → 20, doctorate 20 = 55. Missing local bonus could add 10 → 65 ≥ 60.
        var p = S.blank()
        p.job?.annualSalaryCNY = 450_000
        p.education = .doctorate
        p.localBonusPoints = nil
        let a = S.assess(p)
        #expect(a.points.total == 55)
        #expect(a.points.maximumPossible == 65)
        #expect(S.route(a, "B7-points-60").status == .unknown)
        #expect(a.category == .undetermined)
        #expect(a.possibleCategories == [.b, .c])
        #expect(a.unknownFacts.first { $0.field == "local_bonus_points" }?.affects.contains("route B7-points-60") == true)
        // Writing the zero decides it.
        p.localBonusPoints = 0
        #expect(S.assess(p).category == .c)
    }

    @Test func aMetRouteDecidesDespiteUnknowns() {
        var p = S.blank()
        p.achievements?.talentProgramme = .selected("National programme")
        p.birthDate = nil
        p.localBonusPoints = nil
        p.job?.city = "Atlantis"
        let a = S.assess(p)
        #expect(a.category == .a)
        #expect(a.possibleCategories == [.a])
        #expect(!a.unknownFacts.isEmpty)
    }

    @Test func bMetButAUnknownIsUndeterminedAtLeastB() {
        var p = S.blank()
        p.job?.annualSalaryCNY = 600_000       // ≥ 4 × Shanghai, < 6 ×
        p.achievements?.awards = nil
        let a = S.assess(p)
        #expect(S.route(a, "B6-salary-4x").status == .met)
        #expect(a.category == .undetermined)
        #expect(a.possibleCategories == [.a, .b])
        #expect(a.summary.contains("at least B"))
    }

    @Test func emptyProfileIsUndeterminedAndListsEverything() throws {
        let p = try CandidateProfile.parse(Data("id: nothing-known\n".utf8), format: .yaml, today: S.filing)
        let a = S.assess(p)
        #expect(a.category == .undetermined)
        #expect(a.possibleCategories == [.a, .b, .c])
        #expect(a.points.total == 0)
        #expect(a.points.maximumPossible == 120)
        #expect(a.unknownFactors.count == 9)
        #expect(a.routes.allSatisfy { $0.status == .unknown })
        #expect(a.asOfBasis.hasPrefix("today"))
    }
}
