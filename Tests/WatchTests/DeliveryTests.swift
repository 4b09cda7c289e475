import Foundation
import GRDB
import RencaiCore
import Store
import Testing
@testable import Watch

/// Delivery through libcurl to real receivers on 127.0.0.1.
@Suite("Delivery to a real webhook receiver and SMTP sink", .serialized)
struct DeliveryTests {
    static let changes = CatalogueChangeSet(sourceID: "sh", province: "Shanghai", revision: "r2", sourceTitle: "Shanghai list", changes: [
        .init(key: "2-02", kind: .changed, fields: ["salary": .init(old: "4x", new: "6x")]),
    ])

    /// Records the sample revision's alerts (E001, E002) routed to `channels`; returns their ids.
    static func seed(_ store: RencaiStore, _ channels: [ChannelConfig], changes: CatalogueChangeSet = changes) throws -> [Int64] {
        try store.write { db in
            try AlertPipeline(store: store, alerts: AlertsConfig(channels: channels), rules: nil).recordImpact(of: changes, in: db)
        }
    }

    static let fastRetry = DeliveryPolicy(baseDelaySeconds: 0.05, maxDelaySeconds: 0.2, timeoutSeconds: 5)

    struct RobotCase: Sendable, CustomTestStringConvertible {
        let kind: ChannelConfig.Kind
        let reply: String
        let secret: String?
        var testDescription: String { kind.rawValue }
    }

    @Test("each webhook kind is posted in its robot's format and counts only its success reply", arguments: [
        RobotCase(kind: .webhook, reply: "{}", secret: "generic-secret-1"),
        RobotCase(kind: .wecom, reply: "{\"errcode\":0,\"errmsg\":\"ok\"}", secret: nil),
        RobotCase(kind: .dingtalk, reply: "{\"errcode\":0,\"errmsg\":\"ok\"}", secret: "SECdingtalk123"),
        RobotCase(kind: .feishu, reply: "{\"code\":0,\"msg\":\"success\"}", secret: "feishu-secret-9"),
        RobotCase(kind: .slack, reply: "ok", secret: nil),
    ])
    func robots(_ c: RobotCase) throws {
        let receiver = try WebhookReceiver(reply: .ok(c.reply))
        defer { receiver.stop() }
        let (store, _) = try TestFixtures.storeWithHires()
        let config = ChannelConfig(id: "hook", kind: c.kind, url: receiver.url + "/robot/send?access_token=tok123456", secret: c.secret)
        let ids = try Self.seed(store, [config])
        let report = Deliverer(store: store, channels: [try config.resolved(environment: [:])], policy: Self.fastRetry).deliverDue()
        #expect(report.delivered == 2 && report.pending == 0)
        #expect(receiver.requests.count == 2)
        let first = try #require(receiver.requests.first?.json)
        let signatureTime = Int64(Date().timeIntervalSince1970)
        switch c.kind {
        case .webhook:
            let alerts = try #require(first["alerts"] as? [[String: Any]])
            #expect(alerts.first?["employee_id"] as? String == "E001")
            let request = try #require(receiver.requests.first)
            let stamp = try #require(Int64(request.headers["x-rencai-timestamp"] ?? ""))
            let expected = "sha256=" + Signing.hex(Signing.hmacSHA256(key: Array("generic-secret-1".utf8), message: Array("\(stamp).".utf8) + Array(request.body)))
            #expect(request.headers["x-rencai-signature"] == expected)
        case .wecom:
            #expect(first["msgtype"] as? String == "text")
            #expect(((first["text"] as? [String: Any])?["content"] as? String)?.contains("E001") == true)
        case .dingtalk:
            #expect(first["msgtype"] as? String == "markdown")
            let target = try #require(receiver.requests.first?.target)
            let query = URLComponents(string: "http://x\(target)")?.queryItems ?? []
            let timestamp = try #require(query.first { $0.name == "timestamp" }?.value.flatMap { Int64($0) })
            let sign = query.first { $0.name == "sign" }?.value
            let expected = Data(Signing.hmacSHA256(key: Array("SECdingtalk123".utf8), message: Array("\(timestamp)\nSECdingtalk123".utf8))).base64EncodedString()
            #expect(sign == expected)
            #expect(abs(timestamp / 1000 - signatureTime) < 60)   // DingTalk rejects stamps older than an hour
            #expect(query.first { $0.name == "access_token" }?.value == "tok123456")
        case .feishu:
            #expect(first["msg_type"] as? String == "text")
            let stamp = try #require((first["timestamp"] as? String).flatMap { Int64($0) })
            #expect(first["sign"] as? String == Signing.feishu(secret: "feishu-secret-9", timestampSeconds: stamp))
        case .slack:
            #expect((first["text"] as? String)?.contains("salary: 4x → 6x") == true)
        default: break
        }
        #expect(Set(receiver.requests.flatMap(\.alertIDs)) == Set(ids))
    }

    @Test("a robot that answers 200 with an error code has not acknowledged: the alert stays pending")
    func robotRefusal() throws {
        let receiver = try WebhookReceiver(reply: .ok("{\"errcode\":310000,\"errmsg\":\"sign not match\"}"))
        defer { receiver.stop() }
        let (store, _) = try TestFixtures.storeWithHires()
        let config = ChannelConfig(id: "ding", kind: .dingtalk, url: receiver.url + "/robot/send?access_token=abc", secret: "SECxyz987")
        _ = try Self.seed(store, [config])
        let report = Deliverer(store: store, channels: [try config.resolved(environment: [:])], policy: Self.fastRetry).deliverDue()
        #expect(report.delivered == 0 && report.pending == 2)
        #expect(report.failures.first?.contains("code 310000") == true)
        #expect(try Outbox(store: store).pendingDeliveries().allSatisfy { $0.attempts == 1 && $0.lastError != nil })
    }

    @Test("a receiver that is down, then up, gets every alert")
    func downThenUp() throws {
        let probe = try WebhookReceiver()
        let port = probe.port
        probe.stop()   // nothing listens on the port now: connection refused
        let (store, _) = try TestFixtures.storeWithHires()
        try HiresRegistry(store: store).save(TestFixtures.shanghaiHires(5))
        let config = ChannelConfig(id: "hook", kind: .webhook, url: "http://127.0.0.1:\(port)/alerts")
        let ids = try Self.seed(store, [config])
        #expect(ids.count == 7)   // E001, E002 and T001…T005
        let deliverer = Deliverer(store: store, channels: [try config.resolved(environment: [:])], policy: DeliveryPolicy(baseDelaySeconds: 60, maxDelaySeconds: 600, timeoutSeconds: 5))
        let down = deliverer.deliverDue()
        #expect(down.delivered == 0 && down.pending == 7)
        #expect(down.sends == 1)   // one refused connection, not seven: the rest wait for the next attempt
        // Backoff: nothing is due again right away.
        #expect(deliverer.deliverDue().failures.isEmpty)
        let pending = try Outbox(store: store).pendingDeliveries()
        #expect(pending.allSatisfy { $0.attempts == 1 && $0.nextAttemptAt > Date().timeIntervalSince1970 + 25 })

        let receiver = try WebhookReceiver(port: port)
        defer { receiver.stop() }
        let up = deliverer.deliverDue(now: Date().addingTimeInterval(3600))
        #expect(up.delivered == 7 && up.pending == 0)
        #expect(Set(receiver.requests.flatMap(\.alertIDs)) == Set(ids))
    }

    @Test("retries with backoff until the receiver acknowledges (503 twice, then 200)")
    func retriesUntilAcknowledged() throws {
        let receiver = try WebhookReceiver(reply: .status(503))
        defer { receiver.stop() }
        let (store, _) = try TestFixtures.storeWithHires()
        let config = ChannelConfig(id: "hook", kind: .webhook, url: receiver.url + "/a")
        let ids = try Self.seed(store, [config])
        let deliverer = Deliverer(store: store, channels: [try config.resolved(environment: [:])], policy: Self.fastRetry)
        // The receiver recovers after it has refused two rounds.
        let watcher = Thread {
            while receiver.requests.count < 4 { Thread.sleep(forTimeInterval: 0.01) }
            receiver.set(reply: .ok("{}"))
        }
        watcher.start()
        let report = deliverer.deliverUntilDone(deadline: Date().addingTimeInterval(20))
        #expect(report.pending == 0 && report.delivered == 2)
        #expect(report.failures.count >= 2)
        let acknowledged = try ids.map { try Outbox(store: store).deliveries(alertID: $0)[0] }
        #expect(acknowledged.allSatisfy { $0.isDelivered && $0.attempts >= 2 })
    }

    @Test("a receiver that hangs holds up only its own channel")
    func channelsSideBySide() throws {
        let slow = try WebhookReceiver()
        defer { slow.stop() }
        slow.stall(after: 0)
        let fast = try WebhookReceiver()
        defer { fast.stop() }
        let (store, _) = try TestFixtures.storeWithHires()
        let channels = [ChannelConfig(id: "a-slow", kind: .webhook, url: slow.url + "/s"), ChannelConfig(id: "b-fast", kind: .webhook, url: fast.url + "/f")]
        _ = try Self.seed(store, channels)
        let deliverer = Deliverer(store: store, channels: try channels.map { try $0.resolved(environment: [:]) },
                                  policy: DeliveryPolicy(baseDelaySeconds: 60, maxDelaySeconds: 60, timeoutSeconds: 5))
        let finished = Flag()
        let pass = Thread {
            _ = deliverer.deliverDue()
            finished.set()
        }
        pass.start()
        // Wait for both receivers to have seen their requests (on a loaded machine the slow receiver's thread
        // may record its request after the fast one has answered both); the slow one still holds its open.
        while (fast.requests.count < 2 || slow.requests.count < 1) && !finished.value { Thread.sleep(forTimeInterval: 0.01) }
        // Both fast deliveries were acknowledged while the slow receiver still held its request open.
        #expect(fast.requests.count == 2)
        #expect(!finished.value)
        #expect(slow.requests.count == 1)
        while !finished.value { Thread.sleep(forTimeInterval: 0.05) }
        let pending = try Outbox(store: store).pendingDeliveries()
        #expect(pending.map(\.channel) == ["a-slow", "a-slow"])   // the timeout counts as unreachable: one send, both back off
    }

    @Test("digest: 40 alerts from one revision make one message per channel")
    func digest() throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let sink = try SMTPSink()
        defer { sink.stop() }
        let (store, _) = try TestFixtures.storeWithHires()
        try HiresRegistry(store: store).save(TestFixtures.shanghaiHires(39))
        let channels = [
            ChannelConfig(id: "hook", kind: .webhook, url: receiver.url + "/d", digest: true),
            ChannelConfig(id: "mail", kind: .smtp, url: "smtp://127.0.0.1:\(sink.port)", from: "rencai@example.com", to: ["hr@example.com"], tls: .plain, digest: true),
        ]
        let removal = CatalogueChangeSet(sourceID: "sh", province: "Shanghai", revision: "r9", changes: [.init(key: "2-02-10", kind: .removed)])
        let ids = try Self.seed(store, channels, changes: removal)
        #expect(ids.count == 40)   // E001 and T001…T039
        let report = Deliverer(store: store, channels: try channels.map { try $0.resolved(environment: [:]) }, policy: Self.fastRetry).deliverDue()
        #expect(report.messages == 2 && report.delivered == 80 && report.pending == 0)
        #expect(receiver.requests.count == 1)
        #expect((receiver.requests.first?.json?["alerts"] as? [Any])?.count == 40)
        #expect(sink.messages.count == 1)
        #expect(Set((sink.messages.first?.header("X-Rencai-Alert-IDs") ?? "").split(separator: ",").compactMap { Int64($0) }) == Set(ids))
    }

    @Test("e-mail over SMTP reaches the sink with the alert in a UTF-8 body")
    func smtp() throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let (store, _) = try TestFixtures.storeWithHires()
        let config = ChannelConfig(id: "mail", kind: .smtp, url: "smtp://127.0.0.1:\(sink.port)", from: "rencai@example.com",
                                   to: ["hr@example.com", "legal@example.com"], tls: .plain)
        _ = try Self.seed(store, [config])
        let report = Deliverer(store: store, channels: [try config.resolved(environment: [:])], policy: Self.fastRetry).deliverDue()
        #expect(report.delivered == 2)
        #expect(sink.messages.count == 2)
        let message = try #require(sink.messages.first)
        #expect(message.from == "<rencai@example.com>")
        #expect(message.recipients == ["<hr@example.com>", "<legal@example.com>"])
        #expect(message.bodyText.contains("salary: 4x → 6x"))
        #expect(message.header("Subject")?.hasPrefix("=?UTF-8?B?") == true)
    }

    @Test("STARTTLS is required unless the config says plain: a server without it gets no message")
    func starttlsRequired() throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let (store, _) = try TestFixtures.storeWithHires()
        let config = ChannelConfig(id: "mail", kind: .smtp, url: "smtp://127.0.0.1:\(sink.port)", from: "rencai@example.com", to: ["hr@example.com"])
        _ = try Self.seed(store, [config])
        let report = Deliverer(store: store, channels: [try config.resolved(environment: [:])], policy: Self.fastRetry).deliverDue()
        #expect(report.delivered == 0 && report.pending == 2)
        #expect(sink.messages.isEmpty)
        #expect(!sink.commands.contains { $0.uppercased().hasPrefix("MAIL") })
    }

    @Test("JSON lines: one object per alert, appended and synced before it counts as delivered")
    func jsonLines() throws {
        let (store, folder) = try TestFixtures.storeWithHires()
        let file = folder.appendingPathComponent("alerts.jsonl")
        let config = ChannelConfig(id: "file", kind: .jsonl, path: file.path)
        let ids = try Self.seed(store, [config])
        _ = Deliverer(store: store, channels: [try config.resolved(environment: [:])]).deliverDue()
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        let parsed = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(parsed.compactMap { ($0["id"] as? NSNumber)?.int64Value } == ids)
        #expect(parsed.allSatisfy { $0["revision"] as? String == "r2" && $0["source"] as? String == "sh" })
    }

    @Test("secrets never appear in logs, errors or the store")
    func secretsNeverLogged() throws {
        let probe = try WebhookReceiver()
        let port = probe.port
        probe.stop()
        let (store, _) = try TestFixtures.storeWithHires()
        let token = "tok-0123456789abcdef"
        let secrets = [token, "SECsupersecret42", "lark-secret-77", "smtp-password-55"]
        let channels = [
            ChannelConfig(id: "ding", kind: .dingtalk, url: "http://127.0.0.1:\(port)/robot/send?access_token=\(token)", secret: "SECsupersecret42"),
            ChannelConfig(id: "lark", kind: .feishu, url: "http://127.0.0.1:\(port)/open-apis/bot/v2/hook/\(token)", secret: "lark-secret-77"),
            ChannelConfig(id: "mail", kind: .smtp, url: "smtp://127.0.0.1:\(port)", from: "a@example.com", to: ["b@example.com"],
                          username: "rencai", password: "smtp-password-55", tls: .plain),
        ]
        _ = try Self.seed(store, channels)
        let log = CapturedLog()
        let report = Deliverer(store: store, channels: try channels.map { try $0.resolved(environment: [:]) }, policy: Self.fastRetry, logger: log.logger).deliverDue()
        #expect(report.failures.count == 6 && report.sends == 3)
        let stored = try Outbox(store: store).pendingDeliveries().compactMap(\.lastError).joined(separator: "\n")
        #expect(!log.lines.isEmpty && !stored.isEmpty)
        for secret in secrets {
            #expect(!log.text.contains(secret))
            #expect(!report.failures.joined().contains(secret))
            #expect(!stored.contains(secret))
        }
    }
}

/// A thread-safe boolean for tests.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var _value = false
    var value: Bool { lock.withLock { _value } }
    func set() { lock.withLock { _value = true } }
}
