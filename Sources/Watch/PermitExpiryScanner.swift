import Foundation
import RencaiCore
import Store

/// Finds hires whose work permit expires within a window and says where they stand against the
/// extension filing window of the rules data (opens 120, closes 30 days before expiry).
///
/// Each hire gets at most one alert per stage and expiry date, so a daily scan does not repeat itself,
/// and a renewed permit (new expiry) starts afresh.
///
/// ```swift
/// let drafts = PermitExpiryScanner(rules: rules).scan(hires, today: Day.today())
/// ```
public struct PermitExpiryScanner: Sendable {
    /// The source id of permit-expiry alerts.
    public static let sourceID = "permits"
    /// The revision of permit-expiry alerts (the de-duplication key is per hire, expiry date and stage).
    public static let revision = "permit-expiry"

    public let rules: AlertRules
    /// Warn when the permit expires within this many days.
    public let windowDays: Int

    public init(rules: AlertRules, windowDays: Int? = nil) {
        self.rules = rules
        self.windowDays = windowDays ?? rules.expiryWarning.windowDays
    }

    /// Where a permit stands against the filing window.
    public enum Stage: String, Sendable, CaseIterable {
        /// Expiring within the warning window, before the filing window opens.
        case upcoming
        /// Inside the filing window: file the extension now.
        case filingOpen = "filing-open"
        /// Fewer days left than the window requires: the normal deadline has passed.
        case filingClosed = "filing-closed"
        /// Already expired.
        case expired
    }

    public func stage(expiry: Day, today: Day) -> Stage? {
        let left = today.days(until: expiry)
        let window = rules.permitExtension
        if left < 0 { return .expired }
        if left > windowDays { return nil }
        if left < window.closesDaysBeforeExpiry { return .filingClosed }
        if left <= window.opensDaysBeforeExpiry { return .filingOpen }
        return .upcoming
    }

    public func scan(_ hires: [Hire], today: Day) -> [AlertDraft] {
        hires.compactMap { hire in
            guard let stage = stage(expiry: hire.permitExpiry, today: today) else { return nil }
            return draft(hire, stage: stage, today: today)
        }
    }

    private func draft(_ hire: Hire, stage: Stage, today: Day) -> AlertDraft {
        let window = rules.permitExtension
        let opens = window.opens(forExpiry: hire.permitExpiry)
        let closes = window.closes(forExpiry: hire.permitExpiry)
        let left = today.days(until: hire.permitExpiry)
        let severity: Severity
        let title: String
        var lines = ["\(hire.employeeID) \(hire.name) (category \(hire.category.rawValue), \(hire.city ?? hire.province)): permit \(hire.permitNo ?? "(no number)") expires \(hire.permitExpiry) (\(left) days from \(today))."]
        switch stage {
        case .upcoming:
            severity = .info
            title = "Permit of \(hire.employeeID) \(hire.name) expires \(hire.permitExpiry): extension window opens \(opens)"
            lines.append("Prepare the extension: the filing window is \(opens) to \(closes).")
        case .filingOpen:
            severity = .warning
            title = "File the permit extension for \(hire.employeeID) \(hire.name) by \(closes)"
            lines.append("The extension filing window is open: \(opens) to \(closes). File now.")
        case .filingClosed:
            severity = .critical
            title = "Permit of \(hire.employeeID) \(hire.name) expires \(hire.permitExpiry): filing window closed \(closes)"
            lines.append("The extension should have been filed by \(closes); contact the permit office now.")
        case .expired:
            severity = .critical
            title = "Permit of \(hire.employeeID) \(hire.name) expired on \(hire.permitExpiry)"
            lines.append("The permit has expired: the hire may not keep working on it; contact the permit office now.")
        }
        lines.append("Rule: extension filed \(window.opensDaysBeforeExpiry) to \(window.closesDaysBeforeExpiry) days before expiry — \(window.provenance.citation).")
        lines.append("Warning window: \(windowDays) days — \(rules.expiryWarning.provenance.citation).")
        return AlertDraft(kind: .permitExpiry, severity: severity, employeeID: hire.employeeID, sourceID: Self.sourceID,
                          revision: Self.revision, changeKey: "permit-expiry:\(hire.permitExpiry):\(stage.rawValue)",
                          province: hire.province, city: hire.city, title: title, body: lines.joined(separator: "\n"),
                          details: ["permit_expiry": hire.permitExpiry.description, "stage": stage.rawValue,
                                    "filing_opens": opens.description, "filing_closes": closes.description,
                                    "days_left": String(left)])
    }
}
