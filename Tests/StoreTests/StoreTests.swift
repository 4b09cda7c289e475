import Foundation
import GRDB
import Testing
@testable import RencaiCore
@testable import Store

@Suite("The SQLite store")
struct StoreTests {
    @Test("is created with mode 0600, in WAL mode, with its migrations applied")
    func createdPrivate() throws {
        let dir = try HiresFixtures.temporaryDirectory()
        let url = dir.appendingPathComponent("nested/rencai.sqlite")
        let store = try RencaiStore.open(at: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let mode = try store.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let applied = try store.read { try DatabaseMigrator.appliedIdentifiers(StoreMigrations.migrator)($0) }
        #expect(applied.contains("001_hires"))
        try store.close()
    }

    @Test("a file that is not a database gives a clear error and is left untouched")
    func notADatabase() throws {
        let dir = try HiresFixtures.temporaryDirectory()
        let url = dir.appendingPathComponent("rencai.sqlite")
        let junk = Data(String(repeating: "not a database ", count: 100).utf8)
        try junk.write(to: url)
        #expect(performing: { try RencaiStore.open(at: url) }, throws: { error in
            (error as? StoreError).map { if case .notADatabase = $0 { return true } else { return false } } ?? false
        })
        #expect(try Data(contentsOf: url) == junk)
    }

    @Test("a store locked by another writer gives a 'try again' error and no change")
    func locked() throws {
        let dir = try HiresFixtures.temporaryDirectory()
        let url = dir.appendingPathComponent("rencai.sqlite")
        let store = try RencaiStore.open(at: url, busyTimeout: 0.2)
        let gazetteer = try Gazetteer.bundled(try ResourceLocator.locate(environment: [:], executable: nil))
        // Hold an exclusive lock from a separate connection, as another process would.
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: url.path, configuration: unsafe)
        try other.inDatabase { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        let file = try HiresFixtures.write(HiresFixtures.chineseCSV(2), in: dir)
        #expect(performing: { try HiresRegistry(store: store).importFile(file, gazetteer: gazetteer) }, throws: { error in
            (error as? StoreError)?.exitStatus == .tempFailure
        })
        try other.inDatabase { try $0.execute(sql: "ROLLBACK") }
        #expect(try HiresRegistry(store: store).all().isEmpty)
    }
}

extension DatabaseMigrator {
    static func appliedIdentifiers(_ migrator: DatabaseMigrator) -> (Database) throws -> Set<String> {
        { db in try migrator.appliedIdentifiers(db) }
    }
}
