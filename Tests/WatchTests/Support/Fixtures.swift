import Foundation
import Logging
import RencaiCore
import Store
@testable import Watch

/// Shared set-up: a real SQLite store in a temporary folder with the sample hires imported.
enum TestFixtures {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func resources() throws -> ResourceLocator { try ResourceLocator.locate() }

    static func rules() throws -> AlertRules { try AlertRules.bundled(resources()) }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-watch-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A store with Fixtures/hires/hires-zh.csv imported (12 hires in 8 provinces).
    static func storeWithHires() throws -> (RencaiStore, URL) {
        let folder = try temporaryFolder()
        let store = try RencaiStore.open(at: folder.appendingPathComponent("rencai.sqlite"))
        let gazetteer = try Gazetteer.bundled(resources())
        _ = try HiresRegistry(store: store).importFile(checkout.appendingPathComponent("Fixtures/hires/hires-zh.csv"), gazetteer: gazetteer)
        return (store, folder)
    }

    static func hires() throws -> [Hire] {
        let (store, _) = try storeWithHires()
        defer { try? store.close() }
        return try HiresRegistry(store: store).all()
    }

    /// `count` hires in Shanghai with occupation 2-02-10-03 (ids T001 …), for digests and floods.
    static func shanghaiHires(_ count: Int) -> [Hire] {
        (1...count).map { i in
            Hire(employeeID: String(format: "T%03d", i), name: "Test \(i)", nationality: "GB", passportNo: "P\(i)",
                 category: .B, route: "points", permitExpiry: Day(year: 2027, month: 6, day: 30)!, province: "Shanghai",
                 city: "Shanghai", occupationCode: OccupationCode("2-02-10-03")!)
        }
    }
}

/// A swift-log handler that keeps every line, to prove what reaches the logs.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _lines: [String] = []
    var lines: [String] { lock.withLock { _lines } }
    var text: String { lines.joined(separator: "\n") }
    func append(_ line: String) { lock.withLock { _lines.append(line) } }

    var logger: Logger {
        var logger = Logger(label: "test.alerts") { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            sink.append("\(level) \(message) \(metadata ?? [:])")
        }
    }
}
