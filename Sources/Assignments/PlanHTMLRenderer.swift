import Foundation
import Mustache
import RencaiCore

/// Renders a plan as HTML through the Mustache template `reports/plan.html.mustache` (values are
/// HTML-escaped by the engine).
///
/// ```swift
/// let html = try PlanHTMLRenderer(templateURL: resources.url("reports/plan.html.mustache")).render(report, rules: rules)
/// ```
public struct PlanHTMLRenderer: Sendable {
    public let template: MustacheTemplate

    public init(templateURL: URL) throws {
        let text: String
        do { text = try String(contentsOf: templateURL, encoding: .utf8) } catch {
            throw InputError("\(templateURL.path): cannot read the plan report template", status: .noInput)
        }
        do { template = try MustacheTemplate(string: text) } catch {
            throw InputError("\(templateURL.path): not a valid Mustache template: \(error)", status: .config)
        }
    }

    public func render(_ report: PlanReport, rules: PlanRules, generated: Day = .today()) -> String {
        template.render(Self.context(report, rules: rules, generated: generated))
    }

    /// The values the template sees; documented in the template's header comment.
    static func context(_ report: PlanReport, rules: PlanRules, generated: Day) -> [String: Any] {
        let hire = report.hire
        let legs: [[String: Any]] = report.legs.map { plan in
            var leg: [String: Any] = [
                "city": plan.leg.city, "province": plan.leg.province,
                "start": plan.leg.start.description, "end": plan.leg.end.description,
                "days": plan.leg.length,
                "recognition": plan.recognition.rawValue, "reason": plan.reason,
                "carriedOver": plan.recognition == .carriedOver,
                "actions": plan.actions.map { a -> [String: Any] in
                    var action: [String: Any] = ["action": a.action, "title": a.title, "due": a.due.description,
                                                 "unit": a.unit.label, "period": a.period, "source": a.provenance.citation,
                                                 "unverified": a.provenance.confidence == .unverified]
                    // Optional values are left out rather than empty: Mustache sections treat "" as present.
                    if let opens = a.opens { action["opens"] = opens.description }
                    if let note = a.note { action["note"] = note }
                    return action
                },
            ]
            if let purpose = plan.leg.purpose { leg["purpose"] = purpose }
            if let catalogue = plan.catalogue {
                leg["catalogue"] = ["name": catalogue.catalogue, "listed": catalogue.isListed,
                                    "matched": catalogue.matchedCode?.text ?? "", "requirements": catalogue.requirements]
            }
            return leg
        }
        var hireValues: [String: Any] = [
            "id": hire.employeeID, "name": hire.name, "category": hire.categoryLabel, "code": hire.occupationCode.text,
            "province": hire.province, "permitExpiry": hire.permitExpiry.description,
            "passportExpiry": hire.passportExpiry?.description ?? "not given",
        ]
        if let city = hire.city { hireValues["city"] = city }
        return [
            "generated": generated.description,
            "hire": hireValues,
            "legs": legs,
            "findings": report.findings.map { ["kind": $0.kind, "detail": $0.detail, "problem": $0.severity == .problem] },
            "hasProblems": report.hasProblems,
            "taxYears": report.taxYears.map { ["year": $0.year, "fullDays": $0.fullDays, "threshold": $0.threshold, "reaches": $0.reachesThreshold] },
            "sources": [
                ["what": "recognition", "citation": rules.recognition.provenance.citation],
                ["what": "deadlines", "citation": rules.deadlines.provenance.citation],
                ["what": "working days", "citation": rules.holidays.provenance?.citation ?? "holidays file"],
                ["what": "tax residence", "citation": rules.taxResidence.provenance.citation],
            ],
        ]
    }
}
