import Foundation
import RencaiCore

/// The A and B routes as data (`Templates/rules/routes-2017.yaml`): which test each route applies, its
/// numbers, and its provenance. The tests themselves (``RouteCheck``) are code; their thresholds are data.
public struct RouteBook: Sendable, Codable, Hashable {
    public var provenance: Provenance
    public var general: General
    public var recognisedAwards: AwardList
    public var routes: [RouteRule]

    enum CodingKeys: String, CodingKey {
        case provenance, general, routes
        case recognisedAwards = "recognised_awards"
    }

    /// General conditions per category (B: the age cap).
    public struct General: Sendable, Codable, Hashable {
        public var b: BGeneral
        enum CodingKeys: String, CodingKey { case b = "B" }
    }

    public struct BGeneral: Sendable, Codable, Hashable {
        public var maxAge: Int
        public var description: String
        public var provenance: Provenance
        enum CodingKeys: String, CodingKey { case description, provenance; case maxAge = "max_age" }
    }

    public struct AwardList: Sendable, Codable, Hashable {
        public var provenance: Provenance
        public var names: [String]

        /// The recognised award an entry names, matched case- and space-insensitively ("turing award").
        public func match(_ award: String) -> String? {
            let key = AwardList.key(award)
            return names.first { AwardList.key($0) == key || (key.contains(AwardList.key($0)) && !AwardList.key($0).isEmpty) }
        }

        static func key(_ s: String) -> String {
            s.lowercased().filter { $0.isLetter || $0.isNumber }
        }
    }

    public static func load(from url: URL) throws -> RouteBook {
        let book = try RulesFile.decode(RouteBook.self, from: url, what: "routes")
        var ids = Set<String>()
        for route in book.routes {
            guard ids.insert(route.id).inserted else { throw RulesFileError(file: url.path, problem: "route '\(route.id)' appears twice") }
            if let problem = route.check.missingParameter(route.params) {
                throw RulesFileError(file: url.path, problem: "route '\(route.id)': \(problem)")
            }
        }
        return book
    }
}

/// Category of a route or assessment.
public enum Category: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case a = "A", b = "B", c = "C"
    public static func < (l: Category, r: Category) -> Bool { l.rawValue < r.rawValue }
}

/// One route of the standard.
public struct RouteRule: Sendable, Codable, Hashable {
    public var id: String
    public var category: Category
    public var title: String
    public var check: RouteCheck
    public var params: RouteParams?
    /// Why a `manual` route is not checked.
    public var reason: String?
    public var provenance: Provenance
}

/// The tests rencai knows; a routes file chooses among them.
public enum RouteCheck: String, Sendable, Codable, Hashable {
    case talentProgramme = "talent_programme"
    case recognisedAward = "recognised_award"
    case q1q2Papers = "q1q2_papers"
    case encouragedEmployer = "encouraged_employer"
    case salaryMultiple = "salary_multiple"
    case entrepreneur
    case points
    case professionalPost = "professional_post"
    case vocationalCertificate = "vocational_certificate"
    case masterGraduate = "master_graduate"
    case urgentNeedCatalogue = "urgent_need_catalogue"
    /// Not checked by rencai: listed with its reason.
    case manual

    func missingParameter(_ p: RouteParams?) -> String? {
        switch self {
        case .q1q2Papers where p?.minPapers == nil: return "needs params.min_papers"
        case .salaryMultiple where p?.multiple == nil: return "needs params.multiple"
        case .entrepreneur where p?.minInvestedUSD == nil || p?.minConsecutiveYears == nil || p?.minShareholding == nil:
            return "needs params.min_invested_usd, min_consecutive_years and min_shareholding"
        case .professionalPost where p?.minExperienceYears == nil || p?.majorGroups == nil:
            return "needs params.min_experience_years and major_groups"
        case .vocationalCertificate where p?.levels == nil: return "needs params.levels"
        default: return nil
        }
    }
}

/// The numbers of a route's test.
public struct RouteParams: Sendable, Codable, Hashable {
    public var minPapers: Int?
    public var multiple: Double?
    public var minPoints: Int?
    public var minInvestedUSD: Double?
    public var minConsecutiveYears: Double?
    public var minShareholding: Double?
    public var minExperienceYears: Double?
    public var majorGroups: [Int]?
    public var levels: [String]?

    enum CodingKeys: String, CodingKey {
        case multiple, levels
        case minPapers = "min_papers", minPoints = "min_points", minInvestedUSD = "min_invested_usd"
        case minConsecutiveYears = "min_consecutive_years", minShareholding = "min_shareholding"
        case minExperienceYears = "min_experience_years", majorGroups = "major_groups"
    }
}
