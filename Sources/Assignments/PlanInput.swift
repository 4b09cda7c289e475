import Foundation
import RencaiCore
import Store
import Yams

/// Reads a plan from a YAML file or from command-line flags, resolving names through the ``Gazetteer`` and
/// registry hires through `lookupHire`. Errors name the file, line and field.
///
/// ```yaml
/// hire: E003                  # an employee id of the registry, or a mapping describing the hire inline
/// passport_expiry: 2027-06-30 # optional: the registry does not keep it
/// legs:
///   - city: Shanghai
///     start: 2026-03-01
///     end: 2026-05-31
///     purpose: project kickoff
///     lodging: hotel          # hotel | residence (default)
/// ```
public struct PlanInput: Sendable {
    public let gazetteer: Gazetteer
    public let lookupHire: @Sendable (String) throws -> Hire?

    public init(gazetteer: Gazetteer, lookupHire: @escaping @Sendable (String) throws -> Hire?) {
        self.gazetteer = gazetteer
        self.lookupHire = lookupHire
    }

    // MARK: Flags

    /// `--hire ID --leg City:start:end[:purpose] …`.
    public func plan(hireID: String, legs legTexts: [String], passportExpiry: Day?) throws -> AssignmentPlan {
        guard let hire = try lookupHire(hireID) else { throw AssignmentError.hireNotInRegistry(hireID) }
        guard !legTexts.isEmpty else { throw AssignmentError.noLegs(location: "--leg") }
        let legs = try legTexts.map { text -> PlanLeg in
            let parts = text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 3, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty,
                  let start = try? Day(parsing: parts[1]), let end = try? Day(parsing: parts[2]) else {
                throw AssignmentError.badLegFlag(text)
            }
            let place = try resolve(city: parts[0], province: nil, location: "--leg \(text)")
            guard end >= start else { throw AssignmentError.endBeforeStart(city: place.city, start: start, end: end, location: "--leg \(text)") }
            return try PlanLeg(city: place.city, province: place.province, start: start, end: end,
                               purpose: parts.count > 3 ? parts[3] : nil)
        }
        return AssignmentPlan(hire: PlanHire(hire: hire, passportExpiry: passportExpiry), legs: legs)
    }

    // MARK: YAML

    public func plan(fileAt url: URL) throws -> AssignmentPlan {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw InputError("\(url.path): cannot read the plan file", status: .noInput)
        }
        return try plan(yaml: text, path: url.path)
    }

    public func plan(yaml text: String, path: String) throws -> AssignmentPlan {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw InputError("\(path): not valid YAML: \(error)", status: .dataError)
        }
        guard let root, let top = root.mapping else {
            throw InputError("\(path): a plan is a mapping with hire: and legs:", status: .dataError)
        }
        let reader = NodeReader(path: path)
        let passport = try reader.day(top["passport_expiry"], field: "passport_expiry")
        let hire: PlanHire
        guard let hireNode = top["hire"] else { throw AssignmentError.missingField(field: "hire", location: reader.at(root)) }
        if let id = hireNode.scalar?.string {
            guard let found = try lookupHire(id) else { throw AssignmentError.hireNotInRegistry(id) }
            hire = PlanHire(hire: found, passportExpiry: passport)
        } else {
            hire = try inlineHire(hireNode, reader: reader, passport: passport)
        }
        guard let legNodes = top["legs"]?.sequence, !legNodes.isEmpty else {
            throw AssignmentError.noLegs(location: reader.at(top["legs"] ?? root))
        }
        let legs = try legNodes.enumerated().map { index, node -> PlanLeg in
            let field = "legs[\(index + 1)]"
            guard node.mapping != nil else {
                throw AssignmentError.badField(field: field, value: node.scalar?.string ?? "…", expected: "a mapping with city, start and end", location: reader.at(node))
            }
            let cityText = try reader.string(node["city"], field: "\(field).city", parent: node)
            let provinceText = reader.optionalString(node["province"])
            let place = try resolve(city: cityText, province: provinceText, location: reader.at(node["city"] ?? node))
            let start = try reader.requiredDay(node["start"], field: "\(field).start", parent: node)
            let end = try reader.requiredDay(node["end"], field: "\(field).end", parent: node)
            guard end >= start else {
                throw AssignmentError.endBeforeStart(city: place.city, start: start, end: end, location: reader.at(node["end"] ?? node))
            }
            var lodging = PlanLeg.Lodging.residence
            if let text = reader.optionalString(node["lodging"]) {
                guard let value = PlanLeg.Lodging(rawValue: text.lowercased()) else {
                    throw AssignmentError.badField(field: "\(field).lodging", value: text, expected: "hotel or residence", location: reader.at(node["lodging"] ?? node))
                }
                lodging = value
            }
            return try PlanLeg(city: place.city, province: place.province, start: start, end: end,
                               purpose: reader.optionalString(node["purpose"]), lodging: lodging)
        }
        return AssignmentPlan(hire: hire, legs: legs)
    }

    private func inlineHire(_ node: Node, reader: NodeReader, passport: Day?) throws -> PlanHire {
        guard node.mapping != nil else {
            throw AssignmentError.badField(field: "hire", value: "…", expected: "an employee id or a mapping", location: reader.at(node))
        }
        let categoryText = try reader.string(node["category"], field: "hire.category", parent: node)
        guard let category = Hire.Category(rawValue: categoryText.uppercased()) else {
            throw AssignmentError.badField(field: "hire.category", value: categoryText, expected: "A, B or C", location: reader.at(node["category"] ?? node))
        }
        let codeText = try reader.string(node["occupation_code"], field: "hire.occupation_code", parent: node)
        guard let code = OccupationCode(codeText) else {
            throw AssignmentError.badField(field: "hire.occupation_code", value: codeText, expected: "an occupation code (D-DD-DD-DD)", location: reader.at(node["occupation_code"] ?? node))
        }
        let home = try resolve(city: reader.optionalString(node["city"]),
                               province: reader.optionalString(node["province"]),
                               location: reader.at(node["province"] ?? node["city"] ?? node))
        return PlanHire(employeeID: reader.optionalString(node["employee_id"]) ?? "inline",
                        name: reader.optionalString(node["name"]) ?? "(unnamed)",
                        category: category, route: reader.optionalString(node["route"]),
                        permitExpiry: try reader.requiredDay(node["permit_expiry"], field: "hire.permit_expiry", parent: node),
                        passportExpiry: try reader.day(node["passport_expiry"], field: "hire.passport_expiry") ?? passport,
                        province: home.province, city: home.cityOrNil, occupationCode: code)
    }

    // MARK: Places

    struct Place { let city: String; let province: String; let cityOrNil: String? }

    private func resolve(city: String?, province: String?, location: String?) throws -> Place {
        var provinceName: String?
        if let province {
            guard let p = gazetteer.province(named: province) else {
                throw AssignmentError.unknownProvince(province, suggestions: gazetteer.suggestions(for: province), location: location)
            }
            provinceName = p.name
        }
        guard let city else {
            guard let provinceName else { throw AssignmentError.missingField(field: "city or province", location: location) }
            return Place(city: provinceName, province: provinceName, cityOrNil: nil)
        }
        guard let found = gazetteer.city(named: city) else {
            throw AssignmentError.unknownCity(city, suggestions: gazetteer.suggestions(for: city), location: location)
        }
        if let provinceName, provinceName != found.province.name {
            // A city name can exist in two provinces: look it up again among the given province's cities.
            if let province = gazetteer.provinces.first(where: { $0.name == provinceName }),
               let local = Gazetteer(provinces: [province]).city(named: city) {
                return Place(city: local.city.name, province: provinceName, cityOrNil: local.city.name)
            }
            throw AssignmentError.cityNotInProvince(city: city, province: provinceName, actual: found.province.name, location: location)
        }
        return Place(city: found.city.name, province: found.province.name, cityOrNil: found.city.name)
    }
}

/// Typed reads from YAML nodes, with `file:line` locations in errors.
struct NodeReader {
    let path: String

    func at(_ node: Node?) -> String {
        guard let mark = node?.mark else { return path }
        return "\(path):\(mark.line)"
    }

    func optionalString(_ node: Node?) -> String? {
        guard let text = node?.scalar?.string.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    func string(_ node: Node?, field: String, parent: Node) throws -> String {
        guard let text = optionalString(node) else { throw AssignmentError.missingField(field: field, location: at(parent)) }
        return text
    }

    func day(_ node: Node?, field: String) throws -> Day? {
        guard let text = optionalString(node) else { return nil }
        do { return try Day(parsing: text) } catch {
            throw AssignmentError.badField(field: field, value: text, expected: "a date (YYYY-MM-DD)", location: at(node))
        }
    }

    func requiredDay(_ node: Node?, field: String, parent: Node) throws -> Day {
        guard let value = try day(node, field: field) else { throw AssignmentError.missingField(field: field, location: at(parent)) }
        return value
    }
}
