import Assignments
import Foundation
import RencaiCore
import Store

extension DemoSteps {
    /// Plans Fixtures/plans/e003-shanghai-beijing.yaml for Maria Rossi (E003, imported by the first step):
    /// recognition per leg, deadlines with holidays, checks, and the .ics and HTML files.
    static let plan = DemoStep(title: "Plan a multi-city assignment (E003: Shanghai, Beijing, back to Shenzhen)") { ctx in
        let gazetteer = try Gazetteer.bundled(ctx.resources)
        let registry = HiresRegistry(store: ctx.store)
        let input = PlanInput(gazetteer: gazetteer) { id in try registry.hire(id: id) }
        let planFile = ctx.fixtures.appendingPathComponent("plans/e003-shanghai-beijing.yaml")
        let plan = try input.plan(fileAt: planFile)
        let rules = try PlanRules.bundled(ctx.resources)
        // The catalogues the watch step loaded into the demo store; provinces without one say so.
        let report = try Planner(rules: rules, catalogues: StoreCatalogueLookup(store: ctx.store)).plan(plan)
        print("plan file: Fixtures/plans/\(planFile.lastPathComponent)")
        print(PlanTable.render(report))
        let ics = ctx.work.appendingPathComponent("plan-E003.ics")
        let html = ctx.work.appendingPathComponent("plan-E003.html")
        try AtomicFile.write(ICalendarWriter().calendar(for: report), to: ics)
        let renderer = try PlanHTMLRenderer(templateURL: ctx.resources.url("reports/plan.html.mustache"))
        try AtomicFile.write(renderer.render(report, rules: rules), to: html)
        print("\nwrote \(report.deadlines.count) deadlines to \(ics.lastPathComponent) (an iCalendar file calendars import) and the report to \(html.lastPathComponent), in the demo folder (`rencai demo --keep` keeps it)")
        print("same from the shell: rencai plan Fixtures/plans/e003-shanghai-beijing.yaml --ics plan.ics --html plan.html")
    }
}
