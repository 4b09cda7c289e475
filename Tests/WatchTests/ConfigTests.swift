import Foundation
import RencaiCore
import Testing
@testable import Watch

@Suite("The alerts section of the configuration")
struct ConfigTests {
    @Test("the commented example in Templates/config parses, with every channel kind")
    func example() throws {
        let url = TestFixtures.checkout.appendingPathComponent("Templates/config/channels.example.yaml")
        let config = try RencaiConfig(url: url, yaml: String(contentsOf: url, encoding: .utf8))
        let alerts = try AlertsConfig.load(from: config)
        #expect(Set(alerts.channels.map(\.kind)) == Set(ChannelConfig.Kind.allCases))
        #expect(alerts.sourceRoutes["sh-urgent-need"] == ["urgent_need"])
        #expect(alerts.delivery.baseDelaySeconds == 30)
    }

    @Test("a channel without what its kind needs is a config error naming the channel")
    func missingFields() throws {
        let config = try RencaiConfig(url: nil, yaml: "alerts:\n  channels:\n    - id: mail\n      kind: smtp\n      url: smtp://x:25\n")
        do {
            _ = try AlertsConfig.load(from: config)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.exitStatus == .config)
            #expect(error.message.contains("alerts.channels[0] (mail)"))
        }
    }

    @Test("backoff doubles from the base and stops at the cap")
    func backoff() {
        let policy = DeliveryPolicy(baseDelaySeconds: 30, maxDelaySeconds: 3600)
        #expect([1, 2, 3, 8, 20].map { policy.delay(afterAttempts: $0, jitter: 1) } == [30, 60, 120, 3600, 3600])
        #expect(policy.delay(afterAttempts: 2, jitter: 0.5) == 30)
    }
}
