import Foundation
import SamplePortal
import Testing

/// The built `rencai` binary (swift test builds it), driven as a user would, against the sample portal.
enum RencaiBinary {
    static let url = FixturePaths.checkout.appendingPathComponent(".build/debug/rencai")
    static var exists: Bool { FileManager.default.isExecutableFile(atPath: url.path) }
}

/// A running `rencai` process with its output collected.
final class RencaiProcess: @unchecked Sendable {
    let process = Process()
    private let out = Pipe(), err = Pipe()
    private let lock = NSLock()
    private var stdoutData = Data(), stderrData = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = RencaiBinary.url
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] h in let d = h.availableData; self?.append(d, toStdout: true) }
        err.fileHandleForReading.readabilityHandler = { [weak self] h in let d = h.availableData; self?.append(d, toStdout: false) }
        try process.run()
    }

    private func append(_ data: Data, toStdout: Bool) {
        lock.lock()
        if toStdout { stdoutData.append(data) } else { stderrData.append(data) }
        lock.unlock()
    }

    var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: stderrData, as: UTF8.self) }

    /// Waits for the exit and returns the status.
    func wait() -> Int32 {
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)   // let the readability handlers drain
        return process.terminationStatus
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = try RencaiProcess(arguments)
        let status = p.wait()
        return (status, p.stdout, p.stderr)
    }
}

@Suite("rencai watch, end to end", .serialized, .enabled(if: RencaiBinary.exists, "the rencai binary is not built (run swift build)"))
struct WatchCLITests {
    /// A config with two sources on the sample portal and a fresh store, in a temporary folder.
    func setUp(_ portal: SamplePortalServer) throws -> (config: String, store: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let yaml = """
        contact: tests@example.com
        sources:
          - id: sh-urgent-need
            province: 上海
            url: \(portal.url("/catalogues/sh-urgent-need/catalogue.html").absoluteString)
            kind: html_table
            interval: 1h
          - id: bj-csv
            province: 北京市
            url: \(portal.url("/catalogues/bj-csv/catalogue.csv").absoluteString)
            kind: csv
        watch:
          manual_import_after: 1
        """
        try yaml.write(to: dir.appendingPathComponent("rencai.yaml"), atomically: true, encoding: .utf8)
        return (dir.appendingPathComponent("rencai.yaml").path, dir.appendingPathComponent("rencai.sqlite").path)
    }

    func common(_ config: String, _ store: String) -> [String] {
        ["--config", config, "--store", store, "--templates", FixturePaths.checkout.appendingPathComponent("Templates").path]
    }

    @Test("run --once --json prints one object per source; diff --json has the documented shape; a wall exits 75 and keeps the baseline; import")
    func onceDiffStatusImport() throws {
        let portal = try SamplePortalServer.start(root: try #require(SamplePortalServer.fixturesRoot()))
        defer { portal.stop() }
        let (config, store) = try setUp(portal)
        let opts = common(config, store)

        let first = try RencaiProcess.run(["watch", "run", "--once", "--json"] + opts)
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(Set(lines.compactMap { $0["source"] as? String }) == ["sh-urgent-need", "bj-csv"])
        #expect(lines.allSatisfy { Set($0.keys) == ["source", "outcome", "revision", "detail"] && $0["outcome"] as? String == "first_seen" })

        portal.setRevision("r2", for: "/catalogues/sh-urgent-need/catalogue.html")
        let second = try RencaiProcess.run(["watch", "run", "--once", "--source", "sh-urgent-need"] + opts)
        #expect(second.status == 0)
        #expect(second.stdout.hasPrefix("sh-urgent-need  changed  r"), "\(second.stdout)")

        let diff = try RencaiProcess.run(["watch", "diff", "sh-urgent-need", "--json"] + opts)
        #expect(diff.status == 0, "\(diff.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        #expect((object["added"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["2-02-10-10", "2-02-10-11"])
        #expect((object["removed"] as? [[String: Any]])?.count == 2)
        let changed = try #require((object["changed"] as? [[String: Any]])?.first)
        #expect(changed["key"] as? String == "2-02-10-08")
        #expect(((changed["fields"] as? [String: [String: String]])?["备注"]) == ["old": "紧缺", "new": "特别紧缺"])

        portal.setRevision("wall", for: "/catalogues/sh-urgent-need/catalogue.html")
        let blocked = try RencaiProcess.run(["watch", "run", "--once", "--source", "sh-urgent-need"] + opts)
        #expect(blocked.status == 75)
        #expect(blocked.stdout.contains("blocked"))
        let status = try RencaiProcess.run(["watch", "status", "--json"] + opts)
        let states = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        let sh = try #require(states.first { $0["source"] as? String == "sh-urgent-need" })
        #expect(sh["needs_manual_import"] as? Bool == true)
        #expect(sh["last_outcome"] as? String == "blocked")
        #expect(sh["baseline"] as? Int == 3)   // r1, r2: the two first revisions; r3: the change; the wall added none

        let history = try RencaiProcess.run(["watch", "history", "sh-urgent-need", "--json"] + opts)
        let revisions = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(revisions.count == 2)
        #expect((revisions.first?["created_at"] as? String)?.hasSuffix("Z") == true)
        #expect((sh["last_verified_at"] as? String)?.hasSuffix("Z") == true)

        let saved = FixturePaths.catalogues.appendingPathComponent("sh-urgent-need/catalogue.r3.html").path
        let imported = try RencaiProcess.run(["watch", "import", "sh-urgent-need", saved] + opts)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("unchanged"))   // r3 only renumbers r2's rows

        let unknown = try RencaiProcess.run(["watch", "diff", "nowhere"] + opts)
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("known: sh-urgent-need, bj-csv"))
    }

    @Test("without --once it watches until SIGTERM, then finishes the fetch in flight and exits 0")
    func scheduledModeStopsOnSIGTERM() throws {
        let portal = try SamplePortalServer.start(root: try #require(SamplePortalServer.fixturesRoot()))
        defer { portal.stop() }
        let (config, store) = try setUp(portal)
        let process = try RencaiProcess(["watch", "run", "--source", "sh-urgent-need"] + common(config, store))
        let deadline = Date().addingTimeInterval(30)
        while !process.stdout.contains("first_seen") && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(process.stdout.contains("sh-urgent-need  first_seen"))
        kill(process.process.processIdentifier, SIGTERM)
        #expect(process.wait() == 0)
        #expect(process.stderr.contains("stopped (SIGTERM)"), "\(process.stderr)")
    }
}
