import Foundation
import GRDB
import RencaiCore

/// Reads and writes the hires registry.
///
/// ```swift
/// let registry = HiresRegistry(store: store)
/// let report = try registry.importFile(URL(fileURLWithPath: "hires.csv"), gazetteer: gazetteer)
/// let hire = try registry.hire(id: "E001")
/// ```
public struct HiresRegistry: Sendable {
    public let store: RencaiStore

    public init(store: RencaiStore) { self.store = store }

    /// What an import did.
    public struct ImportReport: Sendable {
        public let inserted: Int
        public let updated: Int
        /// Notes that did not stop the import (e.g. a city not in the gazetteer, kept as written).
        public let warnings: [String]
    }

    /// Imports a CSV or XLSX file: validates every row first, then writes all of them in one
    /// transaction, or nothing at all.
    public func importFile(_ url: URL, gazetteer: Gazetteer, defaultEdition: String = OccupationCode.defaultEdition) throws -> ImportReport {
        let table = try Table.read(contentsOf: url)
        let parsed = try HireTableParser(gazetteer: gazetteer, defaultEdition: defaultEdition).parse(table)
        return try store.write { db in
            var inserted = 0, updated = 0
            for hire in parsed.hires {
                if try Hire.exists(db, key: hire.employeeID) { updated += 1 } else { inserted += 1 }
                try hire.save(db)
            }
            return ImportReport(inserted: inserted, updated: updated, warnings: parsed.warnings)
        }
    }

    /// Adds or replaces hires in one transaction.
    public func save(_ hires: [Hire]) throws {
        try store.write { db in for hire in hires { try hire.save(db) } }
    }

    /// Every hire, by employee id.
    public func all() throws -> [Hire] {
        try store.read { db in try Hire.order(Column("employee_id")).fetchAll(db) }
    }

    /// One hire, or nil.
    public func hire(id: String) throws -> Hire? {
        try store.read { db in try Hire.fetchOne(db, key: id) }
    }

    /// Hires in a province (canonical name), optionally a city.
    public func hires(inProvince province: String, city: String? = nil) throws -> [Hire] {
        try store.read { db in
            var request = Hire.filter(Column("province") == province)
            if let city { request = request.filter(Column("city") == city) }
            return try request.order(Column("employee_id")).fetchAll(db)
        }
    }
}
