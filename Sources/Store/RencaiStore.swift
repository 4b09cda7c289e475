import Foundation
import GRDB
import RencaiCore

/// rencai's database: one SQLite file in WAL mode, created with mode 0600 because it holds passport
/// numbers. Every logical change is one transaction (``write(_:)``).
///
/// ```swift
/// let store = try RencaiStore.open(at: URL(fileURLWithPath: "/tmp/rencai.sqlite"))
/// let hires = try HiresRegistry(store: store).all()
/// ```
public final class RencaiStore: Sendable {
    /// The GRDB pool, for modules that keep their own tables.
    public let pool: DatabasePool
    public let url: URL

    private init(pool: DatabasePool, url: URL) {
        self.pool = pool
        self.url = url
    }

    /// Opens (creating when needed) the store and brings its schema up to date.
    public static func open(at url: URL, busyTimeout: TimeInterval = 5) throws -> RencaiStore {
        let fm = FileManager.default
        let directory = url.deletingLastPathComponent()
        if !fm.fileExists(atPath: directory.path) {
            do { try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
                throw StoreError.cannotCreate(path: url.path, reason: "cannot create the folder \(directory.path)")
            }
        }
        if !fm.fileExists(atPath: url.path) {
            // Create the file ourselves so that it never exists with a wider mode than 0600.
            let fd = Glibc.open(url.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            if fd < 0 && errno != EEXIST {
                throw StoreError.cannotCreate(path: url.path, reason: String(cString: strerror(errno)))
            }
            if fd >= 0 { Glibc.close(fd) }
        } else if !fm.isReadableFile(atPath: url.path) || !fm.isWritableFile(atPath: url.path) {
            throw StoreError.unreadable(path: url.path, reason: "permission denied")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            let store = RencaiStore(pool: pool, url: url)
            try StoreMigrations.migrator.migrate(pool)
            return store
        } catch let error as DatabaseError {
            throw StoreError(error, path: url.path)
        }
    }

    /// Runs `body` in one write transaction; on any error nothing is written.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let error as DatabaseError {
            throw StoreError(error, path: url.path)
        }
    }

    /// Reads from a consistent snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let error as DatabaseError {
            throw StoreError(error, path: url.path)
        }
    }

    /// Closes the database deterministically.
    public func close() throws { try pool.close() }
}

/// Store failures, as the user can act on them.
public enum StoreError: UserFacingError {
    case locked(path: String)
    case notADatabase(path: String)
    case unreadable(path: String, reason: String)
    case cannotCreate(path: String, reason: String)
    case failed(path: String, reason: String)

    init(_ error: DatabaseError, path: String) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .locked(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: self = .notADatabase(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH: self = .unreadable(path: path, reason: error.message ?? "cannot open")
        default: self = .failed(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    public var message: String {
        switch self {
        case .locked(let path): return "store \(path) is locked by another process: wait for it to finish and try again (nothing was changed)"
        case .notADatabase(let path): return "store \(path) is not a rencai database (or is damaged): point --store at the right file (nothing was changed)"
        case .unreadable(let path, let reason): return "store \(path) cannot be opened (\(reason)): check its permissions (nothing was changed)"
        case .cannotCreate(let path, let reason): return "store \(path) cannot be created (\(reason)): choose another --store path"
        case .failed(let path, let reason): return "store \(path): \(reason) (nothing was changed)"
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .locked: return .tempFailure
        case .notADatabase: return .dataError
        case .unreadable: return .noPermission
        case .cannotCreate: return .cantCreate
        case .failed: return .ioError
        }
    }
}
