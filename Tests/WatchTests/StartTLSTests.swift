import Foundation
import RencaiCore
import Store
import Testing
@testable import Watch

/// An SMTP server that offers STARTTLS (Python's ssl module) with a certificate made for the test by the
/// openssl command: the e-mail goes out only over TLS, and only to a server the CA file vouches for.
final class StartTLSSink: @unchecked Sendable {
    static let script = #"""
import socket, ssl, sys, base64
ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(('127.0.0.1', 0)); srv.listen(5)
print(srv.getsockname()[1], flush=True)
while True:
    conn, _ = srv.accept()
    tls = False
    f = conn.makefile('rb')
    conn.sendall(b'220 tls-sink ESMTP\r\n')
    try:
        while True:
            line = f.readline()
            if not line: break
            verb = line.strip().split(b' ')[0].upper()
            if verb == b'EHLO':
                conn.sendall(b'250-tls-sink\r\n' + (b'' if tls else b'250-STARTTLS\r\n') + b'250 8BITMIME\r\n')
            elif verb == b'STARTTLS':
                conn.sendall(b'220 go ahead\r\n')
                conn = ctx.wrap_socket(conn, server_side=True); f = conn.makefile('rb'); tls = True
            elif verb in (b'MAIL', b'RCPT'):
                conn.sendall(b'250 OK\r\n' if tls else b'530 Must issue a STARTTLS command first\r\n')
            elif verb == b'DATA':
                conn.sendall(b'354 go\r\n'); data = b''
                while True:
                    l = f.readline()
                    if l in (b'.\r\n', b''): break
                    data += l
                print('MESSAGE', tls, base64.b64encode(data).decode(), flush=True)
                conn.sendall(b'250 OK\r\n')
            elif verb == b'QUIT':
                conn.sendall(b'221 bye\r\n'); break
            else:
                conn.sendall(b'250 OK\r\n')
    except Exception as e:
        print('ERROR', e, flush=True)
    conn.close()
"""#

    let server: PythonServer
    var port: UInt16 { server.port }

    init(cert: String, key: String) throws {
        server = try PythonServer(script: Self.script, arguments: [cert, key], name: "python STARTTLS sink")
    }

    /// Messages received: whether they came over TLS, and their data.
    var messages: [(tls: Bool, data: String)] {
        server.lines.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "MESSAGE", let data = Data(base64Encoded: String(parts[2])) else { return nil }
            return (parts[1] == "True", String(decoding: data, as: UTF8.self))
        }
    }

    func stop() { server.stop() }

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") && SigningTests.hasPython
    }

    /// A self-signed certificate for 127.0.0.1 made with the openssl command.
    static func makeCertificate(in folder: URL) throws -> (cert: String, key: String) {
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw POSIXFailure("openssl req failed") }
        return (cert, key)
    }
}

@Suite("SMTP with STARTTLS against a real TLS server", .serialized, .enabled(if: StartTLSSink.available, "needs openssl and python3"))
struct StartTLSTests {
    @Test("with the CA file the message goes out over TLS; without it, the unverified server gets nothing")
    func starttls() throws {
        let (store, folder) = try TestFixtures.storeWithHires()
        let (cert, key) = try StartTLSSink.makeCertificate(in: folder)
        let sink = try StartTLSSink(cert: cert, key: key)
        defer { sink.stop() }
        let trusted = ChannelConfig(id: "mail", kind: .smtp, url: "smtp://127.0.0.1:\(sink.port)", from: "rencai@example.com",
                                    to: ["hr@example.com"], caFile: cert)
        let untrusted = ChannelConfig(id: "mail-untrusted", kind: .smtp, url: "smtp://127.0.0.1:\(sink.port)", from: "rencai@example.com",
                                      to: ["hr@example.com"])
        _ = try DeliveryTests.seed(store, [trusted, untrusted])
        let report = Deliverer(store: store, channels: try [trusted, untrusted].map { try $0.resolved(environment: [:]) },
                               policy: DeliveryTests.fastRetry).deliverDue()
        #expect(report.delivered == 2)          // both alerts on the trusted channel
        #expect(report.pending == 2)            // both on the untrusted one: certificate not verified
        #expect(report.failures.allSatisfy { $0.contains("mail-untrusted") })
        let deadline = Date().addingTimeInterval(10)
        while sink.messages.count < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(sink.messages.count == 2)
        #expect(sink.messages.allSatisfy { $0.tls })
        #expect(sink.messages.first?.data.contains("X-Rencai-Alert-IDs") == true)
    }
}
