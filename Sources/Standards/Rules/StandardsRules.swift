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
public struct StandardsRules: Sendable {
    public var points: PointsTable
    public var routes: RouteBook
    public var wages: WageTable
    public var local: LocalRules
    /// Canonicalises city and province names (`上海市` = `Shanghai`) before looking up wages and local rules.
    public var gazetteer: Gazetteer?

    public init(points: PointsTable, routes: RouteBook, wages: WageTable, local: LocalRules = .none, gazetteer: Gazetteer? = nil) {
        self.points = points
        self.routes = routes
        self.wages = wages
        self.local = local
        self.gazetteer = gazetteer
    }

    /// The canonical (English) city name when the gazetteer knows it, else the name as written.
    public func canonicalCity(_ name: String) -> String {
        gazetteer?.city(named: name)?.city.name ?? name
    }

    /// The canonical province name: from the province as written, else from the city.
    public func canonicalProvince(_ province: String?, city: String?) -> String? {
        if let province { return gazetteer?.province(named: province)?.name ?? province }
        return city.flatMap { gazetteer?.city(named: $0)?.province.name }
    }

    /// The bundled files of `Templates/rules/`, with optional user files: `standard` replaces the points
    /// table, `routes` the routes, `wages` extends the wage table, `localRules` adds local rules.
    public static func bundled(_ resources: ResourceLocator, standard: URL? = nil, routes: URL? = nil,
                               wages: URL? = nil, localRules: URL? = nil) throws -> StandardsRules {
        let points = try PointsTable.load(from: standard ?? resources.url("rules/points-2017-interim.yaml"))
        let book = try RouteBook.load(from: routes ?? resources.url("rules/routes-2017.yaml"))
        let gazetteer: Gazetteer? = try Gazetteer.bundled(resources)
        // City names are canonicalised first, so that a user's `上海` row replaces the bundled `Shanghai` row.
        func canonical(_ table: WageTable) -> WageTable {
            WageTable(provenance: table.provenance, figures: table.figures.map { figure in
                var figure = figure
                figure.city = gazetteer?.city(named: figure.city)?.city.name ?? figure.city
                return figure
            })
        }
        var wageTable = canonical(try WageTable.load(from: resources.url("rules/average-wages.yaml")))
        if let wages { wageTable = wageTable.merged(with: canonical(try WageTable.load(from: wages))) }
        // Local rules' places too: a rule written for `上海` applies to a profile in `Shanghai`.
        var local = try LocalRules.load(from: localRules ?? resources.url("rules/local-rules.yaml"))
        local.rules = local.rules.map { rule in
            var rule = rule
            rule.province = gazetteer?.province(named: rule.province)?.name ?? rule.province
            rule.city = rule.city.map { gazetteer?.city(named: $0)?.city.name ?? $0 }
            return rule
        }
        return StandardsRules(points: points, routes: book, wages: wageTable, local: local, gazetteer: gazetteer)
    }

    /// The historical 2016 pilot table's bundled path.
    public static func pilotTable(_ resources: ResourceLocator) -> URL { resources.url("rules/points-2016-pilot.yaml") }
}
