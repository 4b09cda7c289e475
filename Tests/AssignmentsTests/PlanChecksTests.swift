import Assignments
import Foundation
import RencaiCore
import Testing

@Suite("Checks across the plan")
struct PlanChecksTests {
    let hire = Fixture.hire(.A, province: "Beijing", city: "Beijing", permit: "2030-01-01")

    @Test("overlapping legs are a problem; sharing a travel day is not")
    func overlap() throws {
        let overlapping = try Fixture.plan(hire, [
            try Fixture.leg("Shanghai", "Shanghai", "2026-03-01", "2026-03-31"),
            try Fixture.leg("Shenzhen", "Guangdong", "2026-03-20", "2026-04-30"),
        ])
        #expect(overlapping.findings("overlap").count == 1)
        #expect(overlapping.findings("overlap").first?.detail.contains("11 days") == true)
        let travelDay = try Fixture.plan(hire, [
            try Fixture.leg("Shanghai", "Shanghai", "2026-03-01", "2026-03-31"),
            try Fixture.leg("Shenzhen", "Guangdong", "2026-03-31", "2026-04-30"),
        ])
        #expect(travelDay.findings("overlap").isEmpty)
        #expect(travelDay.findings("gap").isEmpty)
    }

    @Test("days between legs are a gap, in whatever order the legs were given")
    func gap() throws {
        let report = try Fixture.plan(hire, [
            try Fixture.leg("Shenzhen", "Guangdong", "2026-04-10", "2026-04-30"),
            try Fixture.leg("Shanghai", "Shanghai", "2026-03-01", "2026-03-31"),
        ])
        #expect(report.legs.map(\.leg.city) == ["Shanghai", "Shenzhen"])
        #expect(report.findings("gap").first?.detail.hasPrefix("9 days") == true)
    }

    @Test("a permit or passport expiring before a leg ends is a problem")
    func expiries() throws {
        let short = Fixture.hire(.B, route: "points", province: "Beijing", city: "Beijing", permit: "2026-04-15", passport: "2026-05-10")
        let report = try Fixture.plan(short, [
            try Fixture.leg("Shanghai", "Shanghai", "2026-03-01", "2026-03-31"),
            try Fixture.leg("Shenzhen", "Guangdong", "2026-04-01", "2026-05-31"),
        ])
        #expect(report.findings("permit_expiry").first?.detail.contains("Shenzhen") == true)
        #expect(report.findings("passport_expiry").first?.detail.contains("2026-05-10") == true)
        #expect(report.hasProblems)
    }

    @Test("without a passport date the passport checks are reported as not made")
    func passportUnknown() throws {
        let report = try Fixture.plan(Fixture.hire(.A, province: "Beijing", city: "Beijing", passport: nil),
                                      [try Fixture.leg("Shanghai", "Shanghai", "2026-03-01", "2026-03-31")])
        #expect(report.findings("check_not_made").count == 1)
        #expect(report.legs.flatMap(\.actions).allSatisfy { $0.action != "passport_renewal" })
    }

    @Test("183-day count: only full days, across legs and calendar years", arguments: [
        // One stay 2026-01-01…2026-07-03 is 184 days; without arrival and departure days, 182 full days.
        ([("2026-01-01", "2026-07-03")], [2026: 182]),
        ([("2026-01-01", "2026-07-04")], [2026: 183]),
        // Two touching legs are one stay: the change of city does not cost a day.
        ([("2026-01-01", "2026-03-31"), ("2026-04-01", "2026-07-04")], [2026: 183]),
        // A gap splits the stay: each part loses its arrival and departure day.
        ([("2026-01-01", "2026-03-31"), ("2026-04-02", "2026-07-04")], [2026: 180]),
        // Across New Year: 2026-11-01…2027-03-01 gives 60 full days in 2026 (2 Nov–31 Dec) and 59 in 2027.
        ([("2026-11-01", "2027-03-01")], [2026: 60, 2027: 59]),
    ] as [([(String, String)], [Int: Int])])
    func taxDays(stays: [(String, String)], expected: [Int: Int]) throws {
        let cities = [("Shanghai", "Shanghai"), ("Shenzhen", "Guangdong")]
        let legs = try stays.enumerated().map { i, s in try Fixture.leg(cities[i % 2].0, cities[i % 2].1, s.0, s.1) }
        let report = try Fixture.plan(hire, legs)
        #expect(Dictionary(uniqueKeysWithValues: report.taxYears.map { ($0.year, $0.fullDays) }) == expected)
        let year2026 = try #require(report.taxYears.first { $0.year == 2026 })
        #expect(year2026.reachesThreshold == (expected[2026, default: 0] >= 183))
        #expect(report.findings("tax_residence").count == expected.count)
    }

    @Test("a leg in Hong Kong breaks the mainland stay and is not counted")
    func hongKong() throws {
        let report = try Fixture.plan(hire, [
            try Fixture.leg("Shenzhen", "Guangdong", "2026-01-01", "2026-03-31"),
            try Fixture.leg("Hong Kong", "Hong Kong", "2026-04-01", "2026-04-30"),
            try Fixture.leg("Shenzhen", "Guangdong", "2026-05-01", "2026-07-31"),
        ])
        // 88 (2 Jan–30 Mar) + 90 (2 May–30 Jul) = 178.
        #expect(report.taxYears.first?.fullDays == 178)
        #expect(report.leg("Hong Kong")?.recognition == .unknown)
    }
}
