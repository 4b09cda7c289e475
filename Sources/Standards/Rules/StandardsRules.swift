import Foundation
import RencaiCore

/// Everything an assessment applies: the points table, the routes, the average wages and local rules.
///
/// ```swift
/// let rules = try StandardsRules.bundled(resources)              // 2017 interim table, bundled wages
/// let rules2 = try StandardsRules.bundled(resources, standard: URL(fileURLWithPath: "my-table.yaml"),
///                                         wages: URL(fileURLWithPath: "wages-2027.yaml"))
/// let assessment = Assessor(rules: rules).assess(profile: profile, asOf: nil)
/// ```
public struct StandardsRules: Sendable, Hashable {
    public var points: PointsTable
    public var routes: RouteBook
    public var wages: WageTable
    public var local: LocalRules

    public init(points: PointsTable, routes: RouteBook, wages: WageTable, local: LocalRules = .none) {
        self.points = points
        self.routes = routes
        self.wages = wages
        self.local = local
    }

    /// The bundled files of `Templates/rules/`, with optional user files: `standard` replaces the points
    /// table, `routes` the routes, `wages` extends the wage table, `localRules` adds local rules.
    public static func bundled(_ resources: ResourceLocator, standard: URL? = nil, routes: URL? = nil,
                               wages: URL? = nil, localRules: URL? = nil) throws -> StandardsRules {
        let points = try PointsTable.load(from: standard ?? resources.url("rules/points-2017-interim.yaml"))
        let book = try RouteBook.load(from: routes ?? resources.url("rules/routes-2017.yaml"))
        var wageTable = try WageTable.load(from: resources.url("rules/average-wages.yaml"))
        if let wages { wageTable = wageTable.merged(with: try WageTable.load(from: wages)) }
        let local = try LocalRules.load(from: localRules ?? resources.url("rules/local-rules.yaml"))
        return StandardsRules(points: points, routes: book, wages: wageTable, local: local)
    }

    /// The historical 2016 pilot table's bundled path.
    public static func pilotTable(_ resources: ResourceLocator) -> URL { resources.url("rules/points-2016-pilot.yaml") }
}
