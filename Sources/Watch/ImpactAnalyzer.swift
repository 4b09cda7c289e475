import Foundation
import RencaiCore
import Store

/// Joins a revision's keyed diff with the hires registry: which current hires a catalogue change affects,
/// and how.
///
/// A hire is affected when the source's province (and city, when the source names one) is the hire's,
/// and the changed row's code is the hire's occupation code or a coarser group containing it
/// (`2-02-10` contains `2-02-10-03`). Rows keyed by title (no code) cannot be matched and are counted in
/// ``Result/unmatchedRows``.
///
/// ```swift
/// let drafts = ImpactAnalyzer(rules: rules).analyze(changes, hires: try registry.all()).alerts
/// ```
public struct ImpactAnalyzer: Sendable {
    public let rules: AlertRules?
    /// Re-runs the assessment of hires whose profile is on file; nil when none are configured.
    public let reassessor: ProfileReassessor?
    public let today: Day

    public init(rules: AlertRules? = nil, reassessor: ProfileReassessor? = nil, today: Day = .today()) {
        self.rules = rules
        self.reassessor = reassessor
        self.today = today
    }

    /// The analysis of one change set.
    public struct Result: Sendable {
        /// One draft per (hire, changed row).
        public var alerts: [AlertDraft]
        /// Keys of rows without an occupation code (matched to no hire).
        public var unmatchedRows: [String]
        /// Hires in the source's place whose code belongs to another classification edition than the
        /// catalogue's: their codes cannot be compared (2015's 2-02-10-09 is 2022's 2-02-38-01).
        public var editionMismatches: [String] = []
    }

    /// True when the hire works where the source applies.
    public static func placeMatches(_ changes: CatalogueChangeSet, _ hire: Hire) -> Bool {
        guard sameName(changes.province, hire.province) else { return false }
        guard let city = changes.city else { return true }
        return hire.city.map { sameName(city, $0) } ?? false
    }

    private static func sameName(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(b.trimmingCharacters(in: .whitespaces)) == .orderedSame
    }

    public func analyze(_ changes: CatalogueChangeSet, hires: [Hire]) -> Result {
        let inPlace = hires.filter { Self.placeMatches(changes, $0) }
        let local = inPlace.filter { $0.occupationEdition == changes.edition }
        var alerts: [AlertDraft] = []
        var unmatched: [String] = []
        for change in changes.changes {
            guard let code = change.code else { unmatched.append(change.key); continue }
            for hire in local where code.groupEquivalent.contains(hire.occupationCode) {
                alerts.append(draft(for: hire, change: change, code: code, in: changes))
            }
        }
        let mismatched = inPlace.filter { $0.occupationEdition != changes.edition }.map(\.employeeID)
        return Result(alerts: alerts, unmatchedRows: unmatched, editionMismatches: mismatched)
    }

    private func draft(for hire: Hire, change: CatalogueChangeSet.RowChange, code: OccupationCode,
                       in changes: CatalogueChangeSet) -> AlertDraft {
        let source = changes.sourceTitle ?? changes.sourceID
        let rowName = change.title.map { "\(code.text) \($0)" } ?? code.text
        let levelNote = code.level == .occupation && code == hire.occupationCode
            ? "the hire's own occupation \(code.text)"
            : "the \(code.level.rawValue) group \(code.text), which contains the hire's occupation \(hire.occupationCode.text)"
        // The hire's route rests on this list when the source is tagged with that route (e.g. urgent_need).
        let routeOnList = hire.route.map { route in changes.tags.contains { $0.caseInsensitiveCompare(route) == .orderedSame } } ?? false
        var lines: [String] = []
        var details: [String: String] = [
            "row_key": change.key, "row_level": code.level.rawValue, "hire_code": hire.occupationCode.text,
            "category": hire.category.rawValue, "permit_expiry": hire.permitExpiry.description,
        ]
        if let route = hire.route { details["route"] = route }
        let who = "\(hire.employeeID) \(hire.name) (category \(hire.category.rawValue)\(hire.route.map { ", route \($0)" } ?? ""), \(hire.city ?? hire.province))"
        var severity: Severity
        let title: String
        switch change.kind {
        case .removed:
            severity = routeOnList ? .critical : .warning
            title = "\(source): \(rowName) removed — affects \(hire.employeeID) \(hire.name)"
            lines.append("\(source) no longer lists \(rowName) (revision \(changes.revision)).")
            lines.append("Affected: \(who), through \(levelNote).")
            if routeOnList {
                lines.append("Route: this hire's category rests on the \(hire.route ?? "") route, which relies on this list; at extension the category or route may change. Re-run the assessment (`rencai assess`) with the new list before filing.")
            }
        case .changed:
            severity = routeOnList ? .critical : .warning
            title = "\(source): requirement changed for \(rowName) — affects \(hire.employeeID) \(hire.name)"
            lines.append("\(source) changed \(rowName) (revision \(changes.revision)):")
            for column in change.fields.keys.sorted() {
                let field = change.fields[column]!
                lines.append("  \(column): \(field.old.isEmpty ? "(empty)" : field.old) → \(field.new.isEmpty ? "(empty)" : field.new)")
                details["changed.\(column)"] = "\(field.old) → \(field.new)"
            }
            lines.append("Affected: \(who), through \(levelNote).")
            if routeOnList {
                lines.append("Route: this hire's category rests on the \(hire.route ?? "") route; check the new requirement against the hire's profile (`rencai assess`) before the extension.")
            }
        case .added:
            severity = .info
            title = "\(source): \(rowName) newly listed — concerns \(hire.employeeID) \(hire.name)"
            lines.append("\(source) newly lists \(rowName) (revision \(changes.revision)).")
            lines.append("Concerns: \(who), through \(levelNote).")
            if !routeOnList, !changes.tags.isEmpty {
                lines.append("Route: the hire may now qualify through the \(changes.tags.joined(separator: "/")) route; re-run the assessment (`rencai assess`) to see whether the category or route changes.")
            }
        }
        if let comparison = reassessment(of: hire, change: change.kind) {
            lines.append(comparison.summary)
            details["category_before"] = comparison.before.category.rawValue
            details["category_after"] = comparison.after.category.rawValue
            if comparison.downgrades { severity = .critical }
        }
        lines.append(permitLine(hire))
        return AlertDraft(kind: AlertDraft.Kind(rawValue: change.kind.rawValue) ?? .changed, severity: severity,
                          employeeID: hire.employeeID, sourceID: changes.sourceID, revision: changes.revision,
                          changeKey: "\(change.kind.rawValue):\(change.key)", province: hire.province, city: hire.city,
                          title: title, body: lines.joined(separator: "\n"), details: details)
    }

    /// A removed row takes the hire's job off the list and an added row puts it on; a changed row keeps
    /// the membership (its new requirements are shown, not assessed).
    private func reassessment(of hire: Hire, change: CatalogueChangeSet.RowChange.Kind) -> ProfileReassessor.Comparison? {
        switch change {
        case .removed: return reassessor?.compare(hire, listedBefore: true, listedAfter: false, today: today)
        case .added: return reassessor?.compare(hire, listedBefore: false, listedAfter: true, today: today)
        case .changed: return nil
        }
    }

    private func permitLine(_ hire: Hire) -> String {
        var line = "Permit \(hire.permitNo ?? "(no number)") expires \(hire.permitExpiry)"
        if let window = rules?.permitExtension {
            line += "; extension filing window \(window.opens(forExpiry: hire.permitExpiry)) to \(window.closes(forExpiry: hire.permitExpiry)) [\(window.provenance.citation)]"
        }
        return line + "."
    }
}
