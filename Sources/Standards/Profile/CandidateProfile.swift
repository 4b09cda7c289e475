import Foundation
import RencaiCore

/// What rencai knows about a candidate, as written in a profile file (YAML or JSON).
///
/// Every field is optional: a missing field is **unknown**, never zero. The assessment lists unknown
/// facts and says whether they could change the category. For the "name or level when present" fields
/// (`vocational_level`, `achievements.talent_programme`, `chinese.hsk`) an explicit `null` means
/// "none"; for every other field `null` is the same as leaving the field out (unknown).
/// `Templates/profiles/candidate.example.yaml` documents every field.
///
/// ```swift
/// let profile = try CandidateProfile.load(from: URL(fileURLWithPath: "jane.yaml"))
/// profile.education          // .master
/// profile.job?.city          // "Shanghai"
/// profile.experienceYears    // 6.0 (nil when the file does not say)
/// ```
public struct CandidateProfile: Sendable, Hashable, Encodable {
    public var id: String?
    public var name: String?
    public var birthDate: Day?
    /// Nationality as written (usually ISO 3166 alpha-2, e.g. `GB`).
    public var nationality: String?
    public var formerChineseNational: Bool?
    public var education: Education?
    public var vocationalLevel: VocationalLevel?
    /// Graduate of a top overseas university.
    public var topUniversity: Bool?
    public var chinese: ChineseLanguage?
    /// Relevant work experience in years, may be fractional.
    public var experienceYears: Double?
    public var fortune500Experience: Bool?
    public var patents: Int?
    public var yearsContinuousInChina: Double?
    public var achievements: Achievements?
    public var job: Job?
    public var application: Application?
    /// Points a province grants for locally scarce talent (capped by the points table).
    public var localBonusPoints: Int?

    public init(id: String? = nil, name: String? = nil, birthDate: Day? = nil, nationality: String? = nil,
                formerChineseNational: Bool? = nil, education: Education? = nil, vocationalLevel: VocationalLevel? = nil,
                topUniversity: Bool? = nil, chinese: ChineseLanguage? = nil, experienceYears: Double? = nil,
                fortune500Experience: Bool? = nil, patents: Int? = nil, yearsContinuousInChina: Double? = nil,
                achievements: Achievements? = nil, job: Job? = nil, application: Application? = nil,
                localBonusPoints: Int? = nil) {
        self.id = id; self.name = name; self.birthDate = birthDate; self.nationality = nationality
        self.formerChineseNational = formerChineseNational; self.education = education
        self.vocationalLevel = vocationalLevel; self.topUniversity = topUniversity; self.chinese = chinese
        self.experienceYears = experienceYears; self.fortune500Experience = fortune500Experience
        self.patents = patents; self.yearsContinuousInChina = yearsContinuousInChina
        self.achievements = achievements; self.job = job; self.application = application
        self.localBonusPoints = localBonusPoints
    }

    enum CodingKeys: String, CodingKey {
        case id, name, nationality, education, chinese, patents, achievements, job, application
        case birthDate = "birth_date", formerChineseNational = "former_chinese_national"
        case vocationalLevel = "vocational_level", topUniversity = "top_university"
        case experienceYears = "experience_years", fortune500Experience = "fortune500_experience"
        case yearsContinuousInChina = "years_continuous_in_china", localBonusPoints = "local_bonus_points"
    }

    /// Highest academic degree.
    public enum Education: String, Sendable, Hashable, Codable, CaseIterable {
        case doctorate, master, bachelor, none
    }

    /// Highest vocational skill level (`none` when the candidate has none).
    public enum VocationalLevel: String, Sendable, Hashable, Codable, CaseIterable {
        case highestInternational = "highest_international"
        case seniorTechnician = "senior_technician"
        case technician
        case seniorWorker = "senior_worker"
        case none
    }

    /// Chinese-language facts.
    public struct ChineseLanguage: Sendable, Hashable, Encodable {
        /// HSK level 1–6; 0 when the candidate has no HSK certificate.
        public var hsk: Int?
        public var chineseTaughtDegree: Bool?
        public init(hsk: Int? = nil, chineseTaughtDegree: Bool? = nil) {
            self.hsk = hsk; self.chineseTaughtDegree = chineseTaughtDegree
        }
        enum CodingKeys: String, CodingKey { case hsk; case chineseTaughtDegree = "chinese_taught_degree" }
    }

    /// Selection into a talent programme: known to be none, or the programme's name.
    public enum ProgrammeSelection: Sendable, Hashable, Encodable {
        case none
        case selected(String)

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .none: try container.encodeNil()
            case .selected(let name): try container.encode(name)
            }
        }
    }

    /// Achievements behind the A routes.
    public struct Achievements: Sendable, Hashable, Encodable {
        public var talentProgramme: ProgrammeSelection?
        /// Award names as written (matched against the routes file's list of recognised awards).
        public var awards: [String]?
        public var q1q2PapersFirstOrCorresponding: Int?
        public var entrepreneur: Entrepreneur?
        public init(talentProgramme: ProgrammeSelection? = nil, awards: [String]? = nil,
                    q1q2PapersFirstOrCorresponding: Int? = nil, entrepreneur: Entrepreneur? = nil) {
            self.talentProgramme = talentProgramme; self.awards = awards
            self.q1q2PapersFirstOrCorresponding = q1q2PapersFirstOrCorresponding; self.entrepreneur = entrepreneur
        }
        enum CodingKeys: String, CodingKey {
            case awards, entrepreneur
            case talentProgramme = "talent_programme"
            case q1q2PapersFirstOrCorresponding = "q1q2_papers_first_or_corresponding"
        }
    }

    /// An entrepreneur's investment, for the innovator/entrepreneur A route.
    public struct Entrepreneur: Sendable, Hashable, Encodable {
        public var investedUSD: Double?
        /// Personal shareholding as a fraction, 0.3 = 30 %.
        public var shareholding: Double?
        public var consecutiveYears: Double?
        public init(investedUSD: Double? = nil, shareholding: Double? = nil, consecutiveYears: Double? = nil) {
            self.investedUSD = investedUSD; self.shareholding = shareholding; self.consecutiveYears = consecutiveYears
        }
        enum CodingKeys: String, CodingKey {
            case shareholding
            case investedUSD = "invested_usd", consecutiveYears = "consecutive_years"
        }
    }

    /// The job offered in China.
    public struct Job: Sendable, Hashable, Encodable {
        public var title: String?
        public var description: String?
        /// Optional: when absent the occupation must be classified from title/description first.
        public var occupationCode: OccupationCode?
        public var province: String?
        public var city: String?
        public var annualSalaryCNY: Double?
        public var monthsInChinaPerYear: Double?
        /// Western region, north-east old industrial base or national poverty county.
        public var locationBonusRegion: Bool?
        public var employer: Employer?
        public var onUrgentNeedCatalogue: Bool?
        /// A senior manager or senior technical post (needed by the A route for encouraged employers).
        public var seniorRole: Bool?
        public init(title: String? = nil, description: String? = nil, occupationCode: OccupationCode? = nil,
                    province: String? = nil, city: String? = nil, annualSalaryCNY: Double? = nil,
                    monthsInChinaPerYear: Double? = nil, locationBonusRegion: Bool? = nil, employer: Employer? = nil,
                    onUrgentNeedCatalogue: Bool? = nil, seniorRole: Bool? = nil) {
            self.title = title; self.description = description; self.occupationCode = occupationCode
            self.province = province; self.city = city; self.annualSalaryCNY = annualSalaryCNY
            self.monthsInChinaPerYear = monthsInChinaPerYear; self.locationBonusRegion = locationBonusRegion
            self.employer = employer; self.onUrgentNeedCatalogue = onUrgentNeedCatalogue; self.seniorRole = seniorRole
        }
        enum CodingKeys: String, CodingKey {
            case title, description, province, city, employer
            case occupationCode = "occupation_code", annualSalaryCNY = "annual_salary_cny"
            case monthsInChinaPerYear = "months_in_china_per_year", locationBonusRegion = "location_bonus_region"
            case onUrgentNeedCatalogue = "on_urgent_need_catalogue", seniorRole = "senior_role"
        }
    }

    /// The employer's kind, for the A route of encouraged employers.
    public struct Employer: Sendable, Hashable, Encodable {
        public var fortune500HQ: Bool?
        public var centralSOE: Bool?
        public var highTech: Bool?
        public init(fortune500HQ: Bool? = nil, centralSOE: Bool? = nil, highTech: Bool? = nil) {
            self.fortune500HQ = fortune500HQ; self.centralSOE = centralSOE; self.highTech = highTech
        }
        enum CodingKeys: String, CodingKey {
            case fortune500HQ = "fortune500_hq", centralSOE = "central_soe", highTech = "high_tech"
        }
    }

    /// The application being prepared.
    public struct Application: Sendable, Hashable, Encodable {
        public var type: ApplicationType?
        public var insideChina: Bool?
        /// Age and wage figures are taken on this date (unless `--as-of` overrides it).
        public var filingDate: Day?
        public init(type: ApplicationType? = nil, insideChina: Bool? = nil, filingDate: Day? = nil) {
            self.type = type; self.insideChina = insideChina; self.filingDate = filingDate
        }
        enum CodingKeys: String, CodingKey { case type; case insideChina = "inside_china", filingDate = "filing_date" }
    }

    public enum ApplicationType: String, Sendable, Hashable, Codable, CaseIterable {
        case new
        case changeOfEmployer = "change_of_employer"
        case `extension`
    }
}
