import Foundation
import Portals
import SamplePortal
import Testing

/// A sample portal on an ephemeral loopback port and a client tuned for tests (short delays, no jitter).
struct PortalFixture {
    let portal: SamplePortalServer
    let client: PortalClient

    init(host: String = "127.0.0.1", minDelay: Double = 0, retry: RetryPolicy = .none,
         limits: FetchLimits = FetchLimits(connectTimeout: 5, totalTimeout: 30, lowSpeedBytesPerSecond: 1,
                                           lowSpeedWindow: 10, maxBodyBytes: 8 << 20, maxRedirects: 5),
         maxConcurrent: Int = 8) throws {
        guard let root = SamplePortalServer.fixturesRoot() else { throw FixtureMissing() }
        portal = try SamplePortalServer.start(root: root, host: host)
        client = PortalClient(configuration: PortalClientConfiguration(
            userAgent: PortalClientConfiguration.userAgent(contact: "tests@example.com"),
            maxConcurrentTransfers: maxConcurrent, perHostMinDelay: minDelay, perHostJitter: 0, retry: retry,
            defaultLimits: limits))
    }

    func fetch(_ path: String, validators: Validators = .none, previous: String? = nil,
               lastUnconditional: Date? = Date(), limits: FetchLimits? = nil) async -> FetchResult {
        await client.fetch(FetchRequest(url: portal.url(path), validators: validators, previousContentHash: previous,
                                        lastUnconditionalFetch: lastUnconditional, limits: limits))
    }

    func close() {
        client.shutdown()
        portal.stop()
    }
}

struct FixtureMissing: Error {}

/// Runs `body` with a fresh fixture and always shuts it down.
func withPortal<T>(host: String = "127.0.0.1", minDelay: Double = 0, retry: RetryPolicy = .none,
                   limits: FetchLimits? = nil, maxConcurrent: Int = 8,
                   _ body: (PortalFixture) async throws -> T) async throws -> T {
    let fixture = try limits.map { try PortalFixture(host: host, minDelay: minDelay, retry: retry, limits: $0, maxConcurrent: maxConcurrent) }
        ?? PortalFixture(host: host, minDelay: minDelay, retry: retry, maxConcurrent: maxConcurrent)
    defer { fixture.close() }
    return try await body(fixture)
}
