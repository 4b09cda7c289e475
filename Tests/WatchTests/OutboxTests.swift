import Foundation
import GRDB
import RencaiCore
import Store
import Testing
@testable import Watch

@Suite("Outbox: stored with the revision, never twice")
struct OutboxTests {
    static let changes = CatalogueChangeSet(sourceID: "sh", province: "Shanghai", revision: "r2", changes: [
        .init(key: "2-02", kind: .changed, fields: ["salary": .init(old: "4x", new: "6x")]),
    ])

    @Test("re-running the impact of a revision adds no alert and no delivery")
    func noDuplicates() throws {
        let (store, _) = try TestFixtures.storeWithHires()
        let pipeline = AlertPipeline(store: store, alerts: AlertsConfig(channels: [ChannelConfig(id: "log", kind: .jsonl, path: "/dev/null")]), rules: nil)
        let first = try store.write { db in try pipeline.recordImpact(of: Self.changes, in: db) }
        let second = try store.write { db in try pipeline.recordImpact(of: Self.changes, in: db) }
        #expect(first.count == 2)          // E001 and E002
        #expect(second.isEmpty)
        #expect(try Outbox(store: store).list().count == 2)
        #expect(try Outbox(store: store).pendingDeliveries().count == 2)
        // A new revision with the same change is a new alert.
        var next = Self.changes
        next.revision = "r3"
        #expect(try store.write { db in try pipeline.recordImpact(of: next, in: db) }.count == 2)
    }

    @Test("alerts exist only if the revision's transaction commits")
    func sameTransaction() throws {
        let (store, _) = try TestFixtures.storeWithHires()
        let pipeline = AlertPipeline(store: store, alerts: AlertsConfig(channels: []), rules: nil)
        struct RevisionFailed: Error {}
        #expect(throws: RevisionFailed.self) {
            try store.write { db in
                try pipeline.recordImpact(of: Self.changes, in: db)
                throw RevisionFailed()
            }
        }
        #expect(try Outbox(store: store).list().isEmpty)
    }

    @Test("a claimed delivery is not claimed again by a second sender until the claim expires")
    func claims() throws {
        let (store, _) = try TestFixtures.storeWithHires()
        let ids = try store.write { db in
            try AlertPipeline(store: store, alerts: AlertsConfig(channels: [ChannelConfig(id: "c", kind: .jsonl, path: "/dev/null")]), rules: nil)
                .recordImpact(of: Self.changes, in: db)
        }
        let outbox = Outbox(store: store)
        #expect(try outbox.claim(alertIDs: ids, channel: "c", dueAt: Date(), lease: 60) == ids)
        #expect(try outbox.claim(alertIDs: ids, channel: "c", dueAt: Date(), lease: 60).isEmpty)
        #expect(try outbox.claim(alertIDs: ids, channel: "c", dueAt: Date().addingTimeInterval(61), lease: 60) == ids)
    }

    @Test("a channel added later gets the unacknowledged alerts it accepts, once")
    func routeLater() throws {
        let (store, _) = try TestFixtures.storeWithHires()
        let ids = try store.write { db in try Outbox.record(ImpactAnalyzer().analyze(Self.changes, hires: try Hire.fetchAll(db)).alerts, routes: [], in: db) }
        let outbox = Outbox(store: store)
        try outbox.ack(id: ids[0])
        let added = [ChannelConfig(id: "new", kind: .jsonl, path: "/dev/null"), ChannelConfig(id: "beijing", kind: .jsonl, path: "/dev/null", provinces: ["Beijing"])]
        #expect(try outbox.route(unacknowledgedTo: added) == 1)
        #expect(try outbox.pendingDeliveries().map(\.alertID) == [ids[1]])
        #expect(try outbox.route(unacknowledgedTo: added) == 0)
    }

    @Test("list, ack and --unacked")
    func ack() throws {
        let (store, _) = try TestFixtures.storeWithHires()
        let ids = try store.write { db in try Outbox.record(ImpactAnalyzer().analyze(Self.changes, hires: try Hire.fetchAll(db)).alerts, routes: [], in: db) }
        let outbox = Outbox(store: store)
        #expect(try outbox.ack(id: ids[0], by: "hr"))
        #expect(try outbox.ack(id: ids[0]) == false)
        #expect(try outbox.list(unackedOnly: true).map(\.id) == [ids[1]])
        #expect(try outbox.alert(id: ids[0])?.ackedAt != nil)
        #expect(throws: InputError.self) { try outbox.ack(id: 999) }
    }

    @Test("routing by province and severity")
    func routing() throws {
        let (store, _) = try TestFixtures.storeWithHires()
        let channels = [
            ChannelConfig(id: "shanghai", kind: .jsonl, path: "/dev/null", provinces: ["Shanghai"]),
            ChannelConfig(id: "critical", kind: .jsonl, path: "/dev/null", minSeverity: .critical),
            ChannelConfig(id: "all", kind: .jsonl, path: "/dev/null"),
        ]
        let changes = CatalogueChangeSet(sourceID: "gd", province: "Guangdong", revision: "r", tags: ["urgent_need"], changes: [
            .init(key: "2-02", kind: .removed),
        ])
        let ids = try store.write { db in try AlertPipeline(store: store, alerts: AlertsConfig(channels: channels), rules: nil).recordImpact(of: changes, in: db) }
        let outbox = Outbox(store: store)
        var channelsByHire: [String: [String]] = [:]
        for id in ids {
            let alert = try #require(try outbox.alert(id: id))
            channelsByHire[alert.employeeID] = try outbox.deliveries(alertID: id).map(\.channel)
        }
        // E003 rests on the urgent_need route (critical); E011 does not (warning); neither is in Shanghai.
        #expect(channelsByHire == ["E003": ["all", "critical"], "E011": ["all"]])
    }
}

@Suite("Permit-expiry alerts")
struct PermitExpiryTests {
    @Test("stages against the 120–30 day filing window", arguments: [
        (200, nil), (150, "upcoming"), (121, "upcoming"), (120, "filing-open"), (30, "filing-open"),
        (29, "filing-closed"), (0, "filing-closed"), (-1, "expired"),
    ] as [(Int, String?)])
    func stages(daysLeft: Int, stage: String?) throws {
        let scanner = PermitExpiryScanner(rules: try TestFixtures.rules(), windowDays: 150)
        let today = Day(year: 2026, month: 12, day: 1)!
        #expect(scanner.stage(expiry: today.adding(days: daysLeft), today: today)?.rawValue == stage)
    }

    @Test("a configurable window names only the hires inside it, with the filing window")
    func window() throws {
        let scanner = PermitExpiryScanner(rules: try TestFixtures.rules(), windowDays: 60)
        let drafts = scanner.scan(try TestFixtures.hires(), today: Day(year: 2026, month: 12, day: 1)!)
        // E004 expires 2026-12-31 (30 days), E003 2027-01-20 (50 days); E006 2027-02-15 is 76 days out.
        #expect(drafts.map(\.employeeID).sorted() == ["E003", "E004"])
        let e004 = try #require(drafts.first { $0.employeeID == "E004" })
        #expect(e004.details["filing_opens"] == "2026-09-02" && e004.details["filing_closes"] == "2026-12-01")
        #expect(e004.body.contains("effective 2017-04-01"))
    }

    @Test("a daily re-scan does not repeat an alert")
    func rescan() throws {
        let (store, _) = try TestFixtures.storeWithHires()
        let pipeline = AlertPipeline(store: store, alerts: AlertsConfig(channels: []), rules: try TestFixtures.rules())
        let first = try pipeline.recordPermitExpiry(today: Day(year: 2026, month: 11, day: 25)!, windowDays: 60)
        let second = try pipeline.recordPermitExpiry(today: Day(year: 2026, month: 11, day: 26)!, windowDays: 60)
        #expect(first.count == 2 && second.isEmpty)
        // E004's filing window closes on 2026-12-01: the next day is a new stage, so a new alert.
        let third = try pipeline.recordPermitExpiry(today: Day(year: 2026, month: 12, day: 2)!, windowDays: 60)
        let thirdID = try #require(third.first)
        let alert = try #require(try Outbox(store: store).alert(id: thirdID))
        #expect(third.count == 1 && alert.employeeID == "E004" && alert.severity == .critical)
    }
}
