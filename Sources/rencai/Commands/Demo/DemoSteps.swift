import Foundation
import RencaiCore
import Store

/// The demo's steps in order; each feature appends its own.
enum DemoSteps {
    static let all: [DemoStep] = [importHires, classify, assess, dossier, portal, watch, alerts, plan]

    static let importHires = DemoStep(title: "Import the current hires (Chinese headers, GB18030)") { ctx in
        let file = ctx.fixtures.appendingPathComponent("hires/hires-zh.csv")
        let gazetteer = try Gazetteer.bundled(ctx.resources)
        let registry = HiresRegistry(store: ctx.store)
        let report = try registry.importFile(file, gazetteer: gazetteer)
        print("imported \(report.inserted) hires from Fixtures/hires/hires-zh.csv")
        let update = ctx.fixtures.appendingPathComponent("hires/new-hires-2026-11.csv")
        let second = try registry.importFile(update, gazetteer: gazetteer)
        print("then Fixtures/hires/new-hires-2026-11.csv (English headers, UTF-8 with BOM): \(second.inserted) new, \(second.updated) updated (E004's renewed permit)")
        let hires = try registry.all()
        for hire in hires.prefix(5) {
            print("  \(hire.employeeID)  \(hire.name)  \(hire.category.rawValue)  \(hire.city ?? hire.province)  \(hire.occupationCode)  permit until \(hire.permitExpiry)")
        }
        if hires.count > 5 { print("  … and \(hires.count - 5) more") }
    }
}
