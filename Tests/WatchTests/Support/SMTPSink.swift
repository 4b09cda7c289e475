import Foundation

/// A minimal SMTP server on 127.0.0.1 that accepts every message and keeps it (no STARTTLS offered, so
/// a client that requires TLS must refuse to send).
final class SMTPSink: @unchecked Sendable {
    struct Message: Sendable {
        let from: String
        let recipients: [String]
        let data: String

        /// The decoded text body (the sender uses base64).
        var bodyText: String {
            guard let split = data.range(of: "\r\n\r\n") else { return data }
            let encoded = data[split.upperBound...].replacingOccurrences(of: "\r\n", with: "")
            return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? String(data[split.upperBound...])
        }

        func header(_ name: String) -> String? {
            for line in data.components(separatedBy: "\r\n") {
                if line.isEmpty { break }
                if line.lowercased().hasPrefix(name.lowercased() + ":") {
                    return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    private let lock = NSLock()
    private var _messages: [Message] = []
    private var _commands: [String] = []
    private var listener: TCPListener!

    var port: UInt16 { listener.port }
    var messages: [Message] { lock.withLock { _messages } }
    var commands: [String] { lock.withLock { _commands } }

    init() throws {
        listener = try TCPListener { [unowned self] fd in self.serve(fd) }
    }

    func stop() { listener.stop() }

    private func serve(_ fd: Int32) {
        let io = SocketIO(fd: fd)
        defer { io.close() }
        io.write("220 sink.test ESMTP\r\n")
        var from = ""
        var recipients: [String] = []
        while let raw = io.read(until: Array("\r\n".utf8)) {
            let line = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .newlines)
            lock.withLock { _commands.append(line) }
            let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? ""
            switch verb {
            case "EHLO": io.write("250-sink.test\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n")
            case "HELO": io.write("250 sink.test\r\n")
            case "MAIL":
                from = String(line.dropFirst(10).split(separator: " ").first ?? "")
                recipients = []
                io.write("250 OK\r\n")
            case "RCPT":
                recipients.append(String(line.dropFirst(8)))
                io.write("250 OK\r\n")
            case "DATA":
                io.write("354 end with <CRLF>.<CRLF>\r\n")
                guard let data = io.read(until: Array("\r\n.\r\n".utf8)) else { return }
                let text = String(decoding: data.dropLast(5), as: UTF8.self)
                lock.withLock { _messages.append(Message(from: from, recipients: recipients, data: text)) }
                io.write("250 OK queued\r\n")
            case "RSET", "NOOP": io.write("250 OK\r\n")
            case "QUIT":
                io.write("221 bye\r\n")
                return
            default: io.write("502 not implemented\r\n")
            }
        }
    }
}
