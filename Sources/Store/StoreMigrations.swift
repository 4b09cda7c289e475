import GRDB

/// The schema, as migrations registered in order. A shipped migration is never edited: add a new one.
///
/// Each feature keeps its migrations in its own file in `Migrations/` and is listed here, in order.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all { migrator.registerMigration(migration.identifier, migrate: migration.migrate) }
        return migrator
    }

    static let all: [StoreMigration] = [
        .hires_v1,
        .occupations_v1,
        .catalogues_v1,
        .alerts_v1,
    ]
}

/// One step of the schema.
public struct StoreMigration: Sendable {
    public let identifier: String
    public let migrate: @Sendable (Database) throws -> Void
}
