import Assignments
import Foundation
import RencaiCore
import Testing

@Suite("Working days with China's public holidays and adjusted working days")
struct HolidayCalendarTests {
    @Test("the bundled file covers 2025 and 2026 and names its source")
    func coverage() throws {
        let calendar = try Fixture.rules().holidays
        #expect(calendar.covers(2025))
        #expect(calendar.covers(2026))
        #expect(calendar.years[2025]?.source.contains("2024") == true) // the 2025 notice was issued in 2024
        #expect(calendar.provenance?.source.contains("国务院办公厅") == true)
    }

    @Test("holidays are days off, 调休 weekend days are working days", arguments: [
        ("2025-01-28", false), ("2025-02-04", false), ("2025-01-26", true), ("2025-02-08", true),
        ("2025-10-08", false), ("2025-10-11", true), ("2026-02-16", false), ("2026-02-14", true),
        ("2026-02-28", true), ("2026-10-10", true), ("2026-10-07", false), ("2026-10-09", true),
        ("2026-10-11", false), ("2027-10-01", true), // 2027 unpublished: only weekends are off (Friday)
    ])
    func workingDay(date: String, working: Bool) throws {
        #expect(try Fixture.rules().holidays.isWorkingDay(Fixture.day(date)) == working)
    }

    @Test("the National Day holiday pushes a 10-working-day deadline by a week and 调休 pulls it back a day")
    func nationalDayShift() throws {
        let calendar = try Fixture.rules().holidays
        let arrival = Fixture.day("2026-09-28")
        // Weekends only, 10 working days after Monday 28 September would be Monday 12 October.
        #expect(HolidayCalendar(years: []).adding(workingDays: 10, to: arrival) == Fixture.day("2026-10-12"))
        // 1–7 October are off; Saturday 10 October is worked: 29, 30 Sep, 8, 9, 10, 12–16 Oct.
        #expect(calendar.adding(workingDays: 10, to: arrival) == Fixture.day("2026-10-16"))
    }

    @Test("Spring Festival 2025 shifts a deadline; counting backwards skips holidays too")
    func springFestival() throws {
        let calendar = try Fixture.rules().holidays
        // From Friday 24 Jan 2025: Sunday 26 Jan is worked (调休) = 1, Monday 27 = 2, 28 Jan–4 Feb are off,
        // 5, 6, 7 Feb = 3, 4, 5 (weekends only, it would be Friday 31 Jan).
        #expect(calendar.adding(workingDays: 5, to: Fixture.day("2025-01-24")) == Fixture.day("2025-02-07"))
        #expect(HolidayCalendar(years: []).adding(workingDays: 5, to: Fixture.day("2025-01-24")) == Fixture.day("2025-01-31"))
        #expect(calendar.adding(workingDays: -1, to: Fixture.day("2025-02-05")) == Fixture.day("2025-01-27"))
    }

    @Test("a user file adds a year and replaces a year of the bundled file")
    func userExtension() throws {
        let user = try HolidayCalendar.parse("""
            years:
              - year: 2027
                source: "my company's reading of the 2027 notice"
                off: [ { from: 2027-10-01, to: 2027-10-07 } ]
                workdays: [ { date: 2027-10-09 } ]
              - year: 2026
                source: "replacement"
                off: []
            """, path: "user.yaml")
        let merged = try Fixture.rules().holidays.merging(user)
        #expect(merged.covers(2027))
        #expect(!merged.isWorkingDay(Fixture.day("2027-10-01")))
        #expect(merged.isWorkingDay(Fixture.day("2027-10-09")))
        #expect(merged.isWorkingDay(Fixture.day("2026-10-02"))) // the user's 2026 has no holidays
        #expect(merged.years[2026]?.source == "replacement")
    }

    @Test("a holiday listed under the wrong year is refused with the file and year named")
    func wrongYear() {
        #expect {
            _ = try HolidayCalendar.parse("years:\n  - year: 2026\n    source: x\n    off: [ { from: 2025-12-31, to: 2026-01-01 } ]\n", path: "bad.yaml")
        } throws: { error in
            let rules = error as? RulesFileError
            return rules?.file == "bad.yaml" && rules?.message.contains("year 2026") == true && rules?.exitStatus == .config
        }
    }
}
