import Catalogues
import Foundation
import Portals
import RencaiCore
import SamplePortal
import Store
import Testing
@testable import Watch

/// The whole chain: the sample portal on 127.0.0.1, the libcurl portal client, the catalogue watcher
/// recording revisions with the alerts pipeline in the same transaction, then delivery to a webhook.
@Suite("Portal → catalogue revision → impact → webhook", .serialized)
struct EndToEndTests {
    @Test("a new revision of the Shanghai list reaches the webhook as alerts about the affected hires only")
    func portalToWebhook() async throws {
        let root = try #require(SamplePortalServer.fixturesRoot())
        let portal = try SamplePortalServer.start(root: root)
        defer { portal.stop() }
        let client = PortalClient(configuration: PortalClientConfiguration(
            userAgent: PortalClientConfiguration.userAgent(contact: "tests@example.com"),
            perHostMinDelay: 0, perHostJitter: 0, retry: .none))
        defer { client.shutdown() }
        let receiver = try WebhookReceiver(reply: .ok("{}"))
        defer { receiver.stop() }

        let (store, _) = try TestFixtures.storeWithHires()
        try HiresRegistry(store: store).save([
            RevisionImpactTests.hire("S08", "2-02-10-08", route: "urgent_need"),
            RevisionImpactTests.hire("S09", "2-02-10-09"),
            RevisionImpactTests.hire("G09", "2-02-10-09", province: "Guangdong"),
        ])
        let channel = ChannelConfig(id: "hook", kind: .webhook, url: receiver.url + "/alerts", digest: true)
        let pipeline = AlertPipeline(store: store, alerts: AlertsConfig(channels: [channel], sourceRoutes: ["sh-urgent-need": ["urgent_need"]]),
                                     rules: try TestFixtures.rules())
        let watcher = CatalogueWatcher(client: client, revisions: RevisionStore(store: store))
        let path = "/catalogues/sh-urgent-need/catalogue.html"
        let source = CatalogueSource(id: "sh-urgent-need", province: "Shanghai", url: portal.url(path), kind: .htmlTable, interval: 60)
        let factory = pipeline.alongsideFactory()

        let first = await watcher.check(source, alongside: factory(source))
        #expect(first.outcome == .firstSeen)
        #expect(try pipeline.deliver().delivered == 0)   // a baseline is not news

        portal.setRevision("r2", for: path)
        let second = await watcher.check(source, alongside: factory(source))
        #expect(second.outcome == .changed)
        let report = try pipeline.deliver()
        #expect(report.delivered == 2 && report.messages == 1 && report.pending == 0)
        let alerts = try #require(receiver.requests.first?.json?["alerts"] as? [[String: Any]])
        #expect(alerts.compactMap { $0["employee_id"] as? String }.sorted() == ["S08", "S09"])
        #expect(alerts.allSatisfy { $0["revision"] as? String == second.revision.map { String($0.rawValue) } })
    }
}
