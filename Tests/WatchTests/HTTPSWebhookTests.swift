import Foundation
import RencaiCore
import Store
import Testing
@testable import Watch

/// An HTTPS webhook receiver in Python (http.server + ssl) with an openssl-made certificate.
final class HTTPSReceiver: @unchecked Sendable {
    static let script = #"""
import http.server, ssl, sys, base64
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        print('POST', self.path, base64.b64encode(body).decode(), flush=True)
        reply = b'{"errcode":0,"errmsg":"ok"}'
        self.send_response(200); self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(reply))); self.end_headers(); self.wfile.write(reply)
    def log_message(self, *a): pass
srv = http.server.HTTPServer(('127.0.0.1', 0), H)
ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH); ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
print(srv.server_address[1], flush=True)
srv.serve_forever()
"""#

    let server: PythonServer
    var port: UInt16 { server.port }

    init(cert: String, key: String) throws {
        server = try PythonServer(script: Self.script, arguments: [cert, key], name: "python HTTPS receiver")
    }

    /// (path with query, JSON body) of each POST received.
    var posts: [(target: String, json: [String: Any])] {
        server.lines.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "POST", let data = Data(base64Encoded: String(parts[2])),
                  let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
            return (String(parts[1]), json)
        }
    }

    func stop() { server.stop() }
}

@Suite("Webhooks over HTTPS", .serialized, .enabled(if: StartTLSSink.available, "needs openssl and python3"))
struct HTTPSWebhookTests {
    @Test("a signed DingTalk post over HTTPS is verified against the CA file; an unverified server gets nothing")
    func https() throws {
        let (store, folder) = try TestFixtures.storeWithHires()
        let (cert, key) = try StartTLSSink.makeCertificate(in: folder)
        let receiver = try HTTPSReceiver(cert: cert, key: key)
        defer { receiver.stop() }
        let url = "https://127.0.0.1:\(receiver.port)/robot/send?access_token=abc123"
        let trusted = ChannelConfig(id: "ding", kind: .dingtalk, url: url, secret: "SECtls", caFile: cert)
        let untrusted = ChannelConfig(id: "ding-untrusted", kind: .dingtalk, url: url, secret: "SECtls")
        _ = try DeliveryTests.seed(store, [trusted, untrusted])
        let report = Deliverer(store: store, channels: try [trusted, untrusted].map { try $0.resolved(environment: [:]) },
                               policy: DeliveryTests.fastRetry).deliverDue()
        #expect(report.delivered == 2 && report.pending == 2)
        let deadline = Date().addingTimeInterval(10)
        while receiver.posts.count < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(receiver.posts.count == 2)
        #expect(receiver.posts.allSatisfy { $0.target.contains("&sign=") && $0.json["msgtype"] as? String == "markdown" })
    }
}
