import Foundation
import RencaiCore
import Store
import Testing
@testable import Watch

/// The built `rencai` binary, run as a child process.
enum RencaiBinary {
    static var url: URL { TestFixtures.checkout.appendingPathComponent(".build/debug/rencai") }
    static var exists: Bool { FileManager.default.isExecutableFile(atPath: url.path) }

    static func start(_ arguments: [String], environment: [String: String] = [:], stderr: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }
}

@Suite("A killed delivery loses no alert", .serialized, .enabled(if: RencaiBinary.exists, "build the rencai binary first (swift build)"))
struct KillTests {
    @Test("SIGKILL in the middle of `rencai alerts deliver`, then a restart: the receiver gets every alert")
    func sigkillMidDelivery() throws {
        let receiver = try WebhookReceiver(reply: .ok("{}"))
        defer { receiver.stop() }
        receiver.stall(after: 3)   // acknowledge three, then hang on the fourth
        let (store, folder) = try TestFixtures.storeWithHires()
        try HiresRegistry(store: store).save(TestFixtures.shanghaiHires(6))
        let channel = ChannelConfig(id: "hook", kind: .webhook, url: receiver.url + "/alerts")
        let removal = CatalogueChangeSet(sourceID: "sh", province: "Shanghai", revision: "r5", changes: [.init(key: "2-02-10", kind: .removed)])
        let ids = try store.write { db in
            try AlertPipeline(store: store, alerts: AlertsConfig(channels: [channel]), rules: nil).recordImpact(of: removal, in: db)
        }
        #expect(ids.count == 7)
        try store.close()
        let config = folder.appendingPathComponent("rencai.yaml")
        try """
        alerts:
          delivery: { base_delay_seconds: 1, timeout_seconds: 3 }
          channels:
            - id: hook
              kind: webhook
              url: \(receiver.url)/alerts
        """.write(to: config, atomically: true, encoding: .utf8)
        let storePath = folder.appendingPathComponent("rencai.sqlite").path
        let arguments = ["alerts", "deliver", "--store", storePath, "--config", config.path]

        let first = try RencaiBinary.start(arguments)
        let deadline = Date().addingTimeInterval(60)
        while receiver.requests.count < 4 && Date() < deadline && first.isRunning { Thread.sleep(forTimeInterval: 0.02) }
        #expect(receiver.requests.count == 4)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        let reopened = try RencaiStore.open(at: URL(fileURLWithPath: storePath))
        let pendingAfterKill = try Outbox(store: reopened).pendingDeliveries()
        #expect(pendingAfterKill.count == 4)   // the one in flight was never recorded as delivered
        try reopened.close()

        receiver.stall(after: nil)
        // The killed sender's claim on the alert in flight expires after the send timeout (3 s + 2).
        let second = try RencaiBinary.start(arguments + ["--wait", "30"])
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        #expect(Set(receiver.requests.flatMap(\.alertIDs)) == Set(ids))
        let final = try RencaiStore.open(at: URL(fileURLWithPath: storePath))
        defer { try? final.close() }
        #expect(try Outbox(store: final).pendingDeliveries().isEmpty)
    }

    @Test("the CLI with --verbose logs no secret when a robot is unreachable")
    func cliLogsNoSecret() throws {
        let probe = try WebhookReceiver()
        let port = probe.port
        probe.stop()
        let (store, folder) = try TestFixtures.storeWithHires()
        let channel = ChannelConfig(id: "ding", kind: .dingtalk, url: "http://127.0.0.1:\(port)/robot/send?access_token=TOKEN-abcdef-123456")
        _ = try store.write { db in
            try AlertPipeline(store: store, alerts: AlertsConfig(channels: [channel]), rules: nil)
                .recordImpact(of: CatalogueChangeSet(sourceID: "sh", province: "Shanghai", revision: "r1", changes: [.init(key: "2-02", kind: .added)]), in: db)
        }
        try store.close()
        let config = folder.appendingPathComponent("rencai.yaml")
        try """
        alerts:
          channels:
            - id: ding
              kind: dingtalk
              url_env: TEST_DING_URL
              secret_env: TEST_DING_SECRET
        """.write(to: config, atomically: true, encoding: .utf8)
        let pipe = Pipe()
        let process = try RencaiBinary.start(["alerts", "deliver", "--verbose", "--store", folder.appendingPathComponent("rencai.sqlite").path, "--config", config.path],
                                             environment: ["TEST_DING_URL": "http://127.0.0.1:\(port)/robot/send?access_token=TOKEN-abcdef-123456",
                                                           "TEST_DING_SECRET": "SEC-cli-secret-999"], stderr: pipe)
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == ExitStatus.tempFailure.rawValue)
        #expect(output.contains("failed"))
        #expect(!output.contains("TOKEN-abcdef-123456"))
        #expect(!output.contains("SEC-cli-secret-999"))
    }
}
