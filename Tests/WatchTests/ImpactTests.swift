import Foundation
import RencaiCore
import Store
import Testing
@testable import Watch

/// The sample hires (Fixtures/hires/hires-zh.csv), among them:
/// E001 Shanghai 2-02-10-03 · E002 Shanghai 2-02-38-01 · E010 Shanghai 1-06-01-00 ·
/// E003 Guangdong/Shenzhen 2-02-10-03 (urgent_need) · E004 Guangdong/Guangzhou 2-06-07-01 ·
/// E011 Guangdong/Shenzhen 2-02-38-04 · E009 Shandong/Qingdao 2-02-38-03.
@Suite("Impact of a catalogue revision on current hires")
struct ImpactTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let province: String
        let city: String?
        let key: String
        let kind: CatalogueChangeSet.RowChange.Kind
        let expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "removed occupation, Shanghai", province: "Shanghai", city: nil, key: "2-02-10-03", kind: .removed, expected: ["E001"]),
        Case(name: "removed occupation, Guangdong", province: "Guangdong", city: nil, key: "2-02-10-03", kind: .removed, expected: ["E003"]),
        Case(name: "changed minor group, Shanghai", province: "Shanghai", city: nil, key: "2-02-38", kind: .changed, expected: ["E002"]),
        Case(name: "added minor group, Guangdong", province: "Guangdong", city: nil, key: "2-02-38", kind: .added, expected: ["E011"]),
        Case(name: "changed medium group, Shanghai", province: "Shanghai", city: nil, key: "2-02", kind: .changed, expected: ["E001", "E002"]),
        Case(name: "removed medium group, Guangdong", province: "Guangdong", city: nil, key: "2-02", kind: .removed, expected: ["E003", "E011"]),
        Case(name: "city source: Shenzhen only", province: "Guangdong", city: "Shenzhen", key: "2-02", kind: .changed, expected: ["E003", "E011"]),
        Case(name: "city source: Guangzhou only", province: "Guangdong", city: "Guangzhou", key: "2-02", kind: .changed, expected: []),
        Case(name: "5-digit GB/T key (minor group)", province: "Shandong", city: nil, key: "20238", kind: .removed, expected: ["E009"]),
        Case(name: "a finer code does not contain a coarser hire", province: "Shanghai", city: nil, key: "2-02-10-04", kind: .removed, expected: []),
        Case(name: "another major group", province: "Shanghai", city: nil, key: "1-06-01", kind: .added, expected: ["E010"]),
    ]

    @Test("names the right hires and only them", arguments: cases)
    func namesTheRightHires(_ c: Case) throws {
        let hires = try TestFixtures.hires()
        let changes = CatalogueChangeSet(sourceID: "src", province: c.province, city: c.city, revision: "r2",
                                         changes: [.init(key: c.key, kind: c.kind, title: "row")])
        let result = ImpactAnalyzer().analyze(changes, hires: hires)
        #expect(result.alerts.map(\.employeeID).sorted() == c.expected)
        #expect(result.alerts.allSatisfy { AlertDraft.Kind(rawValue: c.kind.rawValue) == $0.kind })
    }

    @Test("a hire coded in another classification edition is not matched by code, and is reported")
    func editionMismatch() throws {
        var hires = try TestFixtures.hires()
        let index = try #require(hires.firstIndex { $0.employeeID == "E001" })
        hires[index].occupationEdition = "2015"
        let changes = CatalogueChangeSet(sourceID: "src", province: "Shanghai", revision: "r2",
                                         changes: [.init(key: "2-02-10-03", kind: .removed, title: "row")])
        let result = ImpactAnalyzer().analyze(changes, hires: hires)
        #expect(result.alerts.isEmpty)
        #expect(result.editionMismatches == ["E001"])
    }

    @Test("says how: removed, old → new, newly listed; and when the hire's route rests on the list")
    func saysHow() throws {
        let hires = try TestFixtures.hires()
        let changes = CatalogueChangeSet(sourceID: "gd-urgent", province: "Guangdong", revision: "r7", sourceTitle: "Guangdong urgent-need list",
                                         tags: ["urgent_need"], changes: [
            .init(key: "2-02-10", kind: .removed, title: "软件人员"),
            .init(key: "2-02-38-04", kind: .changed, title: "云计算", fields: ["最低学历": .init(old: "本科", new: "硕士")]),
            .init(key: "2-06-07", kind: .added, title: "金融"),
        ])
        let alerts = ImpactAnalyzer(rules: try TestFixtures.rules()).analyze(changes, hires: hires).alerts
        let removed = try #require(alerts.first { $0.employeeID == "E003" })
        #expect(removed.kind == .removed)
        #expect(removed.severity == .critical)   // E003's route is urgent_need
        #expect(removed.body.contains("no longer lists 2-02-10"))
        #expect(removed.body.contains("urgent_need route"))
        #expect(removed.body.contains("extension filing window 2026-09-22 to 2026-12-21"))
        let changed = try #require(alerts.first { $0.employeeID == "E011" })
        #expect(changed.body.contains("最低学历: 本科 → 硕士"))
        #expect(changed.severity == .warning)
        let added = try #require(alerts.first { $0.employeeID == "E004" })
        #expect(added.kind == .added && added.severity == .info)
        #expect(added.body.contains("newly lists"))
        #expect(alerts.count == 3)
    }

    @Test("rows keyed by title match no hire and are counted")
    func titleKeyedRows() throws {
        let changes = CatalogueChangeSet(sourceID: "s", province: "Shanghai", revision: "r", changes: [
            .init(key: "软件工程师", kind: .removed),
        ])
        let result = ImpactAnalyzer().analyze(changes, hires: try TestFixtures.hires())
        #expect(result.alerts.isEmpty)
        #expect(result.unmatchedRows == ["软件工程师"])
    }
}
