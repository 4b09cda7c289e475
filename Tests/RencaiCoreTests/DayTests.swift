import Testing
@testable import RencaiCore

@Suite("Day: calendar dates without time zones")
struct DayTests {
    @Test("parses the spellings HR files use", arguments: [
        ("2026-12-15", "2026-12-15"), ("2026/12/15", "2026-12-15"), ("2026.1.5", "2026-01-05"),
        ("20261215", "2026-12-15"), ("2026年12月5日", "2026-12-05"), ("２０２６－１２－１５", "2026-12-15"),
    ])
    func parsesSpellings(input: String, expected: String) throws {
        #expect(try Day(parsing: input).description == expected)
    }

    @Test("rejects impossible and malformed dates", arguments: ["2026-02-30", "2025-02-29", "2026-13-01", "15/12/2026", "", "yesterday", "2026-12"])
    func rejectsImpossible(input: String) {
        #expect(throws: InputError.self) { try Day(parsing: input) }
    }

    @Test("accepts 29 February in leap years only")
    func leapYears() {
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
    }

    @Test("ordinal arithmetic round-trips and knows weekdays")
    func arithmetic() throws {
        let d = try Day(parsing: "2026-12-15")
        #expect(Day(ordinal: d.ordinal) == d)
        #expect(d.adding(days: 20).description == "2027-01-04")
        #expect(d.days(until: try Day(parsing: "2027-12-15")) == 365)
        #expect(try Day(parsing: "1970-01-01").isoWeekday == 4)
        #expect(try Day(parsing: "2026-11-29").isoWeekday == 7)
        #expect(try Day(parsing: "2026-08-31").adding(months: 6).description == "2027-02-28")
    }

    @Test("whole years of age turn on the birthday", arguments: [
        ("2026-04-11", 37), ("2026-04-12", 38), ("2026-04-13", 38),
    ])
    func age(on: String, years: Int) throws {
        #expect(try Day(parsing: "1988-04-12").wholeYears(on: try Day(parsing: on)) == years)
    }
}
