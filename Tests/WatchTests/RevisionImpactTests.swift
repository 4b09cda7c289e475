import Catalogues
import Foundation
import GRDB
import RencaiCore
import Store
import Testing
@testable import Watch

/// The whole path `watch run` takes: parse two revisions of the Shanghai fixture page, record them with
/// the catalogues' RevisionStore, and let the alerts pipeline run inside the revision's transaction.
@Suite("Impact recorded in the revision's transaction")
struct RevisionImpactTests {
    static let page = TestFixtures.checkout.appendingPathComponent("Fixtures/portals/catalogues/sh-urgent-need")

    static func hire(_ id: String, _ code: String, province: String = "Shanghai", route: String = "points") -> Hire {
        Hire(employeeID: id, name: "Hire \(id)", nationality: "GB", passportNo: "P\(id)", category: .B, route: route,
             permitExpiry: Day(year: 2027, month: 3, day: 1)!, province: province, occupationCode: OccupationCode(code)!)
    }

    @Test("rev1 → rev2 of the Shanghai list names the hires whose rows changed, were removed or were added, and only them")
    func fixtureRevisions() throws {
        let (store, _) = try TestFixtures.storeWithHires()
        try HiresRegistry(store: store).save([
            Self.hire("S08", "2-02-10-08", route: "urgent_need"),   // requirement changed (3 → 5 years)
            Self.hire("S09", "2-02-10-09"),                         // removed
            Self.hire("S10", "2-02-10-10"),                         // newly listed
            Self.hire("G09", "2-02-10-09", province: "Guangdong"),  // other province: not affected
        ])
        let source = CatalogueSource(id: "sh-urgent-need", province: "Shanghai", url: URL(string: "http://127.0.0.1/sh")!, kind: .htmlTable)
        let pipeline = AlertPipeline(store: store, alerts: AlertsConfig(channels: [ChannelConfig(id: "log", kind: .jsonl, path: "/dev/null")],
                                                                        sourceRoutes: ["sh-urgent-need": ["urgent_need"]]), rules: try TestFixtures.rules())
        let revisions = RevisionStore(store: store)
        let parser = CatalogueParser()
        for name in ["catalogue.html", "catalogue.r2.html"] {
            let data = try Data(contentsOf: Self.page.appendingPathComponent(name))
            let catalogue = try parser.parse(data, contentType: "text/html", source: name)
            try revisions.record(catalogue, document: CapturedDocument(bytes: data, url: name), for: source, alongside: pipeline.alongside(for: source))
        }
        let alerts = try Outbox(store: store).list()
        let byHire = Dictionary(grouping: alerts, by: \.employeeID)
        // The first revision is a baseline (no alert); E001 (2-02-10-03) is unchanged; G09 is in Guangdong.
        #expect(byHire.keys.sorted() == ["S08", "S09", "S10"])
        #expect(byHire["S08"]?.map(\.kind) == [.changed])
        #expect(byHire["S08"]?.first?.severity == .critical)
        #expect(byHire["S08"]?.first?.body.contains("3") == true && byHire["S08"]?.first?.body.contains("→ 5") == true)
        #expect(byHire["S09"]?.map(\.kind) == [.removed])
        #expect(byHire["S10"]?.map(\.kind) == [.added])
        #expect(try Outbox(store: store).pendingDeliveries().count == 3)
    }

    @Test("if the impact fails, the revision is not recorded either")
    func rollback() throws {
        let (store, _) = try TestFixtures.storeWithHires()
        let source = CatalogueSource(id: "sh", province: "Shanghai", url: URL(string: "http://127.0.0.1/sh")!, kind: .htmlTable)
        let revisions = RevisionStore(store: store)
        let data = try Data(contentsOf: Self.page.appendingPathComponent("catalogue.html"))
        let catalogue = try CatalogueParser().parse(data, contentType: "text/html", source: "rev1.html")
        struct Boom: Error {}
        #expect(throws: (any Error).self) {
            try revisions.record(catalogue, document: CapturedDocument(bytes: data, url: "rev1"), for: source) { _, _, _ in throw Boom() }
        }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM catalogue_revision") } == 0)
    }
}
