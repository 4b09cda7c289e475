import RencaiCore
import Store

/// The person an assignment plan is for: the registry's ``Hire`` fields the planner needs, plus the passport's
/// expiry date, which the registry does not keep.
///
/// ```swift
/// let person = PlanHire(hire: try registry.hire(id: "E003")!, passportExpiry: try Day(parsing: "2027-06-30"))
/// ```
public struct PlanHire: Sendable, Equatable {
    public var employeeID: String
    public var name: String
    public var category: Hire.Category
    /// The route the category rests on (`points`, `salary_4x`, `urgent_need` …), when known.
    public var route: String?
    public var permitExpiry: Day
    /// Nil when not given: the passport checks are then reported as not made.
    public var passportExpiry: Day?
    /// The province that issued the permit (canonical name).
    public var province: String
    public var city: String?
    public var occupationCode: OccupationCode

    public init(employeeID: String, name: String, category: Hire.Category, route: String? = nil,
                permitExpiry: Day, passportExpiry: Day? = nil, province: String, city: String? = nil,
                occupationCode: OccupationCode) {
        self.employeeID = employeeID
        self.name = name
        self.category = category
        self.route = route
        self.permitExpiry = permitExpiry
        self.passportExpiry = passportExpiry
        self.province = province
        self.city = city
        self.occupationCode = occupationCode
    }

    /// The planner's view of a registry hire.
    public init(hire: Hire, passportExpiry: Day? = nil) {
        self.init(employeeID: hire.employeeID, name: hire.name, category: hire.category, route: hire.route,
                  permitExpiry: hire.permitExpiry, passportExpiry: passportExpiry, province: hire.province,
                  city: hire.city, occupationCode: hire.occupationCode)
    }

    /// `B (urgent_need)`, for human output.
    public var categoryLabel: String {
        route.map { "\(category.rawValue) (\($0))" } ?? category.rawValue
    }
}
