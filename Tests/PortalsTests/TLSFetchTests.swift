import Foundation
import Portals
import SamplePortal
import Testing

/// A throw-away HTTPS server: `openssl s_server -www` with a self-signed certificate for 127.0.0.1.
final class SelfSignedServer {
    let folder: URL
    let port: Int
    let process = Process()

    var certificate: String { folder.appendingPathComponent("cert.pem").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                      "-addext", "subjectAltName=IP:127.0.0.1",
                      "-keyout", folder.appendingPathComponent("key.pem").path, "-out", folder.appendingPathComponent("cert.pem").path])
        // Borrow a free port from the kernel through a throw-away sample portal.
        let probe = try SamplePortalServer.start(root: folder)
        port = Int(probe.port)
        probe.stop()
        process.executableURL = URL(fileURLWithPath: Self.openssl!)
        process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", folder.appendingPathComponent("cert.pem").path,
                             "-key", folder.appendingPathComponent("key.pem").path, "-www", "-quiet"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening()
    }

    private func waitUntilListening() throws {
        for _ in 0..<100 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return }
            usleep(50_000)
        }
        throw CocoaError(.fileReadUnknown)
    }

    func stop() {
        // SIGKILL and a bounded poll: Foundation's waitUntilExit can hang inside the test runner.
        kill(process.processIdentifier, SIGKILL)
        for _ in 0..<100 where process.isRunning { usleep(20_000) }
        try? FileManager.default.removeItem(at: folder)
    }

    static let openssl: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: openssl!)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

@Suite("TLS verification is always on", .enabled(if: SelfSignedServer.openssl != nil, "needs the openssl command to run a TLS server"))
struct TLSFetchTests {
    @Test("a self-signed certificate is refused, and accepted with the source's CA file")
    func selfSigned() async throws {
        let server = try SelfSignedServer()
        defer { server.stop() }
        let client = PortalClient(configuration: PortalClientConfiguration(perHostMinDelay: 0, perHostJitter: 0, retry: .none))
        defer { client.shutdown() }
        let url = URL(string: "https://127.0.0.1:\(server.port)/")!
        let limits = FetchLimits(connectTimeout: 5, totalTimeout: 10)
        let refused = await client.fetch(FetchRequest(url: url, limits: limits, obeyRobots: false))
        guard case .error(.tls) = refused.outcome else {
            Issue.record("expected a TLS failure, got \(refused.outcome)")
            return
        }
        let trusted = await client.fetch(FetchRequest(url: url, caFile: server.certificate, limits: limits, obeyRobots: false))
        #expect(trusted.outcome == .firstSeen)
        #expect(trusted.response?.status == 200)
        #expect((trusted.response?.timings.tlsHandshake ?? 0) > 0)
    }
}
