import GRDB

extension StoreMigration {
    /// The hires registry: the company's current foreign hires, keyed by employee id.
    static let hires_v1 = StoreMigration(identifier: "001_hires") { db in
        try db.create(table: "hire") { t in
            t.primaryKey("employee_id", .text)
            t.column("name", .text).notNull()
            t.column("nationality", .text).notNull()
            t.column("passport_no", .text).notNull()
            t.column("category", .text).notNull()
            t.column("route", .text)
            t.column("permit_no", .text)
            t.column("permit_expiry", .text).notNull()
            t.column("province", .text).notNull().indexed()
            t.column("city", .text)
            t.column("occupation_code", .text).notNull().indexed()
            t.column("occupation_edition", .text).notNull().defaults(to: "2022")
            t.column("job_title", .text)
            t.column("start_date", .text)
            t.column("updated_at", .text).notNull()
        }
    }
}
