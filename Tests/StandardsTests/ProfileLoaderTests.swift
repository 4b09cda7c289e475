import Foundation
import RencaiCore
import Testing
@testable import Standards

/// Reading profiles: unknown stays unknown, explicit values are kept, bad input names the field.
@Suite struct ProfileLoaderTests {
    static let today = Day(year: 2026, month: 11, day: 29)!

    func parse(_ yaml: String, format: ProfileFormat = .yaml) throws -> CandidateProfile {
        try CandidateProfile.parse(Data(yaml.utf8), format: format, file: "p.yaml", today: Self.today)
    }

    func error(_ yaml: String, format: ProfileFormat = .yaml) -> ProfileError? {
        do { _ = try parse(yaml, format: format); return nil } catch let error as ProfileError { return error } catch { return nil }
    }

    @Test func missingFieldsAreUnknownNotZero() throws {
        let p = try parse("id: x\n")
        #expect(p.id == "x")
        #expect(p.experienceYears == nil)
        #expect(p.job == nil)
        #expect(p.chinese == nil)
        #expect(p.vocationalLevel == nil)
        #expect(p.achievements == nil)
    }

    @Test func explicitZeroIsKnownZero() throws {
        let p = try parse("experience_years: 0\npatents: 0\nlocal_bonus_points: 0\n")
        #expect(p.experienceYears == 0)
        #expect(p.patents == 0)
        #expect(p.localBonusPoints == 0)
    }

    @Test func nullMeansNoneOnlyForNameOrLevelFields() throws {
        let p = try parse("vocational_level: null\nchinese: { hsk: null }\nachievements: { talent_programme: null }\nexperience_years: null\n")
        #expect(p.vocationalLevel == CandidateProfile.VocationalLevel.none)
        #expect(p.chinese?.hsk == nil)   // unknown, not zero: the issue's rule for every number
        #expect(p.achievements?.talentProgramme == CandidateProfile.ProgrammeSelection.none)
        #expect(p.experienceYears == nil)
    }

    @Test func theCommentedExampleReadsCompletely() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Templates/profiles/candidate.example.yaml")
        let p = try CandidateProfile.load(from: url, today: Self.today)
        #expect(p.birthDate == Day(year: 1988, month: 4, day: 12))
        #expect(p.education == .master)
        #expect(p.chinese == CandidateProfile.ChineseLanguage(hsk: 4, chineseTaughtDegree: false))
        #expect(p.job?.annualSalaryCNY == 650_000)
        #expect(p.job?.occupationCode == OccupationCode("2-02-10-03"))
        #expect(p.job?.employer?.highTech == true)
        #expect(p.application?.type == .new)
        #expect(p.application?.filingDate == Day(year: 2026, month: 12, day: 15))
        #expect(p.achievements?.awards == [])
        #expect(p.achievements?.entrepreneur?.shareholding == 0)
    }

    @Test func jsonProfilesReadTheSame() throws {
        let p = try parse(#"{"education": "doctorate", "chinese": {"hsk": 5}, "job": {"annual_salary_cny": 450000, "city": "Beijing"}, "nationality": "NO"}"#, format: .json)
        #expect(p.education == .doctorate)
        #expect(p.chinese?.hsk == 5)
        #expect(p.job?.annualSalaryCNY == 450_000)
        #expect(p.nationality == "NO")
    }

    struct BadCase: Sendable, CustomStringConvertible {
        let yaml: String
        let field: String?
        let fragment: String
        var description: String { yaml }
    }

    static let badCases: [BadCase] = [
        BadCase(yaml: "education: phd\n", field: "education", fragment: "unknown value 'phd'"),
        BadCase(yaml: "vocational_level: master\n", field: "vocational_level", fragment: "unknown value"),
        BadCase(yaml: "application: { type: renewal }\n", field: "application.type", fragment: "new, change_of_employer, extension"),
        BadCase(yaml: "experience_years: -1\n", field: "experience_years", fragment: "negative"),
        BadCase(yaml: "experience_years: 200\n", field: "experience_years", fragment: "out of range"),
        BadCase(yaml: "job: { annual_salary_cny: -5 }\n", field: "job.annual_salary_cny", fragment: "negative"),
        BadCase(yaml: "job: { annual_salary_cny: 1e12 }\n", field: "job.annual_salary_cny", fragment: "out of range"),
        BadCase(yaml: "job: { months_in_china_per_year: 13 }\n", field: "job.months_in_china_per_year", fragment: "out of range"),
        BadCase(yaml: "chinese: { hsk: 7 }\n", field: "chinese.hsk", fragment: "out of range"),
        BadCase(yaml: "chinese: { hsk: 4.5 }\n", field: "chinese.hsk", fragment: "whole number"),
        BadCase(yaml: "patents: many\n", field: "patents", fragment: "expected a number"),
        BadCase(yaml: "birth_date: 1988-02-30\n", field: "birth_date", fragment: "not a real date"),
        BadCase(yaml: "birth_date: 2030-01-01\n", field: "birth_date", fragment: "impossible"),
        BadCase(yaml: "application: { filing_date: 2026-13-01 }\n", field: "application.filing_date", fragment: "not a real date"),
        BadCase(yaml: "top_university: maybe\n", field: "top_university", fragment: "true or false"),
        BadCase(yaml: "educaton: master\n", field: "educaton", fragment: "unknown field"),
        BadCase(yaml: "job: { salary: 5 }\n", field: "job.salary", fragment: "unknown field"),
        BadCase(yaml: "achievements: { entrepreneur: { shareholding: 30 } }\n", field: "achievements.entrepreneur.shareholding", fragment: "0.3"),
        BadCase(yaml: "job: { occupation_code: software }\n", field: "job.occupation_code", fragment: "not an occupation code"),
        BadCase(yaml: "birth_date: 2000-01-01\nexperience_years: 40\n", field: "experience_years", fragment: "more than the candidate's age"),
        BadCase(yaml: "local_bonus_points: -2\n", field: "local_bonus_points", fragment: "negative"),
        BadCase(yaml: "job: [1, 2]\n", field: "job", fragment: "expected a mapping"),
    ]

    @Test(arguments: badCases) func badValuesNameTheField(_ c: BadCase) throws {
        let e = try #require(error(c.yaml))
        #expect(e.field == c.field)
        #expect(e.message.contains(c.fragment), "\(e.message)")
        #expect(e.exitStatus == .dataError)
        #expect(e.line == 1 || c.yaml.components(separatedBy: "\n").count > 2)
    }

    @Test func notYAMLOrJSONIsAClearError() throws {
        let notYAML = try #require(error("key: [unclosed\n"))
        #expect(notYAML.message.contains("not a valid YAML profile"))
        let prose = try #require(error("Dear HR, please assess Jane.\n"))
        #expect(prose.message.contains("not a profile"))
        let badJSON = try #require(error("{\"education\": ", format: .json))
        #expect(badJSON.message.contains("not a valid JSON profile"))
        let binary = CandidateProfileLoadProbe.binary()
        #expect(binary?.message.contains("binary") == true)
    }

    @Test func gb18030AndUTF16ProfilesAreDecoded() throws {
        let yaml = "name: 李伟\njob: { city: 上海市, annual_salary_cny: 500000 }\n"
        let gbk = try #require(yaml.data(using: TextDecoding.gb18030))
        let p = try CandidateProfile.parse(gbk, format: .yaml, today: Self.today)
        #expect(p.name == "李伟")
        #expect(p.job?.city == "上海市")
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(try #require(yaml.data(using: .utf16LittleEndian)))
        #expect(try CandidateProfile.parse(utf16, format: .yaml, today: Self.today).name == "李伟")
    }

    @Test func missingFileIsNoInput() {
        do {
            _ = try CandidateProfile.load(from: URL(fileURLWithPath: "/nonexistent/p.yaml"))
            Issue.record("expected an error")
        } catch let e as ProfileError {
            #expect(e.exitStatus == .noInput)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func duplicateKeysAreRejected() throws {
        let e = try #require(error("education: master\neducation: bachelor\n"))
        #expect(e.message.contains("education"))
        #expect(e.message.contains("dupli") || e.message.contains("twice"))
    }
}

enum CandidateProfileLoadProbe {
    static func binary() -> ProfileError? {
        do { _ = try CandidateProfile.parse(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]), format: .yaml); return nil }
        catch let e as ProfileError { return e } catch { return nil }
    }
}
