import Foundation
import RencaiCore

/// A points table (积分要素计分赋值表) as data: thresholds, and each factor's cap and brackets.
///
/// The 2017 interim table is the default (`Templates/rules/points-2017-interim.yaml`); the 2016 pilot
/// table is kept as a historical edition; `--standard FILE` replaces either.
///
/// ```swift
/// let table = try PointsTable.load(from: resources.url("rules/points-2017-interim.yaml"))
/// table.thresholds.a            // 85
/// table.factor(.salary)?.bracket(for: 45)?.points   // 20
/// ```
public struct PointsTable: Sendable, Codable, Hashable {
    public var provenance: Provenance
    public var id: String
    public var thresholds: Thresholds
    public var maximum: Int
    public var factors: [FactorRule]

    /// Category thresholds: A at or above `a`, B at or above `b`.
    public struct Thresholds: Sendable, Codable, Hashable {
        public var a: Int
        public var b: Int
        enum CodingKeys: String, CodingKey { case a = "A", b = "B" }
    }

    public func factor(_ id: FactorID) -> FactorRule? { factors.first { $0.factor == id } }

    /// Loads and checks a table; errors name the file and the factor.
    public static func load(from url: URL) throws -> PointsTable {
        let table = try RulesFile.decode(PointsTable.self, from: url, what: "points table")
        try table.validate(file: url.path)
        return table
    }

    func validate(file: String) throws {
        func fail(_ problem: String) -> RulesFileError { RulesFileError(file: file, problem: problem) }
        guard thresholds.a > thresholds.b, thresholds.b > 0 else { throw fail("thresholds: A must be above B, and B above 0") }
        var seen = Set<FactorID>()
        for rule in factors {
            guard seen.insert(rule.factor).inserted else { throw fail("factor '\(rule.factor.rawValue)' appears twice") }
            guard rule.cap >= 0 else { throw fail("factor '\(rule.factor.rawValue)': cap must not be negative") }
            for bracket in rule.brackets ?? [] {
                if let to = bracket.to, to <= bracket.from {
                    throw fail("factor '\(rule.factor.rawValue)': bracket from \(bracket.from) to \(to) is empty")
                }
            }
            let needsBrackets: Set<FactorID> = [.salary, .experience, .monthsInChina, .age]
            if needsBrackets.contains(rule.factor) && (rule.brackets ?? []).isEmpty {
                throw fail("factor '\(rule.factor.rawValue)' needs brackets")
            }
            if rule.factor == .education && (rule.levels ?? [:]).isEmpty { throw fail("factor 'education' needs levels") }
        }
    }
}

/// The factors rencai knows how to read from a profile. A table may omit some; it cannot invent others.
public enum FactorID: String, Sendable, Codable, Hashable, CaseIterable {
    case salary, education, experience
    case monthsInChina = "months_in_china"
    case chinese, location, age, bonus
    case localBonus = "local_bonus"
}

/// One factor of a points table.
public struct FactorRule: Sendable, Codable, Hashable {
    public var factor: FactorID
    public var label: String
    public var unit: String?
    public var cap: Int
    public var note: String?
    /// Numeric brackets, lower bound inclusive, upper bound exclusive.
    public var brackets: [Bracket]?
    /// Linear growth above a threshold (experience: 2 years → 5, +1 a year).
    public var perYear: PerYear?
    /// Points by named level (education and vocational levels).
    public var levels: [String: Int]?
    /// Points by HSK level ("1" … "6").
    public var hsk: [String: Int]?
    /// Points by yes/no item (bonus items, Chinese-language items, location).
    public var items: [String: Int]?

    enum CodingKeys: String, CodingKey {
        case factor, label, unit, cap, note, brackets, levels, hsk, items
        case perYear = "per_year"
    }

    /// The bracket containing `value`, if any.
    public func bracket(for value: Double) -> Bracket? {
        (brackets ?? []).first { $0.contains(value) }
    }
}

/// `from ≤ x < to` (or `x ≥ from` when `to` is absent) → `points`.
public struct Bracket: Sendable, Codable, Hashable {
    public var from: Double
    public var to: Double?
    public var points: Int

    public func contains(_ value: Double) -> Bool {
        value >= from && (to.map { value < $0 } ?? true)
    }

    /// `35 ≤ x < 45`, `x ≥ 45`.
    public var label: String {
        let f = Bracket.format(from)
        guard let to else { return "≥ \(f)" }
        return "\(f) ≤ x < \(Bracket.format(to))"
    }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}

/// Points that grow by `step` per whole unit above `from`, starting at `base`, up to the factor's cap.
public struct PerYear: Sendable, Codable, Hashable {
    public var from: Double
    public var base: Int
    public var step: Int
}
