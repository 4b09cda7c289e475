import ArgumentParser
import Foundation
import RencaiCore
import Store

/// `rencai hires import FILE`: all rows or none.
struct HiresImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import hires from a CSV (UTF-8 or GB18030) or .xlsx file; re-importing an employee updates it.",
        discussion: "Headers may be English (employee_id, name, nationality, passport_no, category, route, permit_no, permit_expiry, province, city, occupation_code, job_title, start_date) or Chinese (工号, 姓名, 国籍, 护照号码, 类别, 许可证号, 许可证到期日, 省份, 城市, 职业代码, 职位, 入职日期). Any bad row stops the import and nothing is written."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The CSV or .xlsx file.", valueName: "file"))
    var file: String

    @Option(help: "The occupation classification edition of codes without an edition column.")
    var edition = OccupationCode.defaultEdition

    func run() async throws {
        global.bootstrapLogging()
        let gazetteer = try Gazetteer.bundled(try global.resources())
        let store = try global.openStore()
        defer { try? store.close() }
        let report = try HiresRegistry(store: store).importFile(URL(fileURLWithPath: file), gazetteer: gazetteer, defaultEdition: edition)
        for warning in report.warnings where !global.quiet { Output.note("warning: \(warning)") }
        if global.json {
            try Output.json(["inserted": report.inserted, "updated": report.updated, "warnings": report.warnings.count])
        } else {
            print("imported \(report.inserted + report.updated) hires from \(file) (\(report.inserted) new, \(report.updated) updated)")
        }
    }
}
