import RencaiCore

/// One stay of an assignment: a city (with its province, canonical names from the ``Gazetteer``), the first
/// and last day there (both included), and why.
///
/// ```swift
/// let leg = try PlanLeg(city: "Shenzhen", province: "Guangdong",
///                       start: Day(parsing: "2027-03-01"), end: Day(parsing: "2027-05-31"))
/// ```
public struct PlanLeg: Sendable, Equatable {
    /// How the hire is lodged: hotels register their guests with the police; in a flat or house (`residence`)
    /// the hire registers.
    public enum Lodging: String, Sendable, Codable, CaseIterable { case hotel, residence }

    public var city: String
    public var province: String
    public var start: Day
    public var end: Day
    public var purpose: String?
    public var lodging: Lodging

    /// Throws when the leg ends before it starts.
    public init(city: String, province: String, start: Day, end: Day, purpose: String? = nil,
                lodging: Lodging = .residence) throws {
        guard end >= start else {
            throw AssignmentError.endBeforeStart(city: city, start: start, end: end, location: nil)
        }
        self.city = city
        self.province = province
        self.start = start
        self.end = end
        self.purpose = purpose
        self.lodging = lodging
    }

    /// Calendar days from arrival to departure, both included.
    public var length: Int { start.days(until: end) + 1 }
}
