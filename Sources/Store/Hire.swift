import Foundation
import GRDB
import RencaiCore

/// A current foreign hire, as the registry stores it. Provinces and cities are canonical (English)
/// names from the ``Gazetteer``; the occupation code is normalised.
public struct Hire: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "hire"

    /// The work-permit category.
    public enum Category: String, Codable, Sendable, CaseIterable { case A, B, C }

    public var employeeID: String
    public var name: String
    /// ISO 3166 alpha-2.
    public var nationality: String
    public var passportNo: String
    public var category: Category
    /// The route the category rests on (e.g. `points`, `salary_4x`, `urgent_need`), when known.
    public var route: String?
    public var permitNo: String?
    public var permitExpiry: Day
    public var province: String
    public var city: String?
    public var occupationCode: OccupationCode
    /// The classification edition the code belongs to (codes are edition-specific).
    public var occupationEdition: String
    public var jobTitle: String?
    public var startDate: Day?

    public init(employeeID: String, name: String, nationality: String, passportNo: String, category: Category,
                route: String? = nil, permitNo: String? = nil, permitExpiry: Day, province: String, city: String? = nil,
                occupationCode: OccupationCode, occupationEdition: String = OccupationCode.defaultEdition,
                jobTitle: String? = nil, startDate: Day? = nil) {
        self.employeeID = employeeID
        self.name = name
        self.nationality = nationality
        self.passportNo = passportNo
        self.category = category
        self.route = route
        self.permitNo = permitNo
        self.permitExpiry = permitExpiry
        self.province = province
        self.city = city
        self.occupationCode = occupationCode
        self.occupationEdition = occupationEdition
        self.jobTitle = jobTitle
        self.startDate = startDate
    }

    enum CodingKeys: String, CodingKey {
        case employeeID = "employee_id", name, nationality, passportNo = "passport_no", category, route
        case permitNo = "permit_no", permitExpiry = "permit_expiry", province, city
        case occupationCode = "occupation_code", occupationEdition = "occupation_edition"
        case jobTitle = "job_title", startDate = "start_date"
    }

    /// The passport number with its second half masked (`E1234****`), for human output.
    public var maskedPassport: String {
        let keep = (passportNo.count + 1) / 2
        return String(passportNo.prefix(keep)) + String(repeating: "*", count: passportNo.count - keep)
    }

    public init(row: Row) throws {
        employeeID = row["employee_id"]
        name = row["name"]
        nationality = row["nationality"]
        passportNo = row["passport_no"]
        category = Category(rawValue: row["category"]) ?? .C
        route = row["route"]
        permitNo = row["permit_no"]
        permitExpiry = try Day(parsing: row["permit_expiry"])
        province = row["province"]
        city = row["city"]
        occupationCode = try OccupationCode(parsing: row["occupation_code"])
        occupationEdition = row["occupation_edition"]
        jobTitle = row["job_title"]
        startDate = try (row["start_date"] as String?).map { try Day(parsing: $0) }
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["employee_id"] = employeeID
        container["name"] = name
        container["nationality"] = nationality
        container["passport_no"] = passportNo
        container["category"] = category.rawValue
        container["route"] = route
        container["permit_no"] = permitNo
        container["permit_expiry"] = permitExpiry.description
        container["province"] = province
        container["city"] = city
        container["occupation_code"] = occupationCode.text
        container["occupation_edition"] = occupationEdition
        container["job_title"] = jobTitle
        container["start_date"] = startDate?.description
        container["updated_at"] = Date().ISO8601Format()
    }
}
