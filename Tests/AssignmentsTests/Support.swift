import Assignments
import Foundation
import RencaiCore
import Store

/// Shared helpers: the bundled rules of this checkout, hires, and an in-memory catalogue lookup
/// (a test double for the Catalogues module, used only inside these unit tests).
enum Fixture {
    /// `<checkout>/Templates`, found from this file's path.
    static let resources = ResourceLocator(root: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Templates"))

    static let checkout = resources.root.deletingLastPathComponent()

    static func rules() throws -> PlanRules { try PlanRules.bundled(resources) }

    static func gazetteer() throws -> Gazetteer { try Gazetteer.bundled(resources) }

    static func day(_ text: String) -> Day {
        // Test literals are written correctly; a typo fails the test loudly here.
        guard let value = try? Day(parsing: text) else { preconditionFailure("bad test date \(text)") }
        return value
    }

    static func hire(_ category: Hire.Category, route: String? = nil, province: String = "Guangdong", city: String? = "Shenzhen",
                     code: String = "2-02-10-03", permit: String = "2029-12-31", passport: String? = "2035-01-01") -> PlanHire {
        PlanHire(employeeID: "T1", name: "Test Person", category: category, route: route, permitExpiry: day(permit),
                 passportExpiry: passport.map(day), province: province, city: city,
                 occupationCode: OccupationCode(code) ?? OccupationCode(parts: [2]))
    }

    static func leg(_ city: String, _ province: String, _ start: String, _ end: String,
                    lodging: PlanLeg.Lodging = .residence) throws -> PlanLeg {
        try PlanLeg(city: city, province: province, start: day(start), end: day(end), lodging: lodging)
    }

    static func plan(_ hire: PlanHire, _ legs: [PlanLeg], catalogues: any CatalogueLookup = NoCataloguesLoaded()) throws -> PlanReport {
        try Planner(rules: try rules(), catalogues: catalogues).plan(AssignmentPlan(hire: hire, legs: legs))
    }
}

/// Catalogues held in memory: a province maps to the codes (occupations or minor groups) its catalogue lists.
struct InMemoryCatalogues: CatalogueLookup {
    /// Province → (listed code → requirements). A province absent from the map has no catalogue loaded.
    let catalogues: [String: [String: [String]]]

    func answer(province: String, code: OccupationCode) throws -> CatalogueAnswer? {
        guard let entries = catalogues[province] else { return nil }
        let name = "\(province) guiding catalogue (test)"
        for candidate in [code, code.truncated(to: .minor)] {
            if let requirements = entries[candidate.text] {
                return CatalogueAnswer(catalogue: name, matchedCode: candidate, requirements: requirements)
            }
        }
        return CatalogueAnswer(catalogue: name, matchedCode: nil)
    }
}

extension PlanReport {
    func leg(_ city: String) -> LegPlan? { legs.first { $0.leg.city == city } }
    func findings(_ kind: String) -> [Finding] { findings.filter { $0.kind == kind } }
}

extension LegPlan {
    func action(_ name: String) -> PlannedAction? { actions.first { $0.action == name } }
}
