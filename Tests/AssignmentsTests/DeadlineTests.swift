import Assignments
import Foundation
import RencaiCore
import Testing

@Suite("Actions and due dates from the deadline rules")
struct DeadlineTests {
    @Test("a B (points) hire moving Shanghai → Shenzhen over National Day 2026")
    func moveOverNationalDay() throws {
        let hire = Fixture.hire(.B, route: "points", province: "Shanghai", city: "Shanghai")
        let report = try Fixture.plan(hire, [try Fixture.leg("Shenzhen", "Guangdong", "2026-09-28", "2026-12-18")])
        let leg = try #require(report.leg("Shenzhen"))
        #expect(leg.recognition == .carriedOver)
        let registration = try #require(leg.action("accommodation_registration"))
        #expect(registration.due == Fixture.day("2026-09-29"))
        #expect(registration.unit == .calendar)
        #expect(registration.basis.contains("art. 39"))
        let residence = try #require(leg.action("residence_permit_change"))
        #expect(residence.due == Fixture.day("2026-10-08")) // 10 calendar days, holidays or not
        let work = try #require(leg.action("work_permit_change"))
        #expect(work.due == Fixture.day("2026-10-16"))     // 10 working days, shifted by the Golden Week
        #expect(work.unit == .working)
        #expect(work.basis.contains("10 working days after arrival"))
    }

    @Test("hotels register their guests: no accommodation registration for a hotel leg")
    func hotel() throws {
        let hire = Fixture.hire(.A, province: "Beijing", city: "Beijing")
        let report = try Fixture.plan(hire, [try Fixture.leg("Shanghai", "Shanghai", "2026-03-02", "2026-03-20", lodging: .hotel)])
        #expect(report.leg("Shanghai")?.action("accommodation_registration") == nil)
        #expect(report.leg("Shanghai")?.action("residence_permit_change") != nil)
    }

    @Test("a leg in the home city has no change duties; a second city in the same province has no work-permit change")
    func changesOnlyOnChange() throws {
        let hire = Fixture.hire(.B, route: "points", province: "Guangdong", city: "Shenzhen")
        let report = try Fixture.plan(hire, [
            try Fixture.leg("Shenzhen", "Guangdong", "2026-03-02", "2026-03-31"),
            try Fixture.leg("Guangzhou", "Guangdong", "2026-04-01", "2026-04-30"),
        ])
        let home = try #require(report.leg("Shenzhen"))
        #expect(home.actions.isEmpty) // already living there: no arrival, no change
        let guangzhou = try #require(report.leg("Guangzhou"))
        #expect(guangzhou.action("residence_permit_change") != nil)
        #expect(guangzhou.action("work_permit_change") == nil)
    }

    @Test("Hong Kong legs carry no mainland duties; re-entering the home city means registering again, but no permit change")
    func hongKongTrip() throws {
        let hire = Fixture.hire(.B, route: "points", province: "Shanghai", city: "Shanghai")
        let report = try Fixture.plan(hire, [
            try Fixture.leg("Hong Kong", "Hong Kong", "2026-03-02", "2026-03-20"),
            try Fixture.leg("Shanghai", "Shanghai", "2026-03-21", "2026-04-30"),
        ])
        #expect(report.legs[0].actions.isEmpty)
        let home = report.legs[1]
        #expect(home.actions.map(\.action) == ["accommodation_registration"])
        #expect(home.actions.first?.due == Fixture.day("2026-03-22"))
    }

    @Test("coming back to the same city after days away is an arrival: register again, but nothing changed")
    func returnAfterGap() throws {
        let hire = Fixture.hire(.B, route: "points", province: "Shanghai", city: "Shanghai")
        let report = try Fixture.plan(hire, [
            try Fixture.leg("Shenzhen", "Guangdong", "2026-03-02", "2026-03-31"),
            try Fixture.leg("Shenzhen", "Guangdong", "2026-04-10", "2026-04-30"),
        ])
        let back = report.legs[1]
        #expect(back.actions.map(\.action) == ["accommodation_registration"])
        #expect(back.actions.first?.due == Fixture.day("2026-04-11"))
        #expect(report.legs[0].action("work_permit_change") != nil)
    }

    @Test("a C hire needs a new permit before work starts in another province")
    func newPermit() throws {
        let hire = Fixture.hire(.C, province: "Zhejiang", city: "Hangzhou", code: "4-01-02-00")
        let report = try Fixture.plan(hire, [try Fixture.leg("Suzhou", "Jiangsu", "2026-04-13", "2026-06-30")])
        let leg = try #require(report.leg("Suzhou"))
        #expect(leg.recognition == .newPermitRequired)
        #expect(leg.action("new_work_permit")?.due == Fixture.day("2026-04-13"))
        #expect(leg.action("work_permit_change") == nil)
        #expect(report.findings("recognition").first?.severity == .problem)
    }

    @Test("the permit extension window (120 to 30 days before expiry) appears when the permit expires soon after a leg")
    func permitExtension() throws {
        let hire = Fixture.hire(.B, route: "points", province: "Shanghai", city: "Shanghai", permit: "2026-12-31")
        let report = try Fixture.plan(hire, [
            try Fixture.leg("Shenzhen", "Guangdong", "2026-03-02", "2026-09-30"),
            try Fixture.leg("Shanghai", "Shanghai", "2026-10-01", "2026-11-30"),
        ])
        let extensions = report.legs.flatMap(\.actions).filter { $0.action == "permit_extension" }
        #expect(extensions.count == 1)
        let ext = try #require(extensions.first)
        #expect(ext.due == Fixture.day("2026-12-01"))
        #expect(ext.opens == Fixture.day("2026-09-02"))
        // Listed under the leg the hire is on when it falls due... which is none here (the plan ends 30 Nov),
        // so under the leg that triggered it (Shenzhen ends within 120 days of the expiry).
        #expect(report.leg("Shenzhen")?.action("permit_extension") != nil)
        #expect(report.findings("permit_expiry").isEmpty)
    }

    @Test("no extension when the permit outlasts the plan by more than the window")
    func noExtension() throws {
        let hire = Fixture.hire(.B, route: "points", province: "Shanghai", city: "Shanghai", permit: "2027-06-30")
        let report = try Fixture.plan(hire, [try Fixture.leg("Shenzhen", "Guangdong", "2026-03-02", "2026-09-30")])
        #expect(report.legs.flatMap(\.actions).allSatisfy { $0.action != "permit_extension" })
    }

    @Test("passport renewal is due 6 calendar months before the passport expires")
    func passportRenewal() throws {
        let hire = Fixture.hire(.A, province: "Beijing", city: "Beijing", passport: "2027-02-28")
        let report = try Fixture.plan(hire, [try Fixture.leg("Shanghai", "Shanghai", "2026-03-02", "2026-09-30")])
        let renewal = try #require(report.legs.flatMap(\.actions).first { $0.action == "passport_renewal" })
        #expect(renewal.due == Fixture.day("2026-08-28"))
        #expect(renewal.period == "6 calendar months before the passport expires")
        #expect(report.leg("Shanghai")?.action("passport_renewal") != nil) // due during the Shanghai leg
    }

    @Test("working-day deadlines in a year without holiday data are flagged")
    func missingHolidayYear() throws {
        let hire = Fixture.hire(.B, route: "points", province: "Shanghai", city: "Shanghai")
        let report = try Fixture.plan(hire, [try Fixture.leg("Shenzhen", "Guangdong", "2027-03-01", "2027-05-31")])
        let flagged = try #require(report.findings("holiday_data_missing").first)
        #expect(flagged.detail.contains("2027"))
        #expect(flagged.detail.contains("--holidays"))
    }

    @Test("a rules file mixing months with working days is refused")
    func badDeadlineRule() {
        #expect(throws: RulesFileError.self) {
            _ = try DeadlineRules.parse("""
                provenance: { source: s, edition: e, confidence: U }
                rules:
                  - { action: x, applies: expiry, from: passport_expiry, months: -6, unit: working,
                      provenance: { source: s, edition: e, confidence: U } }
                """, path: "d.yaml")
        }
    }
}
