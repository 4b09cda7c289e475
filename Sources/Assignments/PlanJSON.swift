import RencaiCore

/// The `--json` shape of a plan, exactly:
/// `{"legs": [{"city", "province", "start", "end", "recognition", "actions": [{"action", "due", "basis"}]}],
///   "findings": [{"kind", "detail"}]}`.
/// The unit of each deadline (calendar or working days) is part of `basis`.
public struct PlanJSON: Codable, Sendable, Equatable {
    public struct Action: Codable, Sendable, Equatable {
        public let action: String
        public let due: Day
        public let basis: String
    }
    public struct Leg: Codable, Sendable, Equatable {
        public let city: String
        public let province: String
        public let start: Day
        public let end: Day
        public let recognition: Recognition
        public let actions: [Action]
    }
    public struct FindingJSON: Codable, Sendable, Equatable {
        public let kind: String
        public let detail: String
    }

    public let legs: [Leg]
    public let findings: [FindingJSON]

    public init(_ report: PlanReport) {
        legs = report.legs.map { plan in
            Leg(city: plan.leg.city, province: plan.leg.province, start: plan.leg.start, end: plan.leg.end,
                recognition: plan.recognition,
                actions: plan.actions.map { Action(action: $0.action, due: $0.due, basis: $0.basis) })
        }
        findings = report.findings.map { FindingJSON(kind: $0.kind, detail: $0.detail) }
    }
}
