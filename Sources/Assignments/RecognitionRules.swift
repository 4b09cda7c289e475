import Foundation
import RencaiCore
import Store
import Yams

/// The user-changeable rule "A/B carried over nationwide, C and urgent-need B local", loaded from
/// `rules/assignment-recognition.yaml`.
///
/// ```swift
/// let rules = try RecognitionRules.load(from: resources.url("rules/assignment-recognition.yaml"))
/// let rule = rules.rule(for: .B, route: "urgent_need")   // b-urgent-need-local
/// ```
public struct RecognitionRules: Sendable {
    /// How a rule decides: a fixed outcome, or one that depends on the destination catalogue.
    public enum Decision: Sendable, Equatable {
        case fixed(Recognition)
        case catalogue(listed: Recognition, notListed: Recognition, noCatalogue: Recognition)
    }

    public struct Rule: Sendable, Equatable {
        public let id: String
        public let category: Hire.Category
        /// Nil: any route.
        public let routes: [String]?
        public let decision: Decision
        public let reason: String
    }

    public let rules: [Rule]
    public let provenance: Provenance

    public init(rules: [Rule], provenance: Provenance) {
        self.rules = rules
        self.provenance = provenance
    }

    /// The first rule matching the category and route; nil when none does.
    public func rule(for category: Hire.Category, route: String?) -> Rule? {
        rules.first { rule in
            rule.category == category && (rule.routes.map { routes in route.map(routes.contains) ?? false } ?? true)
        }
    }

    struct File: Decodable {
        struct Entry: Decodable {
            struct Catalogue: Decodable { let listed: Recognition; let not_listed: Recognition; let no_catalogue: Recognition }
            let id: String
            let category: Hire.Category
            let routes: [String]?
            let outcome: Recognition?
            let catalogue: Catalogue?
            let reason: String?
        }
        let provenance: Provenance
        let rules: [Entry]
    }

    public static func load(from url: URL) throws -> RecognitionRules {
        try parse(try RulesFile.read(url, what: "recognition rules"), path: url.path)
    }

    public static func parse(_ text: String, path: String) throws -> RecognitionRules {
        let file = try RulesFile.decode(File.self, text: text, file: path, what: "recognition rules")
        let rules = try file.rules.map { entry -> Rule in
            let decision: Decision
            switch (entry.outcome, entry.catalogue) {
            case let (outcome?, nil): decision = .fixed(outcome)
            case let (nil, c?): decision = .catalogue(listed: c.listed, notListed: c.not_listed, noCatalogue: c.no_catalogue)
            default:
                throw RulesFileError(file: path, problem: "rule '\(entry.id)': give exactly one of outcome: or catalogue:")
            }
            return Rule(id: entry.id, category: entry.category, routes: entry.routes, decision: decision,
                        reason: entry.reason ?? entry.id)
        }
        return RecognitionRules(rules: rules, provenance: file.provenance)
    }
}

