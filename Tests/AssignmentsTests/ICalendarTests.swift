import Assignments
import Foundation
import RencaiCore
import Testing

@Suite("iCalendar output (RFC 5545)")
struct ICalendarTests {
    /// The Python with PyPI `icalendar`: $RENCAI_ICAL_PYTHON, which `make test` sets to its venv under .build/.
    static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["RENCAI_ICAL_PYTHON"]].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func report() throws -> PlanReport {
        let hire = PlanHire(employeeID: "E003", name: "Maria Rossi; \"MR\", 玛丽亚", category: .B, route: "urgent_need",
                            permitExpiry: Fixture.day("2027-01-20"), passportExpiry: Fixture.day("2027-06-30"),
                            province: "Guangdong", city: "Shenzhen", occupationCode: OccupationCode(parts: [2, 2, 10, 3]))
        return try Fixture.plan(hire, [
            try Fixture.leg("Shanghai", "Shanghai", "2026-09-28", "2026-11-30"),
            try Fixture.leg("Shenzhen", "Guangdong", "2026-12-01", "2027-01-15"),
        ], catalogues: InMemoryCatalogues(catalogues: ["Shanghai": ["2-02-10": ["degree + 2 years"]]]))
    }

    static let stamp = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("CRLF line endings, no line longer than 75 octets, one VEVENT per deadline")
    func structure() throws {
        let report = try Self.report()
        let ics = ICalendarWriter(stamp: Self.stamp).calendar(for: report)
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let lines = ics.components(separatedBy: "\r\n").dropLast()
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains { $0.hasPrefix(" ") }) // long descriptions were folded
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == report.deadlines.count)
        #expect(report.deadlines.count >= 5)
        #expect(ics.contains("DTSTART;VALUE=DATE:20261016")) // work-permit... or local filing, 10 working days after 28 Sep
    }

    @Test("UIDs are unique within a calendar and stable across runs and due-date changes")
    func stableUIDs() throws {
        let first = ICalendarWriter(stamp: Self.stamp).calendar(for: try Self.report())
        let second = ICalendarWriter(stamp: Date()).calendar(for: try Self.report())
        func uids(_ ics: String) -> [String] {
            // Unfold first (RFC 5545 §3.1), then read the UID lines.
            ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        }
        #expect(uids(first) == uids(second))
        #expect(Set(uids(first)).count == uids(first).count)
        // A plan whose permit expires later moves the extension's due date but keeps its UID.
        var rules = try Fixture.rules()
        rules.holidays = HolidayCalendar(years: [])
        let moved = try Planner(rules: rules, catalogues: InMemoryCatalogues(catalogues: ["Shanghai": ["2-02-10": []]])).plan(
            AssignmentPlan(hire: try Self.report().hire, legs: try Self.report().legs.map(\.leg)))
        let third = ICalendarWriter(stamp: Self.stamp).calendar(for: moved)
        #expect(uids(third) == uids(first))
        #expect(third != first) // the working-day due dates moved without the holidays
    }

    @Test("the calendar parses in a real parser (PyPI icalendar)",
          .enabled(if: ICalendarTests.python != nil,
                   "PyPI icalendar not found: run the tests with `make test`, which installs it in .build/pytools, or set RENCAI_ICAL_PYTHON"))
    func realParser() throws {
        let report = try Self.report()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-ics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plan.ics")
        try AtomicFile.write(ICalendarWriter(stamp: Self.stamp).calendar(for: report), to: file)
        let script = """
            import sys, json, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            out = []
            for e in cal.walk('VEVENT'):
                out.append({'uid': str(e['UID']), 'start': e['DTSTART'].dt.isoformat(), 'end': e['DTEND'].dt.isoformat(),
                            'summary': str(e['SUMMARY']), 'description': str(e['DESCRIPTION'])})
            print(json.dumps({'version': str(cal['VERSION']), 'events': out}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python))
        process.arguments = ["-c", script, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        struct Parsed: Decodable {
            struct Event: Decodable { let uid: String; let start: String; let end: String; let summary: String; let description: String }
            let version: String
            let events: [Event]
        }
        let parsed = try JSONDecoder().decode(Parsed.self, from: data)
        #expect(parsed.version == "2.0")
        let expected = report.deadlines
        #expect(parsed.events.count == expected.count)
        #expect(Set(parsed.events.map(\.start)) == Set(expected.map(\.action.due.description)))
        for event in parsed.events {
            // All-day events end the next day; escaped text comes back intact, CJK included.
            #expect(event.end > event.start)
            #expect(event.summary.hasPrefix("Maria Rossi; \"MR\", 玛丽亚: "))
            #expect(event.description.contains("Basis: "))
        }
        #expect(parsed.events.contains { $0.summary.contains("local_filing") && $0.start == "2026-10-16" })
    }
}
