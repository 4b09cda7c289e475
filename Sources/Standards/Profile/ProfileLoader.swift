import Foundation
import RencaiCore

/// The format of a profile document.
public enum ProfileFormat: String, Sendable {
    case yaml, json

    /// Chooses by extension (`.json`, `.yaml`, `.yml`); other names are sniffed (`{` starts JSON).
    static func guess(path: String, data: Data) -> ProfileFormat {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "json" { return .json }
        if ext == "yaml" || ext == "yml" { return .yaml }
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        return first == UInt8(ascii: "{") ? .json : .yaml
    }
}

extension CandidateProfile {
    /// The file extensions `rencai assess DIR` treats as profiles.
    public static let fileExtensions: Set<String> = ["yaml", "yml", "json"]

    /// Reads a profile file (YAML or JSON), validating every field.
    ///
    /// - Throws: ``ProfileError`` naming the file, field and line: unknown fields or enum values,
    ///   negative or absurd numbers, impossible dates, or a file that is not YAML/JSON.
    public static func load(from url: URL, today: Day = .today()) throws -> CandidateProfile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ProfileError(file: url.path, problem: "cannot read the file (does it exist?)", exitStatus: .noInput)
        }
        return try parse(data, format: ProfileFormat.guess(path: url.path, data: data), file: url.path, today: today)
    }

    /// Parses profile text. `file` only labels errors. `today` bounds birth dates (no one is born in the future).
    public static func parse(_ data: Data, format: ProfileFormat, file: String? = nil, today: Day = .today()) throws -> CandidateProfile {
        // UTF-8 (BOM or not), UTF-16 with BOM, or GB18030 (Chinese editors on Windows still save GBK).
        let binary = ProfileError(file: file, problem: "not a YAML or JSON profile (binary data); see Templates/profiles/candidate.example.yaml")
        var text: String
        switch TextDecoding.decodeGuessing(data) {
        case .success(let (decoded, _)): text = decoded
        case .failure(let failure):
            if data.contains(0) { throw binary }
            throw ProfileError(file: file, problem: "not a YAML or JSON profile: byte \(failure.offset) is not UTF-8 or GB18030 text; save it as UTF-8")
        }
        if text.contains("\u{0}") { throw binary }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let root: ProfileNode?
        do {
            switch format {
            case .json: root = try ProfileNode.parseJSON(Data(text.utf8))
            case .yaml: root = try ProfileNode.parseYAML(text)
            }
        } catch let error as DocumentSyntaxError {
            throw ProfileError(file: file, line: error.line,
                               problem: "not a valid \(format == .json ? "JSON" : "YAML") profile: \(error.detail)")
        }
        guard let root, !root.isNull else {
            throw ProfileError(file: file, problem: "the profile is empty; see Templates/profiles/candidate.example.yaml")
        }
        return try ProfileReader(file: file, today: today).read(root)
    }
}

/// Turns a parsed document into a ``CandidateProfile``, field by field.
struct ProfileReader {
    let file: String?
    let today: Day

    static let topFields: Set<String> = [
        "id", "name", "birth_date", "nationality", "former_chinese_national", "education", "vocational_level",
        "top_university", "chinese", "experience_years", "fortune500_experience", "patents",
        "years_continuous_in_china", "achievements", "job", "application", "local_bonus_points",
    ]

    func read(_ root: ProfileNode) throws -> CandidateProfile {
        let r = try FieldReader(root, path: "", file: file, allowed: ProfileReader.topFields)
        var p = CandidateProfile()
        p.id = try r.string("id")
        p.name = try r.string("name")
        p.birthDate = try r.day("birth_date", in: Day(year: 1900, month: 1, day: 1)!...today,
                                rangeMeaning: "a birth date must be after 1900-01-01 and not after today (\(today))")
        if let nationality = try r.string("nationality") {
            guard nationality.count >= 2, nationality.count <= 60 else {
                throw r.fail("nationality", "'\(nationality)' is not a nationality: write the ISO country code, e.g. GB")
            }
            p.nationality = nationality
        }
        p.formerChineseNational = try r.bool("former_chinese_national")
        p.education = try r.enumeration("education", as: CandidateProfile.Education.self)
        // Explicit null means "no vocational level" (the example profile writes `vocational_level: null`).
        if let node = r.node("vocational_level") {
            p.vocationalLevel = node.isNull ? CandidateProfile.VocationalLevel.none
                : try r.enumeration("vocational_level", as: CandidateProfile.VocationalLevel.self)
        }
        p.topUniversity = try r.bool("top_university")
        if let c = try r.child("chinese", allowed: ["hsk", "chinese_taught_degree"]) {
            var chinese = CandidateProfile.ChineseLanguage()
            if let node = c.node("hsk") {
                // An explicit null is unknown, like a missing field (write 0 for "no HSK").
                chinese.hsk = node.isNull ? nil : try c.integer("hsk", in: 0...6)
            }
            chinese.chineseTaughtDegree = try c.bool("chinese_taught_degree")
            p.chinese = chinese
        }
        p.experienceYears = try r.number("experience_years", in: 0...70, unit: "years")
        p.fortune500Experience = try r.bool("fortune500_experience")
        p.patents = try r.integer("patents", in: 0...100_000)
        p.yearsContinuousInChina = try r.number("years_continuous_in_china", in: 0...100, unit: "years")
        if let birth = p.birthDate {
            let age = Double(birth.wholeYears(on: today))
            if let years = p.experienceYears, years > age {
                throw r.fail("experience_years", "\(FieldReader.format(years)) years of experience is more than the candidate's age (\(Int(age)))")
            }
            if let years = p.yearsContinuousInChina, years > age + 1 {
                throw r.fail("years_continuous_in_china", "\(FieldReader.format(years)) years is more than the candidate's age (\(Int(age)))")
            }
        }
        p.achievements = try readAchievements(r)
        p.job = try readJob(r)
        p.application = try readApplication(r)
        p.localBonusPoints = try r.integer("local_bonus_points", in: 0...100)
        return p
    }

    private func readAchievements(_ r: FieldReader) throws -> CandidateProfile.Achievements? {
        guard let a = try r.child("achievements", allowed: ["talent_programme", "awards", "q1q2_papers_first_or_corresponding", "entrepreneur"]) else { return nil }
        var result = CandidateProfile.Achievements()
        if let node = a.node("talent_programme") {
            if node.isNull { result.talentProgramme = CandidateProfile.ProgrammeSelection.none }
            else if let name = try a.string("talent_programme") {
                let lowered = name.lowercased()
                result.talentProgramme = ["none", "false", "no"].contains(lowered) ? CandidateProfile.ProgrammeSelection.none : .selected(name)
            } else { result.talentProgramme = CandidateProfile.ProgrammeSelection.none }
        }
        result.awards = try a.strings("awards")
        result.q1q2PapersFirstOrCorresponding = try a.integer("q1q2_papers_first_or_corresponding", in: 0...10_000)
        if let e = try a.child("entrepreneur", allowed: ["invested_usd", "shareholding", "consecutive_years"]) {
            var entrepreneur = CandidateProfile.Entrepreneur()
            entrepreneur.investedUSD = try e.number("invested_usd", in: 0...1e12, unit: "USD")
            if let share = try e.number("shareholding", in: 0...100) {
                guard share <= 1 else {
                    throw e.fail("shareholding", "\(FieldReader.format(share)) is not a fraction: write 30 % as 0.3")
                }
                entrepreneur.shareholding = share
            }
            entrepreneur.consecutiveYears = try e.number("consecutive_years", in: 0...100, unit: "years")
            result.entrepreneur = entrepreneur
        }
        return result
    }

    private func readJob(_ r: FieldReader) throws -> CandidateProfile.Job? {
        guard let j = try r.child("job", allowed: [
            "title", "description", "occupation_code", "province", "city", "annual_salary_cny",
            "months_in_china_per_year", "location_bonus_region", "employer", "on_urgent_need_catalogue", "senior_role",
        ]) else { return nil }
        var job = CandidateProfile.Job()
        job.title = try j.string("title")
        job.description = try j.string("description")
        if let code = try j.string("occupation_code") {
            guard let parsed = OccupationCode(code) else {
                throw j.fail("occupation_code", "'\(code)' is not an occupation code: write it as D-DD-DD-DD (e.g. 2-02-10-03), or leave it out to classify the job")
            }
            job.occupationCode = parsed
        }
        job.province = try j.string("province")
        job.city = try j.string("city")
        job.annualSalaryCNY = try j.number("annual_salary_cny", in: 0...1e9, unit: "CNY a year")
        job.monthsInChinaPerYear = try j.number("months_in_china_per_year", in: 0...12, unit: "months")
        job.locationBonusRegion = try j.bool("location_bonus_region")
        if let e = try j.child("employer", allowed: ["fortune500_hq", "central_soe", "high_tech"]) {
            job.employer = CandidateProfile.Employer(fortune500HQ: try e.bool("fortune500_hq"),
                                                     centralSOE: try e.bool("central_soe"),
                                                     highTech: try e.bool("high_tech"))
        }
        job.onUrgentNeedCatalogue = try j.bool("on_urgent_need_catalogue")
        job.seniorRole = try j.bool("senior_role")
        return job
    }

    private func readApplication(_ r: FieldReader) throws -> CandidateProfile.Application? {
        guard let a = try r.child("application", allowed: ["type", "inside_china", "filing_date"]) else { return nil }
        var application = CandidateProfile.Application()
        application.type = try a.enumeration("type", as: CandidateProfile.ApplicationType.self)
        application.insideChina = try a.bool("inside_china")
        application.filingDate = try a.day("filing_date", in: Day(year: 2000, month: 1, day: 1)!...Day(year: 2100, month: 12, day: 31)!,
                                           rangeMeaning: "a filing date must be between 2000 and 2100")
        return application
    }
}
