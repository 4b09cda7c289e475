import Foundation
import RencaiCore

/// Everything the planner applies, each part with its provenance: recognition, deadlines, working days and
/// the tax-residence line.
///
/// ```swift
/// let rules = try PlanRules.bundled(resources, extraHolidays: [URL(fileURLWithPath: "holidays-2027.yaml")])
/// ```
public struct PlanRules: Sendable {
    public var recognition: RecognitionRules
    public var deadlines: DeadlineRules
    public var holidays: HolidayCalendar
    public var taxResidence: TaxResidenceRule

    public init(recognition: RecognitionRules, deadlines: DeadlineRules, holidays: HolidayCalendar, taxResidence: TaxResidenceRule) {
        self.recognition = recognition
        self.deadlines = deadlines
        self.holidays = holidays
        self.taxResidence = taxResidence
    }

    /// The bundled rules of `rules/`, with optional replacement files and extra holiday years.
    public static func bundled(_ resources: ResourceLocator, recognition: URL? = nil, deadlines: URL? = nil,
                               taxResidence: URL? = nil, extraHolidays: [URL] = []) throws -> PlanRules {
        var holidays = try HolidayCalendar.load(from: resources.url("rules/holidays-cn.yaml"))
        for url in extraHolidays { holidays = holidays.merging(try HolidayCalendar.load(from: url)) }
        return PlanRules(
            recognition: try RecognitionRules.load(from: recognition ?? resources.url("rules/assignment-recognition.yaml")),
            deadlines: try DeadlineRules.load(from: deadlines ?? resources.url("rules/assignment-deadlines.yaml")),
            holidays: holidays,
            taxResidence: try TaxResidenceRule.load(from: taxResidence ?? resources.url("rules/assignment-tax-residence.yaml")))
    }
}
