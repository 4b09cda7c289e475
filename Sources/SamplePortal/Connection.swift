import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed HTTP request line and headers.
struct HTTPRequestHead {
    let method: String
    let path: String
    let query: String?
    let headers: [String: String]
    let absoluteForm: Bool

    /// Parses everything before the blank line; nil when it is not HTTP.
    init?(_ text: String) {
        let lines = text.components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count == 3, parts[2].hasPrefix("HTTP/") else { return nil }
        method = String(parts[0])
        var target = String(parts[1])
        // Absolute form (`GET http://host/path`) is what a client sends to a proxy: the portal plays proxy too.
        absoluteForm = target.hasPrefix("http://") || target.hasPrefix("https://")
        if absoluteForm {
            let afterScheme = target.range(of: "://")!.upperBound
            target = target[afterScheme...].firstIndex(of: "/").map { String(target[$0...]) } ?? "/"
        }
        let pieces = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = String(pieces[0])
        path = rawPath.removingPercentEncoding ?? rawPath
        query = pieces.count > 1 ? String(pieces[1]) : nil
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
    }

    /// One query parameter.
    func parameter(_ name: String) -> String? {
        for pair in (query ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.first.map(String.init) == name { return kv.count > 1 ? String(kv[1]).removingPercentEncoding : "" }
        }
        return nil
    }
}

/// One accepted connection: read one request, answer it, close.
final class Connection: @unchecked Sendable {
    let fd: Int32
    let server: SamplePortalServer

    init(fd: Int32, server: SamplePortalServer) {
        self.fd = fd
        self.server = server
    }

    func serve() {
        defer { close(fd) }
        Socket.setReceiveTimeout(fd, seconds: 5)
        guard let head = readHead() else { return }
        let state = server.serverState
        let serial = state.begin(RecordedRequest(method: head.method, path: head.path, query: head.query,
                                                 headers: head.headers, viaProxy: head.absoluteForm,
                                                 received: Date(), finished: nil))
        defer { state.finish(serial) }
        let router = Router(server: server, state: state)
        router.respond(to: head, writer: ResponseWriter(fd: fd, isHead: head.method == "HEAD", state: state))
    }

    private func readHead() -> HTTPRequestHead? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let terminator = Data("\r\n\r\n".utf8)
        while buffer.count < 64 * 1024 {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<n])
            if let end = buffer.range(of: terminator) {
                return HTTPRequestHead(String(decoding: buffer[..<end.lowerBound], as: UTF8.self))
            }
        }
        return nil
    }
}

/// Writes a response on a connection.
struct ResponseWriter {
    let fd: Int32
    let isHead: Bool
    let state: ServerState

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 202: return "Accepted"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 412: return "Precondition Failed"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 521: return "Web Server Is Down"
        default: return "Status"
        }
    }

    /// Status line and headers; `Connection: close` always.
    @discardableResult
    func head(_ status: Int, _ headers: [(String, String)]) -> Bool {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers + [("Connection", "close"), ("Server", "rencai-sample-portal")] {
            text += "\(name): \(value)\r\n"
        }
        text += "\r\n"
        return Socket.sendAll(fd, Data(text.utf8))
    }

    /// A complete response with a Content-Length.
    func send(_ status: Int, _ headers: [(String, String)], body: Data) {
        guard head(status, headers + [("Content-Length", String(body.count))]), !isHead, status != 304 else { return }
        _ = Socket.sendAll(fd, body)
    }

    func body(_ data: Data) -> Bool { Socket.sendAll(fd, data) }

    var stopped: Bool { state.isStopped }
}
