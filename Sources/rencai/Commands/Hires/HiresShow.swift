import ArgumentParser
import Foundation
import RencaiCore
import Store

/// `rencai hires show ID`.
struct HiresShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one hire in full.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The employee id.", valueName: "id"))
    var id: String

    func run() async throws {
        global.bootstrapLogging()
        let store = try global.openStore()
        defer { try? store.close() }
        guard let hire = try HiresRegistry(store: store).hire(id: id) else {
            throw InputError("no hire with employee id '\(id)': see `rencai hires list`", status: .noInput)
        }
        if global.json { try Output.json(hire); return }
        let fields: [(String, String)] = [
            ("employee_id", hire.employeeID), ("name", hire.name), ("nationality", hire.nationality),
            ("passport_no", hire.passportNo), ("category", hire.category.rawValue), ("route", hire.route ?? "—"),
            ("permit_no", hire.permitNo ?? "—"), ("permit_expiry", hire.permitExpiry.description),
            ("province", hire.province), ("city", hire.city ?? "—"),
            ("occupation_code", "\(hire.occupationCode.text) (\(hire.occupationEdition) edition)"),
            ("job_title", hire.jobTitle ?? "—"), ("start_date", hire.startDate?.description ?? "—"),
        ]
        for (k, v) in fields { print("\(k.padding(toLength: 16, withPad: " ", startingAt: 0)) \(v)") }
    }
}
