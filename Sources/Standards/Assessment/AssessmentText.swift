import Foundation
import RencaiCore

extension Assessment {
    /// The assessment as text a compliance officer can read and sign: category and why, every route,
    /// every factor with input, bracket and source, unknown facts, and what would change the outcome.
    public var text: String {
        var out: [String] = []
        let who = [profileID, name.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        out.append("Candidate \(who.isEmpty ? "(no id)" : who): assessed on \(asOf) (\(asOfBasis))")
        let possible = category == .undetermined ? " — possible: \(possibleCategories.map(\.rawValue).joined(separator: ", "))" : ""
        out.append("Category: \(category.rawValue)\(possible)")
        out.append("  \(summary)")

        out.append("")
        out.append("Routes")
        out.append(TextTable.render(["cat", "route", "status", "why"],
                                    routes.map { [$0.category.rawValue, $0.route + ($0.confidence == .verified ? "" : $0.confidence == .paraphrase ? " [P]" : " [U]"), $0.status.rawValue, $0.reason] },
                                    indent: "  "))
        if !uncheckedRoutes.isEmpty {
            out.append("  Not checked by rencai (check by hand):")
            for route in uncheckedRoutes { out.append("    \(route.category.rawValue) \(route.route): \(route.reason); \(route.source)") }
        }

        out.append("")
        let range = points.complete ? "" : " known (up to \(points.maximumPossible) with the unknown factors)"
        out.append("Points (\(points.table)): \(points.total)\(range); A ≥ \(points.thresholds.a), B ≥ \(points.thresholds.b)")
        out.append(TextTable.render(["factor", "points", "input", "bracket"],
                                    points.factors.map { [$0.factor, $0.points.map(String.init) ?? "? (\($0.minimum)–\($0.maximum))", $0.input, $0.bracket ?? "—"] },
                                    indent: "  "))
        out.append("  Source: \(points.source)")
        for factor in points.factors { if let note = factor.note { out.append("  \(factor.factor): \(note)") } }

        if !unknownFacts.isEmpty {
            out.append("")
            out.append("Unknown facts (not scored as zero; they could change the result)")
            for fact in unknownFacts { out.append("  \(fact.field) → \(fact.affects.joined(separator: ", "))") }
        }
        if !whatWouldChange.isEmpty {
            out.append("")
            out.append("What would change the result")
            for line in whatWouldChange { out.append("  - \(line)") }
        }
        if !notes.isEmpty {
            out.append("")
            out.append("Notes")
            for note in notes { out.append("  - \(note)") }
        }
        out.append("")
        out.append("Rules: \(rules.pointsTable); routes \(rules.routes)")
        if let wage = rules.wageFigure { out.append("Wage figure: \(wage)") }
        for rule in rules.localRules { out.append("Local rule: \(rule)") }
        return out.joined(separator: "\n")
    }
}
