import Foundation
import RencaiCore

/// Provincial or city variants of the national rules, optional data (`--local-rules FILE`).
///
/// Today one effect is supported: `b_max_age`, which raises category B's age cap in a place,
/// optionally only when the candidate meets every condition in `when`.
public struct LocalRules: Sendable, Codable, Hashable {
    public var provenance: Provenance?
    public var rules: [LocalRule]

    public init(provenance: Provenance? = nil, rules: [LocalRule] = []) {
        self.provenance = provenance
        self.rules = rules
    }

    public static let none = LocalRules()

    public static func load(from url: URL) throws -> LocalRules {
        try RulesFile.decode(LocalRules.self, from: url, what: "local rules")
    }

    /// The rules of an effect that cover a job's place (a rule without `city` covers its whole province).
    func rules(_ effect: LocalRule.Effect, province: String?, city: String?) -> [LocalRule] {
        rules.filter { rule in
            guard rule.effect == effect else { return false }
            guard let p = province, WageTable.cityKey(p) == WageTable.cityKey(rule.province) else { return false }
            if let ruleCity = rule.city { return city.map { WageTable.cityKey($0) == WageTable.cityKey(ruleCity) } ?? false }
            return true
        }
    }
}

/// One local rule.
public struct LocalRule: Sendable, Codable, Hashable {
    public var id: String
    public var province: String
    public var city: String?
    public var effect: Effect
    public var value: Int
    public var when: [Condition]?
    public var provenance: Provenance

    public enum Effect: String, Sendable, Codable, Hashable {
        case bMaxAge = "b_max_age"
    }

    /// Conditions a candidate must meet for the rule to apply.
    public enum Condition: String, Sendable, Codable, Hashable {
        case doctorate
        case masterOrHigher = "master_or_higher"
        case vocationalCertificate = "vocational_certificate"
        case topUniversity = "top_university"
        case onUrgentNeedCatalogue = "on_urgent_need_catalogue"
        case highTechEmployer = "high_tech_employer"
    }
}
