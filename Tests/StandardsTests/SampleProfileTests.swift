import Foundation
import RencaiCore
import Testing
@testable import Standards

/// The sample profiles in Fixtures/profiles, checked against expectations computed by hand from
/// ../shared/docs/domain.md §5–§6 (the arithmetic is written next to each expectation).
@Suite struct SampleProfileTests {
    typealias S = TestSupport

    func assess(_ file: String, rules: StandardsRules = S.defaultRules) throws -> Assessment {
        let profile = try CandidateProfile.load(from: S.fixtures.appendingPathComponent("profiles/\(file)"), today: S.filing)
        return S.assess(profile, rules: rules)
    }

    func points(_ a: Assessment) -> [String: Int?] {
        Dictionary(uniqueKeysWithValues: a.points.factors.map { ($0.factor, $0.points) })
    }

    func met(_ a: Assessment) -> [String] { a.routes.filter { $0.status == .met }.map(\.route) }

    @Test func janeDoeShanghaiIsB() throws {
        let a = try assess("jane-doe-shanghai.yaml")
        // salary 65 → 20; master 15; 6 years → 5 + 4 = 9; 12 months → 15; HSK 4 → 4; location 0;
        // age 38 on 2026-12-15 → 15; top university → 5; local 0. Total 83.
        #expect(points(a) == ["salary": 20, "education": 15, "experience": 9, "months_in_china": 15, "chinese": 4,
                              "location": 0, "age": 15, "bonus": 5, "local_bonus": 0])
        #expect(a.points.total == 83)
        #expect(a.points.complete)
        // 650,000 < 6 × 12,434 × 12 = 895,248; ≥ 4 × 12,434 × 12 = 596,832.
        #expect(met(a) == ["B1-professional-post", "B4-master-graduate", "B6-salary-4x", "B7-points-60"])
        #expect(a.category == .b)
        #expect(a.whatWouldChange.contains { $0.contains("895,248 CNY") && $0.contains("245,248 CNY short") })
        #expect(a.whatWouldChange.contains { $0.hasPrefix("2 more points would reach 85") })
    }

    @Test func liWeiBeijingIsABySalary() throws {
        let a = try assess("li-wei-beijing-salary.yaml")
        // salary 90 → 20; master 15; 18 years → 20 (cap); 11 months → 15; former Chinese national → 5;
        // location 0; age 47 on 2026-12-01 → 10; Fortune 500 + patents → 5 (cap); local 0. Total 90.
        #expect(a.points.total == 90)
        #expect(points(a)["age"] == 10)
        #expect(points(a)["chinese"] == 5)
        // 900,000 ≥ 6 × 11,937 × 12 = 859,464.
        #expect(S.route(a, "A3-salary-6x").status == .met)
        #expect(S.route(a, "A3-encouraged-employer").status == .notMet)
        #expect(a.category == .a)
        #expect(a.asOf == Day(year: 2026, month: 12, day: 1))
    }

    @Test func amaraXianIsAByPointsDespiteNoWageFigure() throws {
        let a = try assess("amara-xian-points.yaml")
        // salary 46 → 20; doctorate 20; 12.5 years → 12 whole → 15; 12 months → 15; HSK 5 → 5; western region → 10;
        // age 40 on 2027-01-10 → 15; top university + patent → 5; local 0. Total 105.
        #expect(a.points.total == 105)
        #expect(points(a)["experience"] == 15)
        #expect(S.route(a, "A6-points-85").status == .met)
        #expect(S.route(a, "A3-salary-6x").status == .unknown)
        #expect(S.route(a, "A3-salary-6x").reason.contains("Xi'an"))
        #expect(a.category == .a)
    }

    @Test func tomGuangzhouJSONIsC() throws {
        let a = try assess("tom-guangzhou-c.json")
        // salary 12 → 8; bachelor 10; 1 year → 0; 12 months → 15; no Chinese → 0; location 0; age 30 → 15; bonus 0; local 0 = 48.
        #expect(a.points.total == 48)
        // 120,000 < 4 × 10,449 × 12 = 501,552; occupation 4-03-02-00 is not group 1 or 2; 1 year < 2.
        #expect(S.route(a, "B6-salary-4x").status == .notMet)
        #expect(S.route(a, "B1-professional-post").status == .notMet)
        #expect(met(a).isEmpty)
        #expect(a.category == .c)
        #expect(a.whatWouldChange.contains { $0.hasPrefix("12 more points would reach 60") })
    }

    @Test func ottoShanghaiIsCUnlessALocalRuleLiftsTheAgeCap() throws {
        let national = try assess("otto-shanghai-age.yaml")
        // salary 30 → 14; senior technician 20; 20 years → 20; 12 months → 15; age 62 → 0; rest 0. Total 69.
        #expect(national.points.total == 69)
        #expect(S.route(national, "B7-points-60").status == .notMet)
        #expect(S.route(national, "B7-points-60").reason.contains("age 62 > 60"))
        #expect(national.category == .c)
        let local = try assess("otto-shanghai-age.yaml",
                               rules: S.rules(localRules: S.fixtures.appendingPathComponent("rules/local-rules-example.yaml")))
        #expect(S.route(local, "B7-points-60").status == .met)
        #expect(local.category == .b)
        #expect(local.rules.localRules.count == 1)
    }

    @Test func samChengduIsUndeterminedWithEveryGapListed() throws {
        let a = try assess("sam-chengdu-partial.yaml")
        // Known: salary 38 → 17; experience 4 → 7; 12 months → 15; master ≥ 15; HSK 2 ≥ 2. Total 56.
        // Unknown: education up to 20 (+5), chinese up to 5 (+3), location +10, age +15, bonus +5, local +10 → 104.
        #expect(a.points.total == 56)
        #expect(a.points.maximumPossible == 104)
        #expect(Set(a.unknownFactors.map(\.factor)) == ["education", "chinese", "location", "age", "bonus", "local_bonus"])
        #expect(a.category == .undetermined)
        #expect(a.possibleCategories == [.a, .b, .c])
        let fields = a.unknownFacts.map(\.field)
        for field in ["birth_date", "job.occupation_code", "average wage for Chengdu", "local_bonus_points"] {
            #expect(fields.contains(field), "\(field)")
        }
        #expect(a.asOf == S.filing)   // no filing date: today (the test's today)
    }

    @Test func everySampleHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: S.fixtures.appendingPathComponent("profiles").path).sorted()
        #expect(files == ["amara-xian-points.yaml", "jane-doe-shanghai.yaml", "li-wei-beijing-salary.yaml",
                          "otto-shanghai-age.yaml", "sam-chengdu-partial.yaml", "tom-guangzhou-c.json"])
    }
}
