import RencaiCore

/// A duty with its due date, its unit and where it comes from.
public struct PlannedAction: Sendable, Equatable {
    /// The action's name (`accommodation_registration`, `work_permit_change`, `permit_extension` …).
    public let action: String
    public let title: String
    public let due: Day
    /// The first day of the filing window, for windows (the permit extension).
    public let opens: Day?
    public let unit: DayUnit
    /// `10 working days after arrival`.
    public let period: String
    public let provenance: Provenance
    public let note: String?

    /// One line for the `basis` field: how the date was counted and the rule's citation.
    public var basis: String { "\(period) — \(provenance.citation)" }
}

/// One leg as planned: its recognition, the destination catalogue's answer and the actions.
public struct LegPlan: Sendable, Equatable {
    public let leg: PlanLeg
    public let recognition: Recognition
    /// Why: the rule's reason, or "within the permit's issuing province".
    public let reason: String
    /// Nil when no catalogue is loaded for the leg's province.
    public let catalogue: CatalogueAnswer?
    public let actions: [PlannedAction]
}

/// Something the planner found across the plan.
public struct Finding: Sendable, Equatable {
    /// `problem`s make `rencai plan` exit 1; `note`s inform.
    public enum Severity: String, Sendable { case problem, note }

    /// `overlap`, `gap`, `permit_expiry`, `passport_expiry`, `tax_residence`, `no_catalogue`,
    /// `catalogue_requirements`, `catalogue_not_listed`, `recognition`, `holiday_data_missing`,
    /// `holiday_data`, `check_not_made`, `unverified_rule`.
    public let kind: String
    public let detail: String
    public let severity: Severity

    public init(kind: String, detail: String, severity: Severity) {
        self.kind = kind
        self.detail = detail
        self.severity = severity
    }
}

/// Full days in mainland China in one calendar year, against the tax-residence line.
public struct TaxYear: Sendable, Equatable {
    public let year: Int
    public let fullDays: Int
    public let threshold: Int
    public var reachesThreshold: Bool { fullDays >= threshold }
}

/// What `Planner.plan` returns: the legs in date order, the findings and the per-year day counts.
public struct PlanReport: Sendable, Equatable {
    public let hire: PlanHire
    public let legs: [LegPlan]
    public let findings: [Finding]
    public let taxYears: [TaxYear]

    /// True when a finding is a problem (the CLI exits 1).
    public var hasProblems: Bool { findings.contains { $0.severity == .problem } }

    /// Every action with the leg it belongs to, by due date.
    public var deadlines: [(leg: PlanLeg, action: PlannedAction)] {
        legs.flatMap { plan in plan.actions.map { (plan.leg, $0) } }.sorted { $0.action.due < $1.action.due }
    }
}
