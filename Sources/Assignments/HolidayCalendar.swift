import Foundation
import RencaiCore
import Yams

/// China's working days: Monday to Friday, minus the public holidays, plus the adjusted working days (调休)
/// that the State Council General Office publishes each year. Loaded from `rules/holidays-cn.yaml`; a user's
/// file of the same shape adds years or replaces them.
///
/// ```swift
/// let calendar = try HolidayCalendar.load(from: resources.url("rules/holidays-cn.yaml"))
/// calendar.isWorkingDay(try Day(parsing: "2026-10-10"))          // true: a Saturday worked (调休)
/// calendar.adding(workingDays: 10, to: try Day(parsing: "2026-09-28"))   // 2026-10-16
/// ```
public struct HolidayCalendar: Sendable {
    /// One year as published: its days off, its worked weekend days and its source.
    public struct Year: Sendable, Equatable {
        public let year: Int
        public let source: String
        public let confidence: Confidence
        public let daysOff: [Day: String]
        public let workdays: [Day: String]
    }

    public let years: [Int: Year]
    public let provenance: Provenance?

    public init(years: [Year], provenance: Provenance? = nil) {
        self.years = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { _, new in new })
        self.provenance = provenance
    }

    /// True when the year's holidays are known; outside them only weekends are skipped.
    public func covers(_ year: Int) -> Bool { years[year] != nil }

    public func isWorkingDay(_ day: Day) -> Bool {
        if let year = years[day.year] {
            if year.workdays[day] != nil { return true }
            if year.daysOff[day] != nil { return false }
        }
        return day.isoWeekday <= 5
    }

    /// The name of the holiday or adjusted working day, for explanations.
    public func note(for day: Day) -> String? {
        years[day.year].flatMap { $0.daysOff[day] ?? $0.workdays[day] }
    }

    /// The `count`-th working day after `day` (before it when negative); `day` itself is not counted.
    public func adding(workingDays count: Int, to day: Day) -> Day {
        var current = day
        var remaining = abs(count)
        let step = count >= 0 ? 1 : -1
        while remaining > 0 {
            current = current.adding(days: step)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// Adds the years of `other`, replacing years both define (the user's file wins).
    public func merging(_ other: HolidayCalendar) -> HolidayCalendar {
        var merged = years
        for (year, value) in other.years { merged[year] = value }
        return HolidayCalendar(years: Array(merged.values), provenance: provenance)
    }

    // MARK: Loading

    struct File: Decodable {
        struct Range: Decodable { let from: Day; let to: Day; let name: String? }
        struct Worked: Decodable { let date: Day; let name: String? }
        struct YearEntry: Decodable {
            let year: Int
            let source: String
            let confidence: Confidence?
            let off: [Range]?
            let workdays: [Worked]?
        }
        let provenance: Provenance?
        let years: [YearEntry]
    }

    public static func load(from url: URL) throws -> HolidayCalendar {
        try parse(try RulesFile.read(url, what: "holidays"), path: url.path)
    }

    /// Parses the YAML text; every date must fall in the year it is listed under.
    public static func parse(_ text: String, path: String) throws -> HolidayCalendar {
        let file = try RulesFile.decode(File.self, text: text, file: path, what: "holidays (years: - year, source, off, workdays)")
        var years: [Year] = []
        for entry in file.years {
            var off: [Day: String] = [:]
            for range in entry.off ?? [] {
                guard range.to >= range.from, range.from.year == entry.year, range.to.year == entry.year else {
                    throw RulesFileError(file: path, problem: "year \(entry.year): holiday \(range.from)…\(range.to) must lie in \(entry.year) and end after it starts")
                }
                var day = range.from
                while day <= range.to { off[day] = range.name ?? "holiday"; day = day.adding(days: 1) }
            }
            var worked: [Day: String] = [:]
            for w in entry.workdays ?? [] {
                guard w.date.year == entry.year else {
                    throw RulesFileError(file: path, problem: "year \(entry.year): adjusted working day \(w.date) is not in \(entry.year)")
                }
                worked[w.date] = w.name ?? "adjusted working day"
            }
            years.append(Year(year: entry.year, source: entry.source, confidence: entry.confidence ?? file.provenance?.confidence ?? .unverified,
                              daysOff: off, workdays: worked))
        }
        return HolidayCalendar(years: years, provenance: file.provenance)
    }
}
