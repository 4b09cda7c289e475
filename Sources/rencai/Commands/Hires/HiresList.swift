import ArgumentParser
import Foundation
import RencaiCore
import Store

/// `rencai hires list`.
struct HiresList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the registered hires (passport numbers masked; whole in --json)."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        global.bootstrapLogging()
        let store = try global.openStore()
        defer { try? store.close() }
        let hires = try HiresRegistry(store: store).all()
        if global.json {
            try Output.json(hires.map(HireJSON.init))
            return
        }
        if hires.isEmpty { print("no hires registered: import some with `rencai hires import FILE`"); return }
        let rows = hires.map { h in
            [h.employeeID, h.name, h.nationality, h.maskedPassport, h.category.rawValue + (h.route.map { "/\($0)" } ?? ""),
             h.permitExpiry.description, [h.city, h.province].compactMap { $0 }.removingDuplicates().joined(separator: ", "),
             h.occupationCode.text, h.jobTitle ?? ""]
        }
        print(Output.table(["ID", "NAME", "NAT", "PASSPORT", "CAT", "PERMIT EXPIRY", "PLACE", "OCCUPATION", "JOB TITLE"], rows))
        print("\(hires.count) hires")
    }
}

/// The `--json` form of a hire in `hires list`: exactly the registry's field names.
struct HireJSON: Encodable {
    let hire: Hire
    init(_ hire: Hire) { self.hire = hire }

    enum Keys: String, CodingKey {
        case employee_id, name, nationality, passport_no, category, route, permit_no, permit_expiry
        case province, city, occupation_code, job_title, start_date
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(hire.employeeID, forKey: .employee_id)
        try c.encode(hire.name, forKey: .name)
        try c.encode(hire.nationality, forKey: .nationality)
        try c.encode(hire.passportNo, forKey: .passport_no)
        try c.encode(hire.category.rawValue, forKey: .category)
        try c.encode(hire.route, forKey: .route)
        try c.encode(hire.permitNo, forKey: .permit_no)
        try c.encode(hire.permitExpiry, forKey: .permit_expiry)
        try c.encode(hire.province, forKey: .province)
        try c.encode(hire.city, forKey: .city)
        try c.encode(hire.occupationCode.text, forKey: .occupation_code)
        try c.encode(hire.jobTitle, forKey: .job_title)
        try c.encode(hire.startDate, forKey: .start_date)
    }
}

extension Array where Element: Hashable {
    func removingDuplicates() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
