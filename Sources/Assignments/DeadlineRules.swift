import Foundation
import RencaiCore
import Yams

/// Whether a deadline counts calendar days or working days (see ``HolidayCalendar``).
public enum DayUnit: String, Sendable, Codable, Equatable {
    case calendar
    case working

    /// `calendar days` / `working days`, for human output.
    public var label: String { "\(rawValue) days" }
}

/// One duty with a due date: what triggers it, how it is counted, and where it comes from.
///
/// ```yaml
/// - action: work_permit_change
///   applies: province_change
///   from: leg_start
///   offset: 10
///   unit: working
///   provenance: { source: "外专发〔2017〕36号", edition: "2017 guide", effective: 2017-04-01, confidence: P }
/// ```
public struct DeadlineRule: Sendable, Equatable {
    /// Which legs a rule concerns.
    public enum Applies: String, Sendable, Codable {
        case everyLeg = "every_leg"
        /// The hire arrives: the city changes, or the leg follows days the plan does not cover.
        case arrival
        case cityChange = "city_change"
        case provinceChange = "province_change"
        case outsidePermitProvince = "outside_permit_province"
        /// Once per plan, on the first leg that ends within `lookahead_days` of the expiry, or after it.
        case expiry
    }

    /// The day the period counts from.
    public enum Trigger: String, Sendable, Codable {
        case legStart = "leg_start"
        case permitExpiry = "permit_expiry"
        case passportExpiry = "passport_expiry"
    }

    public let action: String
    public let title: String
    public let applies: Applies
    public let trigger: Trigger
    /// Days after (positive) or before (negative) the trigger; nil when `months` is used.
    public let offset: Int?
    public let months: Int?
    public let unit: DayUnit
    /// For windows (extensions): the first day the filing may be made, as an offset in the same unit.
    public let windowOpens: Int?
    public let lookaheadDays: Int
    public let recognition: [Recognition]?
    public let unlessLodging: PlanLeg.Lodging?
    public let note: String?
    public let provenance: Provenance

    /// `10 working days after arrival`, `30 calendar days before the permit expires`.
    public var periodText: String {
        let what: String
        switch trigger {
        case .legStart: what = "arrival"
        case .permitExpiry: what = "the work permit expires"
        case .passportExpiry: what = "the passport expires"
        }
        if let months {
            return "\(abs(months)) calendar months \(months < 0 ? "before" : "after") \(what)"
        }
        let n = offset ?? 0
        if n == 0 { return trigger == .legStart ? "by arrival (before work starts)" : "by the day \(what)" }
        let unitText = abs(n) == 1 ? String(unit.label.dropLast()) : unit.label
        return "\(abs(n)) \(unitText) \(n < 0 ? "before" : "after") \(what)"
    }

    /// The due date counted from `day` in this rule's unit.
    public func due(from day: Day, calendar: HolidayCalendar) -> Day {
        if let months { return day.adding(months: months) }
        let n = offset ?? 0
        switch unit {
        case .calendar: return day.adding(days: n)
        case .working: return calendar.adding(workingDays: n, to: day)
        }
    }

    /// The window's first day, when the rule has one.
    public func opens(from day: Day, calendar: HolidayCalendar) -> Day? {
        guard let windowOpens else { return nil }
        switch unit {
        case .calendar: return day.adding(days: windowOpens)
        case .working: return calendar.adding(workingDays: windowOpens, to: day)
        }
    }
}

/// The deadline rules of `rules/assignment-deadlines.yaml` (domain brief §8 and §9).
public struct DeadlineRules: Sendable {
    public let rules: [DeadlineRule]
    public let provenance: Provenance

    public init(rules: [DeadlineRule], provenance: Provenance) {
        self.rules = rules
        self.provenance = provenance
    }

    struct File: Decodable {
        struct Entry: Decodable {
            let action: String
            let title: String?
            let applies: DeadlineRule.Applies
            let from: DeadlineRule.Trigger
            let offset: Int?
            let months: Int?
            let unit: DayUnit
            let window_opens: Int?
            let lookahead_days: Int?
            let recognition: [Recognition]?
            let unless_lodging: PlanLeg.Lodging?
            let note: String?
            let provenance: Provenance
        }
        let provenance: Provenance
        let rules: [Entry]
    }

    public static func load(from url: URL) throws -> DeadlineRules {
        try parse(try RulesFile.read(url, what: "deadline rules"), path: url.path)
    }

    public static func parse(_ text: String, path: String) throws -> DeadlineRules {
        let file = try RulesFile.decode(File.self, text: text, file: path, what: "deadline rules")
        let rules = try file.rules.map { e -> DeadlineRule in
            guard (e.offset == nil) != (e.months == nil) else {
                throw RulesFileError(file: path, problem: "rule '\(e.action)': give exactly one of offset: or months:")
            }
            if e.months != nil && e.unit != .calendar {
                throw RulesFileError(file: path, problem: "rule '\(e.action)': months: counts calendar months, so unit: must be calendar")
            }
            if (e.applies == .expiry) != (e.from != .legStart) {
                throw RulesFileError(file: path, problem: "rule '\(e.action)': applies: expiry goes with from: permit_expiry or passport_expiry, and only with them")
            }
            return DeadlineRule(action: e.action, title: e.title ?? e.action, applies: e.applies, trigger: e.from,
                                offset: e.offset, months: e.months, unit: e.unit, windowOpens: e.window_opens,
                                lookaheadDays: e.lookahead_days ?? 0, recognition: e.recognition,
                                unlessLodging: e.unless_lodging, note: e.note, provenance: e.provenance)
        }
        return DeadlineRules(rules: rules, provenance: file.provenance)
    }
}
