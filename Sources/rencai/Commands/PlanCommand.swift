import ArgumentParser
import Assignments
import Foundation
import RencaiCore
import Store

/// `rencai plan`: plans a multi-city assignment: per-leg recognition, actions with due dates and their
/// basis, and checks across the plan.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a multi-city assignment: recognition, actions and deadlines.",
        discussion: """
        Give a plan file (YAML: hire, passport_expiry, legs of city, start, end, purpose, lodging) or \
        --hire ID with one --leg per stay. Exits 0 when the plan has no problems, 1 when it has findings that \
        are problems (overlaps, gaps, expiries, a new permit needed, recognition unknown).
        Guiding catalogues come from the store (`rencai watch run` loads them); for a province with none, the plan says the check could not be made.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A plan file (YAML); see Fixtures/plans/.", valueName: "plan.yaml"))
    var file: String?

    @Option(help: ArgumentHelp("The employee id of a hire in the registry (instead of a plan file).", valueName: "id"))
    var hire: String?

    @Option(name: .customLong("leg"), help: ArgumentHelp("A leg: City:YYYY-MM-DD:YYYY-MM-DD[:purpose] (repeat for each leg).", valueName: "leg"))
    var legs: [String] = []

    @Option(name: .customLong("passport-expiry"), help: ArgumentHelp("The passport's expiry date, for the passport checks.", valueName: "date"))
    var passportExpiry: String?

    @Option(help: ArgumentHelp("Write the deadlines as an iCalendar file (RFC 5545).", valueName: "file.ics"))
    var ics: String?

    @Option(help: ArgumentHelp("Write an HTML report (template reports/plan.html.mustache).", valueName: "file.html"))
    var html: String?

    @Option(help: ArgumentHelp("Extra public holidays and adjusted working days (same shape as rules/holidays-cn.yaml); its years replace the bundled ones. Repeatable.", valueName: "file"))
    var holidays: [String] = []

    @Option(help: ArgumentHelp("Replacement recognition rules (shape of rules/assignment-recognition.yaml).", valueName: "file"))
    var recognition: String?

    @Option(help: ArgumentHelp("Replacement deadline rules (shape of rules/assignment-deadlines.yaml).", valueName: "file"))
    var deadlines: String?

    @Option(name: .customLong("tax-residence"), help: ArgumentHelp("Replacement tax-residence rule (shape of rules/assignment-tax-residence.yaml).", valueName: "file"))
    var taxResidence: String?

    func validate() throws {
        if file != nil && (hire != nil || !legs.isEmpty) {
            throw ValidationError("give either a plan file or --hire with --leg, not both")
        }
        if file == nil && hire == nil { throw ValidationError("give a plan file, or --hire ID with at least one --leg") }
        if hire != nil && legs.isEmpty { throw ValidationError("--hire needs at least one --leg City:YYYY-MM-DD:YYYY-MM-DD") }
    }

    func run() async throws {
        global.bootstrapLogging()
        let resources = try global.resources()
        let gazetteer = try Gazetteer.bundled(resources)
        let rules = try PlanRules.bundled(resources,
                                          recognition: recognition.map(URL.init(fileURLWithPath:)),
                                          deadlines: deadlines.map(URL.init(fileURLWithPath:)),
                                          taxResidence: taxResidence.map(URL.init(fileURLWithPath:)),
                                          extraHolidays: holidays.map(URL.init(fileURLWithPath:)))
        let passport = try passportExpiry.map { text -> Day in
            do { return try Day(parsing: text) } catch {
                throw InputError("--passport-expiry '\(text)': write the date as YYYY-MM-DD", status: .usage)
            }
        }
        // The store (hires and catalogues) is opened once when it exists; a plan never creates one.
        let storeURL = global.storeURL(config: try global.loadConfig())
        let store = FileManager.default.fileExists(atPath: storeURL.path) ? try RencaiStore.open(at: storeURL) : nil
        defer { try? store?.close() }
        let input = PlanInput(gazetteer: gazetteer) { id in
            try store.flatMap { try HiresRegistry(store: $0).hire(id: id) }
        }
        var plan: AssignmentPlan
        if let file {
            plan = try input.plan(fileAt: URL(fileURLWithPath: file))
            if let passport { plan.hire.passportExpiry = passport }
        } else {
            plan = try input.plan(hireID: hire ?? "", legs: legs, passportExpiry: passport)
        }
        let catalogues: any CatalogueLookup = store.map(StoreCatalogueLookup.init) ?? NoCataloguesLoaded()
        let report = try Planner(rules: rules, catalogues: catalogues).plan(plan)

        if let ics {
            try AtomicFile.write(ICalendarWriter().calendar(for: report), to: URL(fileURLWithPath: ics))
        }
        if let html {
            let renderer = try PlanHTMLRenderer(templateURL: resources.url("reports/plan.html.mustache"))
            try AtomicFile.write(renderer.render(report, rules: rules), to: URL(fileURLWithPath: html))
        }
        if global.json {
            try Output.json(PlanJSON(report))
        } else {
            print(PlanTable.render(report))
            if let ics { print("\nwrote \(report.deadlines.count) deadlines to \(ics)") }
            if let html { print("wrote the report to \(html)") }
        }
        if report.hasProblems { throw ExitCode(ExitStatus.notReady.rawValue) }
    }
}

/// The human-readable form of a plan.
enum PlanTable {
    static func render(_ report: PlanReport) -> String {
        let hire = report.hire
        var out = "Plan for \(hire.name) (\(hire.employeeID)): category \(hire.categoryLabel), \(hire.occupationCode), permit issued in \(hire.province), valid until \(hire.permitExpiry)\n\n"
        out += Output.table(["#", "city", "province", "start", "end", "days", "recognition"],
                            report.legs.enumerated().map { i, p in
                                [String(i + 1), p.leg.city, p.leg.province, p.leg.start.description, p.leg.end.description,
                                 String(p.leg.length), p.recognition.rawValue]
                            })
        out += "\n\nWhy:\n" + report.legs.enumerated().map { i, p in "  \(i + 1). \(p.reason)" }.joined(separator: "\n")
        out += "\n\nDeadlines:\n"
        out += Output.table(["due", "leg", "action", "counted", "source"],
                            report.deadlines.map { d in
                                [d.action.due.description + (d.action.opens.map { " (opens \($0))" } ?? ""), d.leg.city, d.action.action,
                                 d.action.period, d.action.provenance.citation]
                            })
        out += "\n\nFindings:\n"
        out += report.findings.isEmpty ? "  none" : report.findings.map { f in
            "  \(f.severity == .problem ? "PROBLEM" : "note   ") \(f.kind): \(f.detail)"
        }.joined(separator: "\n")
        return out
    }
}
