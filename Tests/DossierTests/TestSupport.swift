import Foundation
import RencaiCore

/// Paths and helpers shared by the Dossier tests.
enum TestSupport {
    /// The checkout root (Tests/DossierTests/TestSupport.swift → ../..).
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = checkout.deletingLastPathComponent().appendingPathComponent("shared")
    static let conformanceSuite = shared.appendingPathComponent("data/bagit-conformance-suite")
    static var hasSuite: Bool { FileManager.default.fileExists(atPath: conformanceSuite.path) }
    static let resources = ResourceLocator(root: checkout.appendingPathComponent("Templates"))
    static let fixtures = checkout.appendingPathComponent("Fixtures")

    /// One folder for the whole test run, removed when the test process exits.
    static let scratchRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-dossier-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestSupport.scratchRoot) }
        return url
    }()

    /// A fresh temporary folder (inside ``scratchRoot``).
    static func scratch(_ name: String = "t") throws -> URL {
        let url = scratchRoot.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A Python with the PyPI `bagit` package: $RENCAI_TEST_PYTHON (set by `make test` to its venv in
    /// .build/pytools), $BAGIT_PYTHON, .build/pytools, or a system python3 that has it.
    static let bagitPython: String? = {
        let env = ProcessInfo.processInfo.environment
        var candidates = [env["RENCAI_TEST_PYTHON"], env["BAGIT_PYTHON"]].compactMap { $0 }
        candidates += [checkout.appendingPathComponent(".build/pytools/bin/python").path, "/usr/bin/python3", "/usr/local/bin/python3"]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            if (try? run(candidate, ["-c", "import bagit"]).status) == 0 { return candidate }
        }
        return nil
    }()

    static var hasBagitPython: Bool { bagitPython != nil }

    @discardableResult
    static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `python3 -m bagit --validate BAG`: exit status 0 when the reference tool accepts the bag.
    static func bagitPyValidate(_ bag: URL) throws -> (status: Int32, output: String) {
        try run(bagitPython!, ["-m", "bagit", "--validate", bag.path])
    }
}
