import Foundation
import RencaiCore
import Store
import Testing
@testable import Watch

/// `rencai alerts list/show/ack/expiry` through the built binary.
@Suite("rencai alerts commands", .serialized, .enabled(if: RencaiBinary.exists, "build the rencai binary first (swift build)"))
struct AlertsCLITests {
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = RencaiBinary.url
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test("expiry queues alerts; list --json, show, ack and list --unacked agree")
    func listShowAck() throws {
        let (store, folder) = try TestFixtures.storeWithHires()
        try store.close()
        let config = folder.appendingPathComponent("rencai.yaml")
        try "alerts:\n  channels:\n    - id: file\n      kind: jsonl\n      path: \(folder.appendingPathComponent("a.jsonl").path)\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let common = ["--store", folder.appendingPathComponent("rencai.sqlite").path, "--config", config.path]

        let expiry = try Self.run(["alerts", "expiry", "--today", "2026-12-01", "--within", "60", "--json"] + common)
        #expect(expiry.status == 0)
        let queued = expiry.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(queued.compactMap { $0["employee_id"] as? String }.sorted() == ["E003", "E004"])
        let again = try Self.run(["alerts", "expiry", "--today", "2026-12-01", "--within", "60"] + common)
        #expect(again.stdout.hasPrefix("0 new permit-expiry alerts"))

        let id = try #require((queued.first?["id"] as? NSNumber)?.int64Value)
        let show = try Self.run(["alerts", "show", String(id)] + common)
        #expect(show.status == 0 && show.stdout.contains("filing window") && show.stdout.contains("file: pending (0 attempts)"))
        #expect(try Self.run(["alerts", "ack", String(id)] + common).stdout.contains("acknowledged alert \(id)"))
        let unacked = try Self.run(["alerts", "list", "--unacked", "--json"] + common)
        let remaining = unacked.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(remaining.count == 1 && (remaining.first?["id"] as? NSNumber)?.int64Value != id)

        // The --json form is the channels' record plus acked_at (and deliveries for show), in one object.
        let shown = try Self.run(["alerts", "show", String(id), "--json"] + common)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect((object["id"] as? NSNumber)?.int64Value == id && object["acked_at"] is String)
        #expect(object["kind"] as? String == "permit_expiry" && object["change"] is String && object["source"] is String)
        let deliveries = try #require(object["deliveries"] as? [[String: Any]])
        #expect(deliveries.map { $0["channel"] as? String } == ["file"])
        #expect(!remaining.contains { $0["acked_at"] != nil })

        let e004 = try Self.run(["alerts", "list", "--hire", "E004", "--severity", "warning", "--json"] + common)
        #expect(e004.stdout.split(separator: "\n").count == 1 && e004.stdout.contains("\"employee_id\":\"E004\""))
        #expect(try Self.run(["alerts", "list", "--severity", "critical"] + common).stdout.hasPrefix("no alerts"))

        let deliver = try Self.run(["alerts", "deliver"] + common)
        #expect(deliver.status == 0)
        let lines = try String(contentsOf: folder.appendingPathComponent("a.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
    }

    @Test("a missing alert is exit 66 with one line; a bad channel config is exit 78")
    func errors() throws {
        let (store, folder) = try TestFixtures.storeWithHires()
        try store.close()
        let storePath = folder.appendingPathComponent("rencai.sqlite").path
        let missing = try Self.run(["alerts", "show", "42", "--store", storePath])
        #expect(missing.status == ExitStatus.noInput.rawValue)
        #expect(missing.stderr.split(separator: "\n").count == 1 && missing.stderr.contains("no alert with id 42"))
        let config = folder.appendingPathComponent("bad.yaml")
        try "alerts:\n  channels:\n    - id: m\n      kind: smtp\n      url: smtp://mail.example.com:25\n      from: a@example.com\n      to: [b@example.com]\n      tls: plain\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let bad = try Self.run(["alerts", "deliver", "--store", storePath, "--config", config.path])
        #expect(bad.status == ExitStatus.config.rawValue)
        #expect(bad.stderr.contains("tls: plain"))
    }
}

extension AlertsCLITests {
    @Test("a user's own rules file replaces the bundled filing window")
    func ownRules() throws {
        let (store, folder) = try TestFixtures.storeWithHires()
        try store.close()
        let bundled = try String(contentsOf: TestFixtures.checkout.appendingPathComponent("Templates/rules/alert-rules.yaml"), encoding: .utf8)
        try bundled.replacingOccurrences(of: "opens_days_before_expiry: 120", with: "opens_days_before_expiry: 90")
            .write(to: folder.appendingPathComponent("my-rules.yaml"), atomically: true, encoding: .utf8)
        try "alerts:\n  rules_file: my-rules.yaml\n".write(to: folder.appendingPathComponent("rencai.yaml"), atomically: true, encoding: .utf8)
        let result = try Self.run(["alerts", "expiry", "--today", "2026-12-01", "--within", "60", "--json",
                                   "--store", folder.appendingPathComponent("rencai.sqlite").path,
                                   "--config", folder.appendingPathComponent("rencai.yaml").path])
        #expect(result.status == 0)
        // E004 expires 2026-12-31: with the window opening 90 days before, it opened on 2026-10-02.
        #expect(result.stdout.contains("\"filing_opens\":\"2026-10-02\""))
    }
}
