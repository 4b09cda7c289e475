import Foundation
import RencaiCore

/// The result of assessing one candidate: the category, every route tried, every point explained,
/// the unknown facts, and what would change the outcome.
///
/// ```swift
/// let assessment = Assessor(rules: rules).assess(profile: profile, asOf: nil)
/// assessment.category              // .b, or .undetermined when unknown facts could change it
/// assessment.points.total          // known points (unknown factors are not counted as zero: see unknownFactors)
/// assessment.routes.filter { $0.status == .met }.map(\.route)   // ["B7-points-60"]
/// ```
/// Encoded as JSON with snake_case keys (`category`, `points.total`, `points.factors[]`, `routes[]`,
/// `unknown_factors[]` …).
public struct Assessment: Sendable, Hashable, Encodable {
    public var profileID: String?
    public var name: String?
    /// The day ages and wage figures were taken on.
    public var asOf: Day
    /// Where ``asOf`` came from: `--as-of`, the filing date, or today.
    public var asOfBasis: String
    public var category: Verdict
    /// The categories still possible given the unknown facts (one element when determined).
    public var possibleCategories: [Category]
    /// One sentence: why this category.
    public var summary: String
    public var routes: [RouteResult]
    /// Routes rencai does not check (no profile field, or unverified), with the reason.
    public var uncheckedRoutes: [UncheckedRoute]
    public var points: PointsResult
    /// Points factors that could not be scored (never counted as zero silently).
    public var unknownFactors: [UnknownFactor]
    /// Every missing profile field that matters, with what it affects.
    public var unknownFacts: [UnknownFact]
    /// What would change the outcome: salary targets, missing points, facts to supply.
    public var whatWouldChange: [String]
    public var notes: [String]
    /// The rules applied, with provenance.
    public var rules: RulesUsed

    enum CodingKeys: String, CodingKey {
        case name, category, summary, routes, points, notes, rules
        case profileID = "profile_id", asOf = "as_of", asOfBasis = "as_of_basis"
        case possibleCategories = "possible_categories", uncheckedRoutes = "unchecked_routes"
        case unknownFactors = "unknown_factors", unknownFacts = "unknown_facts", whatWouldChange = "what_would_change"
    }
}

/// The category, or `undetermined` when unknown facts could change it.
public enum Verdict: String, Sendable, Hashable, Codable {
    case a = "A", b = "B", c = "C", undetermined

    public init(_ category: Category) {
        switch category {
        case .a: self = .a
        case .b: self = .b
        case .c: self = .c
        }
    }
}

/// Whether a route is met.
public enum RouteStatus: String, Sendable, Hashable, Codable {
    case met
    case notMet = "not_met"
    case unknown
}

/// One route tried, with why.
public struct RouteResult: Sendable, Hashable, Encodable {
    public var category: Category
    /// The route's id in the routes file, e.g. `A3-salary-6x`.
    public var route: String
    public var title: String
    public var status: RouteStatus
    public var reason: String
    /// Profile fields whose absence left the route unknown.
    public var missing: [String]
    public var source: String
    public var confidence: Confidence
}

/// A route rencai does not check.
public struct UncheckedRoute: Sendable, Hashable, Encodable {
    public var category: Category
    public var route: String
    public var title: String
    public var reason: String
    public var source: String
}

/// The points total and each factor.
public struct PointsResult: Sendable, Hashable, Encodable {
    /// The table's id, e.g. `points-2017-interim`.
    public var table: String
    public var source: String
    /// The sum of the points known for sure (unknown factors contribute their known minimum).
    public var total: Int
    /// The highest total the unknown factors could still reach.
    public var maximumPossible: Int
    /// True when every factor is known.
    public var complete: Bool
    public var thresholds: PointsTable.Thresholds
    public var factors: [FactorScore]

    enum CodingKeys: String, CodingKey {
        case table, source, total, complete, thresholds, factors
        case maximumPossible = "maximum_possible"
    }
}

/// One factor's points, with the input, the bracket that applied and its source.
public struct FactorScore: Sendable, Hashable, Encodable {
    public var factor: String
    public var label: String
    /// The points; nil when unknown (see ``minimum``/``maximum``).
    public var points: Int?
    public var minimum: Int
    public var maximum: Int
    public var cap: Int
    /// The input as read from the profile, e.g. `650,000 CNY = 65 × 10k`.
    public var input: String
    /// The bracket or rule that applied, e.g. `≥ 45 → 20`.
    public var bracket: String?
    public var source: String
    public var missing: [String]
    public var note: String?

    enum CodingKeys: String, CodingKey { case factor, label, points, minimum, maximum, cap, input, bracket, source, missing, note }

    /// `points` is written as `null` when unknown (never left out, never 0).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(factor, forKey: .factor)
        try c.encode(label, forKey: .label)
        try c.encode(points, forKey: .points)
        try c.encode(minimum, forKey: .minimum)
        try c.encode(maximum, forKey: .maximum)
        try c.encode(cap, forKey: .cap)
        try c.encode(input, forKey: .input)
        try c.encode(bracket, forKey: .bracket)
        try c.encode(source, forKey: .source)
        try c.encode(missing, forKey: .missing)
        try c.encode(note, forKey: .note)
    }
}

/// A points factor that could not be scored.
public struct UnknownFactor: Sendable, Hashable, Encodable {
    public var factor: String
    public var missing: [String]
    /// Points the factor could still add above its known minimum.
    public var couldAdd: Int

    enum CodingKeys: String, CodingKey { case factor, missing; case couldAdd = "could_add" }
}

/// A missing profile field and what it affects.
public struct UnknownFact: Sendable, Hashable, Encodable {
    public var field: String
    public var affects: [String]
}

/// The rules an assessment applied.
public struct RulesUsed: Sendable, Hashable, Encodable {
    public var pointsTable: String
    public var routes: String
    public var wageFigure: String?
    public var localRules: [String]

    enum CodingKeys: String, CodingKey {
        case routes
        case pointsTable = "points_table", wageFigure = "wage_figure", localRules = "local_rules"
    }
}
