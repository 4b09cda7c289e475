import Foundation
import Portals
import RencaiCore
import Testing

@Suite("Client configuration from rencai.yaml")
struct ConfigurationTests {
    @Test("contact goes into the User-Agent and fetching: tunes politeness")
    func fromConfig() throws {
        let config = try RencaiConfig(url: nil, yaml: """
        contact: hr@example.com
        fetching:
          min_delay: 5
          jitter: 0.5
          max_concurrent: 3
          max_attempts: 4
          timeout: 60
          max_body_mb: 10
        """)
        let configuration = try PortalClientConfiguration.load(from: config)
        #expect(configuration.userAgent.contains("hr@example.com"))
        #expect(configuration.perHostMinDelay == 5)
        #expect(configuration.perHostJitter == 0.5)
        #expect(configuration.maxConcurrentTransfers == 3)
        #expect(configuration.retry.maxAttempts == 4)
        #expect(configuration.defaultLimits.totalTimeout == 60)
        #expect(configuration.defaultLimits.maxBodyBytes == 10 << 20)
    }

    @Test("an out-of-range value names the field")
    func badValue() throws {
        let config = try RencaiConfig(url: URL(fileURLWithPath: "/tmp/rencai.yaml"), yaml: "fetching:\n  max_concurrent: 0\n")
        #expect {
            try PortalClientConfiguration.load(from: config)
        } throws: { error in
            (error as? InputError)?.message == "/tmp/rencai.yaml: fetching.max_concurrent must be at least 1"
                && (error as? InputError)?.exitStatus == .config
        }
    }

    @Test("without a contact the User-Agent says so")
    func noContact() {
        #expect(PortalClientConfiguration.userAgent(contact: nil).contains("no contact configured"))
        #expect(PortalClientConfiguration.userAgent(contact: "  ").contains("no contact configured"))
    }
}
