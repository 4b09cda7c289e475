import Foundation

/// A webhook receiver on 127.0.0.1 that records every POST and answers as the test asks: a robot's
/// success reply, an error status, or no answer at all (to kill a sender mid-request).
final class WebhookReceiver: @unchecked Sendable {
    struct Request: Sendable {
        let target: String
        let headers: [String: String]
        let body: Data

        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
        /// The alert ids the sender put in its header.
        var alertIDs: [Int64] { (headers["x-rencai-alert-ids"] ?? "").split(separator: ",").compactMap { Int64($0) } }
    }

    enum Reply: Sendable {
        case ok(String)
        case status(Int)
        /// Read the request, then keep the connection open without answering.
        case stall
    }

    private let lock = NSLock()
    private var _requests: [Request] = []
    private var _reply: Reply
    /// Requests after this many are stalled (nil: never).
    private var _stallAfter: Int?
    private var listener: TCPListener!

    var port: UInt16 { listener.port }
    var url: String { "http://127.0.0.1:\(port)" }
    var requests: [Request] { lock.withLock { _requests } }

    init(port: UInt16 = 0, reply: Reply = .ok("{\"errcode\":0,\"errmsg\":\"ok\"}")) throws {
        _reply = reply
        listener = try TCPListener(port: port) { [unowned self] fd in self.serve(fd) }
    }

    func set(reply: Reply) { lock.withLock { _reply = reply } }
    func stall(after count: Int?) { lock.withLock { _stallAfter = count } }
    func stop() { listener.stop() }

    private func serve(_ fd: Int32) {
        let io = SocketIO(fd: fd)
        defer { io.close() }
        while let head = io.read(until: Array("\r\n\r\n".utf8)) {
            let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
            let target = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? ""
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let length = Int(headers["content-length"] ?? "0") ?? 0
            guard let body = io.read(count: length) else { return }
            let reply: Reply = lock.withLock {
                _requests.append(Request(target: target, headers: headers, body: Data(body)))
                if let limit = _stallAfter, _requests.count > limit { return .stall }
                return _reply
            }
            switch reply {
            case .ok(let text):
                io.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(text.utf8.count)\r\n\r\n\(text)")
            case .status(let code):
                io.write("HTTP/1.1 \(code) Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            case .stall:
                Thread.sleep(forTimeInterval: 60)
                return
            }
        }
    }
}
