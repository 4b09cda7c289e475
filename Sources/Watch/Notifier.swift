import Foundation

/// Sends one ``AlertMessage`` to one channel and returns only when the receiver has acknowledged it:
/// a 2xx (and, for robots, their own success code in the reply), SMTP's acceptance after DATA, or a
/// flushed and synced line of JSON. Anything else throws ``DeliveryFailure`` (already redacted).
///
/// ```swift
/// try Notifier(channel: resolved, timeout: 20).send(AlertMessage(alerts: alerts))
/// ```
public struct Notifier: Sendable {
    public let channel: ResolvedChannel
    public let timeout: Double
    /// The clock for signatures (tests pass a fixed one).
    public let now: @Sendable () -> Date

    public init(channel: ResolvedChannel, timeout: Double = 20, now: @escaping @Sendable () -> Date = { Date() }) {
        self.channel = channel
        self.timeout = timeout
        self.now = now
    }

    public func send(_ message: AlertMessage) throws {
        try send(message, session: nil)
    }

    /// Sends through `session`'s easy handle (connection reuse across a channel's batches).
    func send(_ message: AlertMessage, session: CurlSession?) throws {
        do {
            switch channel.config.kind {
            case .jsonl: try writeJSONLines(message)
            case .smtp: try sendMail(message, session: session)
            case .webhook, .wecom, .dingtalk, .feishu, .slack: try postWebhook(message, session: session)
            }
        } catch let failure as DeliveryFailure {
            throw failure
        } catch let error as TransportError {
            throw DeliveryFailure(channel.redactor.redact(error.message), unreachable: true)
        } catch {
            throw DeliveryFailure(channel.redactor.redact("\(error)"))
        }
    }

    // MARK: JSON lines

    private func writeJSONLines(_ message: AlertMessage) throws {
        var data = Data()
        for record in message.records {
            data.append(try record.jsonLine())
            data.append(0x0A)
        }
        let path = channel.config.path ?? "-"
        if path == "-" {
            // Whatever the process printed before goes first, so that the stream stays in order.
            fflush(nil)
            try FileHandle.standardOutput.write(contentsOf: data)
            return
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { throw DeliveryFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw DeliveryFailure("cannot append to \(path): \(String(cString: strerror(errno)))") }
        // Durable before the outbox records it as delivered.
        guard fsync(fd) == 0 else { throw DeliveryFailure("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }

    // MARK: SMTP

    private func sendMail(_ message: AlertMessage, session: CurlSession?) throws {
        let config = channel.config
        guard let url = channel.url, let from = config.from, let to = config.to, !to.isEmpty else {
            throw DeliveryFailure("channel \(config.id): smtp needs url, from and to")
        }
        let mode = config.tls ?? .starttls
        try CurlTransport.sendMail(url: url, from: from, to: to, message: message.mail(from: from, to: to, now: now()),
                                   username: config.username, password: channel.password,
                                   requireTLS: mode != .plain, caFile: config.caFile, timeout: timeout, session: session)
    }

    // MARK: Webhooks

    /// The request for a webhook kind: URL (signed when the kind signs it) and JSON body.
    func webhookRequest(_ message: AlertMessage) throws -> (url: String, body: Data, headers: [String]) {
        guard let url = channel.url else { throw DeliveryFailure("channel \(channel.id): no url") }
        let stamp = now()
        var headers = ["Content-Type: application/json; charset=utf-8", "Expect:"]
        let object: [String: Any]
        var target = url
        var encodedBody: Data? = nil
        switch channel.config.kind {
        case .wecom:
            // WeCom robots accept at most 2048 bytes of text.
            object = ["msgtype": "text", "text": ["content": message.text(maxBytes: 2000)]]
        case .dingtalk:
            // Markdown breaks a line only after two trailing spaces; the title is what the notification shows.
            let text = message.text(maxBytes: 18_000).replacingOccurrences(of: "\n", with: "  \n")
            object = ["msgtype": "markdown", "markdown": ["title": String(message.subject.prefix(60)), "text": text]]
            if let secret = channel.secret {
                target = Signing.dingTalk(url: url, secret: secret, timestampMillis: Int64(stamp.timeIntervalSince1970 * 1000)).url
            }
        case .feishu:
            var body: [String: Any] = ["msg_type": "text", "content": ["text": message.text(maxBytes: 18_000)]]
            if let secret = channel.secret {
                let seconds = Int64(stamp.timeIntervalSince1970)
                body["timestamp"] = String(seconds)
                body["sign"] = Signing.feishu(secret: secret, timestampSeconds: seconds)
            }
            object = body
        case .slack:
            object = ["text": message.text(maxBytes: 35_000)]
        default:
            // {"subject", "digest", "alerts": [records in reading order]}
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            var payload = Data("{\"subject\":".utf8) + (try encoder.encode(message.subject))
            payload += Data(",\"digest\":\(message.isDigest),\"alerts\":[".utf8)
            payload += Data(try message.records.map { String(decoding: try $0.jsonLine(), as: UTF8.self) }.joined(separator: ",").utf8)
            payload += Data("]}".utf8)
            encodedBody = payload
            object = [:]
        }
        let body = try encodedBody ?? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        if channel.config.kind == .webhook, let secret = channel.secret {
            let seconds = Int64(stamp.timeIntervalSince1970)
            headers.append("X-Rencai-Timestamp: \(seconds)")
            headers.append("X-Rencai-Signature: \(Signing.generic(body: body, secret: secret, timestampSeconds: seconds))")
        }
        headers.append("X-Rencai-Alert-IDs: \(message.alerts.map { String($0.id) }.joined(separator: ","))")
        return (target, body, headers)
    }

    private func postWebhook(_ message: AlertMessage, session: CurlSession?) throws {
        let request = try webhookRequest(message)
        let response = try CurlTransport.post(url: request.url, body: request.body, headers: request.headers, caFile: channel.config.caFile, timeout: timeout, session: session)
        guard (200..<300).contains(response.status) else {
            throw DeliveryFailure("HTTP \(response.status) from \(channel.displayURL)")
        }
        try checkRobotReply(response.body)
    }

    /// Robots answer 200 even on failure; their body says whether the message was taken.
    private func checkRobotReply(_ body: String) throws {
        let kind = channel.config.kind
        switch kind {
        case .wecom, .dingtalk, .feishu:
            let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
            let code = (object?["errcode"] ?? object?["code"] ?? object?["StatusCode"]) as? Int
            guard code == 0 else {
                let text = (object?["errmsg"] ?? object?["msg"] ?? object?["StatusMessage"]) as? String ?? String(body.prefix(200))
                throw DeliveryFailure(channel.redactor.redact("\(kind.rawValue) robot refused the message (code \(code.map(String.init) ?? "none")): \(text)"))
            }
        case .slack:
            guard body.trimmingCharacters(in: .whitespacesAndNewlines) == "ok" else {
                throw DeliveryFailure(channel.redactor.redact("slack refused the message: \(body.prefix(200))"))
            }
        default:
            break
        }
    }
}

/// A delivery that the receiver did not acknowledge; the message holds no secret.
public struct DeliveryFailure: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// The receiver could not be reached at all (connection refused, timeout, TLS failure), as opposed to
    /// a receiver that answered and refused: the rest of the channel's queue waits for the next attempt.
    public let unreachable: Bool
    public init(_ message: String, unreachable: Bool = false) {
        self.message = message
        self.unreachable = unreachable
    }
    public var description: String { message }
}
