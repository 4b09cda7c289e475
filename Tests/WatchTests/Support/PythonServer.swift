import Foundation

/// A test server written in Python, run as a child process: it prints its port on the first line, then
/// one line per event, which tests read back through ``lines``.
final class PythonServer: @unchecked Sendable {
    let process = Process()
    let port: UInt16
    private let lock = NSLock()
    private var output = ""

    init(script: String, arguments: [String], name: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = pipe.fileHandleForReading
        var first = ""
        while !first.contains("\n") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            first += String(decoding: chunk, as: UTF8.self)
        }
        let lines = first.split(separator: "\n", omittingEmptySubsequences: false)
        guard let port = UInt16(lines.first ?? "") else { throw POSIXFailure("\(name) did not start") }
        self.port = port
        output = lines.dropFirst().joined(separator: "\n")
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                lock.withLock { output += String(decoding: chunk, as: UTF8.self) }
            }
        }.start()
    }

    /// Everything the server printed after its port, line by line.
    var lines: [Substring] { lock.withLock { output }.split(separator: "\n") }

    /// SIGKILL: a child of the test process inherits its blocked signals, so SIGTERM would not end it.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
