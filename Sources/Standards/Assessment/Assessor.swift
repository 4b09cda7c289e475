import Foundation
import RencaiCore

/// Assesses candidates against a set of rules.
///
/// ```swift
/// let assessor = try Assessor.bundled(resources)
/// let profile = try CandidateProfile.load(from: URL(fileURLWithPath: "Fixtures/profiles/jane.yaml"))
/// let result = assessor.assess(profile: profile, asOf: nil)   // ages on the filing date, else today
/// print(result.category, result.points.total)
/// ```
public struct Assessor: Sendable {
    public let rules: StandardsRules

    public init(rules: StandardsRules) { self.rules = rules }

    /// An assessor over the bundled rules (see ``StandardsRules/bundled(_:standard:routes:wages:localRules:)``).
    public static func bundled(_ resources: ResourceLocator) throws -> Assessor {
        Assessor(rules: try StandardsRules.bundled(resources))
    }

    /// Assesses a profile. Ages and wage figures are taken on `asOf`, else on the profile's filing date,
    /// else on `today`.
    public func assess(profile: CandidateProfile, asOf: Day?, today: Day = .today()) -> Assessment {
        let (day, basis): (Day, String) = {
            if let asOf { return (asOf, "--as-of") }
            if let filing = profile.application?.filingDate { return (filing, "filing date") }
            return (today, "today (no application.filing_date in the profile)")
        }()
        let points = PointsScorer(table: rules.points, profile: profile, asOf: day).score()
        let evaluator = RouteEvaluator(rules: rules, profile: profile, asOf: day, points: points)
        let general = evaluator.bGeneral()

        var results: [RouteResult] = []
        var unchecked: [UncheckedRoute] = []
        for route in rules.routes.routes {
            let source = route.provenance.citation
            if route.check == .manual {
                unchecked.append(UncheckedRoute(category: route.category, route: route.id, title: route.title,
                                                reason: route.reason ?? "not checked by rencai", source: source))
                continue
            }
            var outcome = evaluator.evaluate(route)
            if route.category == .b {
                let combined = outcome.value && general.value
                if combined != outcome.value {
                    outcome.reason += "; B general condition: \(general.reason)"
                    outcome.missing += general.missing
                } else if combined == .yes {
                    outcome.reason += "; \(general.reason)"
                }
                outcome.value = combined
            }
            results.append(RouteResult(category: route.category, route: route.id, title: route.title,
                                       status: outcome.value.status, reason: outcome.reason,
                                       missing: outcome.value == .unknown ? Assessor.unique(outcome.missing) : [],
                                       source: source, confidence: route.provenance.confidence))
        }

        let (verdict, possible, summary) = decide(results)
        let unknownFactors = points.factors.filter { $0.points == nil }.map {
            UnknownFactor(factor: $0.factor, missing: $0.missing, couldAdd: $0.maximum - $0.minimum)
        }
        var notes: [String] = []
        if profile.job?.occupationCode == nil {
            notes.append("No occupation code: the B professional-post route needs it. Classify the job title/description and write job.occupation_code (rencai classify, once available).")
        }
        let relevantUnchecked = unchecked.filter { verdict == .a ? false : verdict == .b ? $0.category == .a : true }
        if !relevantUnchecked.isEmpty {
            notes.append("Routes rencai does not check could still apply (\(relevantUnchecked.map(\.route).joined(separator: ", "))): check them by hand before signing.")
        }
        if rules.points.provenance.confidence != .verified || rules.points.id != "points-2017-interim" {
            notes.append("Points table: \(rules.points.provenance.citation)")
        }
        let salaryA = evaluator.salary(multiple: multiple(of: .a) ?? 6)
        return Assessment(
            profileID: profile.id, name: profile.name, asOf: day, asOfBasis: basis,
            category: verdict, possibleCategories: possible, summary: summary,
            routes: results, uncheckedRoutes: unchecked, points: points,
            unknownFactors: unknownFactors,
            unknownFacts: unknownFacts(results, points: points),
            whatWouldChange: changes(profile: profile, evaluator: evaluator, results: results, points: points, verdict: verdict),
            notes: notes,
            rules: RulesUsed(pointsTable: rules.points.provenance.citation, routes: rules.routes.provenance.citation,
                             wageFigure: salaryA.figure?.citation,
                             localRules: rules.local.rules.map { "\($0.id): \($0.provenance.citation)" }))
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    private func multiple(of category: Category) -> Double? {
        rules.routes.routes.first { $0.category == category && $0.check == .salaryMultiple }?.params?.multiple
    }

    /// A when any A route is met; else B when any B route is met; else C; `undetermined` when unknown
    /// routes leave more than one category possible.
    func decide(_ results: [RouteResult]) -> (Verdict, [Category], String) {
        let a = results.filter { $0.category == .a }, b = results.filter { $0.category == .b }
        if let met = a.first(where: { $0.status == .met }) {
            return (.a, [.a], "A: route \(met.route) is met (\(met.reason))")
        }
        var possible: [Category] = []
        let aUnknown = a.filter { $0.status == .unknown }
        if !aUnknown.isEmpty { possible.append(.a) }
        let bMet = b.first { $0.status == .met }
        let bUnknown = b.filter { $0.status == .unknown }
        if bMet != nil || !bUnknown.isEmpty { possible.append(.b) }
        if bMet == nil { possible.append(.c) }
        if possible == [.b], let bMet { return (.b, possible, "B: route \(bMet.route) is met (\(bMet.reason)) and every A route is not met") }
        if possible == [.c] { return (.c, possible, "C: no A or B route is met") }
        var why: [String] = []
        if !aUnknown.isEmpty { why.append("A routes unknown: \(aUnknown.map(\.route).joined(separator: ", "))") }
        if bMet == nil && !bUnknown.isEmpty { why.append("B routes unknown: \(bUnknown.map(\.route).joined(separator: ", "))") }
        if let bMet { why.append("at least B (\(bMet.route) is met)") }
        return (.undetermined, possible,
                "undetermined, one of \(possible.map(\.rawValue).joined(separator: "/")): \(why.joined(separator: "; ")); supply the unknown facts")
    }

    private func unknownFacts(_ results: [RouteResult], points: PointsResult) -> [UnknownFact] {
        var order: [String] = []
        var affects: [String: [String]] = [:]
        func add(_ field: String, _ what: String) {
            if affects[field] == nil { order.append(field); affects[field] = [] }
            if !affects[field]!.contains(what) { affects[field]!.append(what) }
        }
        for factor in points.factors where factor.points == nil {
            for field in factor.missing { add(field, "points: \(factor.factor) (\(factor.minimum)–\(factor.maximum))") }
        }
        for route in results where route.status == .unknown {
            for field in route.missing { add(field, "route \(route.route)") }
        }
        return order.map { UnknownFact(field: $0, affects: affects[$0]!) }
    }

    private func changes(profile: CandidateProfile, evaluator: RouteEvaluator, results: [RouteResult],
                         points: PointsResult, verdict: Verdict) -> [String] {
        var lines: [String] = []
        func status(_ id: String) -> RouteStatus? { results.first { $0.route == id }?.status }
        for route in rules.routes.routes where route.check == .salaryMultiple {
            guard let resultStatus = status(route.id), resultStatus != .met, let m = route.params?.multiple else { continue }
            if route.category == .b && verdict == .a { continue }
            let check = evaluator.salary(multiple: m)
            if let threshold = check.threshold {
                let current = profile.job?.annualSalaryCNY.map { " (now \(Money.cny($0)), \(Money.cny(max(0, threshold - $0))) short)" } ?? ""
                lines.append("An annual salary of at least \(Money.cny(threshold.rounded(.up))) (\(Bracket.format(m)) × the \(check.figure!.city) average) would meet \(route.id)\(current).")
            }
        }
        let t = points.thresholds
        if verdict != .a && points.total < t.a {
            lines.append("\(t.a - points.total) more points would reach \(t.a) (A by points); \(points.total) known now.")
        }
        if points.total < t.b {
            lines.append("\(t.b - points.total) more points would reach \(t.b) (B by points).")
        }
        if !points.complete {
            lines.append("Unknown points factors could add up to \(points.maximumPossible - points.total) points: \(points.factors.filter { $0.points == nil }.map(\.factor).joined(separator: ", ")).")
        }
        if let general = results.first(where: { $0.category == .b && $0.reason.contains("B general condition: age") && $0.status == .notMet }) {
            lines.append("The B age cap fails (\(general.route)); a local rule for certificate holders may lift it (--local-rules FILE).")
        }
        return lines
    }
}
