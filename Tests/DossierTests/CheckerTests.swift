import Dossier
import Foundation
import RencaiCore
import Testing

@Suite("Checklist and checker")
struct CheckerTests {
    let checklist: Checklist

    init() throws { checklist = try Checklist.bundled(TestSupport.resources) }

    func day(_ text: String) -> Day { try! Day(parsing: text) }

    /// An evidence folder whose files all exist and are non-empty, from manifest text.
    func folder(_ yaml: String) throws -> (URL, EvidenceManifest) {
        let dir = try TestSupport.scratch("evidence")
        try TestSupport.write(yaml, dir.appendingPathComponent("evidence.yaml"))
        let manifest = try EvidenceManifest.load(folder: dir)
        for document in manifest.documents {
            for file in [document.file] + (document.translation.map { [$0] } ?? []) where !file.contains("..") && !file.hasPrefix("/") {
                try TestSupport.write("%PDF-1.4 test\n", dir.appendingPathComponent(file))
            }
        }
        return (dir, manifest)
    }

    func check(_ yaml: String, category: String = "B", routes: [String] = [], type: String? = "new", inside: Bool? = false,
               filing: String = "2026-12-15") throws -> DossierCheckReport {
        let (dir, manifest) = try folder(yaml)
        let c = DossierCase(category: category, metRoutes: routes, applicationType: type, insideChina: inside, filingDate: day(filing))
        return DossierChecker(checklist: checklist).check(manifest: manifest, folder: dir, case: c)
    }

    func item(_ report: DossierCheckReport, _ id: String) -> ItemResult? { report.items.first { $0.item == id } }

    @Test func everyItemHasASource() {
        #expect(checklist.items.count >= 10)
        for item in checklist.items { #expect(!item.source.source.isEmpty, "\(item.id)") }
        #expect(checklist.items.first { $0.id == "passport" }?.validAfterFilingMonths == 6)
        #expect(checklist.items.first { $0.id == "criminal-record" }?.issuedWithinMonths == 6)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: String
        let item: String
        let status: ItemStatus
        var category = "B"
        var routes: [String] = []
        var type: String? = "new"
        var filing = "2026-12-15"
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "passport valid 6+ months after filing is ok",
            yaml: "documents:\n  - { file: p.pdf, kind: passport, expires: 2027-06-15, issuing_country: GB }\n", item: "passport", status: .ok),
        Row(name: "passport valid < 6 months after filing is expired",
            yaml: "documents:\n  - { file: p.pdf, kind: passport, expires: 2027-06-14, issuing_country: GB }\n", item: "passport", status: .expired),
        Row(name: "no passport is missing", yaml: "documents: []\n", item: "passport", status: .missing),
        Row(name: "criminal record 7 months old is expired",
            yaml: "documents:\n  - { file: c.pdf, kind: criminal_record, issued: 2026-05-14, issuing_country: GB, authentication: apostille, translation: c-zh.pdf }\n",
            item: "criminal-record", status: .expired),
        Row(name: "criminal record 5 months old, apostilled and translated, is ok",
            yaml: "documents:\n  - { file: c.pdf, kind: criminal_record, issued: 2026-07-15, issuing_country: GB, authentication: apostille, translation: c-zh.pdf }\n",
            item: "criminal-record", status: .ok),
        Row(name: "foreign degree without authentication needs it",
            yaml: "documents:\n  - { file: d.pdf, kind: degree, issued: 2012-07-01, issuing_country: GB, translation: d-zh.pdf }\n",
            item: "highest-degree", status: .needsAuthentication),
        Row(name: "apostille before China joined the convention is not accepted",
            yaml: "documents:\n  - { file: d.pdf, kind: degree, issued: 2012-07-01, issuing_country: GB, authentication: apostille, translation: d-zh.pdf }\n",
            item: "highest-degree", status: .needsAuthentication, filing: "2023-06-01"),
        Row(name: "CSCSE-verified degree is ok",
            yaml: "documents:\n  - { file: d.pdf, kind: degree, issued: 2012-07-01, issuing_country: US, authentication: cscse, translation: d-zh.pdf }\n",
            item: "highest-degree", status: .ok),
        Row(name: "Chinese degree needs neither authentication nor translation",
            yaml: "documents:\n  - { file: d.pdf, kind: degree, issued: 2012-07-01, issuing_country: CN }\n", item: "highest-degree", status: .ok),
        Row(name: "English contract needs a translation",
            yaml: "documents:\n  - { file: c.pdf, kind: employment_contract, issuing_country: CN, language: en }\n",
            item: "employment-contract", status: .needsTranslation),
        Row(name: "several problems: expired comes before authentication and translation",
            yaml: "documents:\n  - { file: c.pdf, kind: criminal_record, issued: 2025-01-01, issuing_country: GB }\n",
            item: "criminal-record", status: .expired),
        Row(name: "category A may self-declare a missing criminal record",
            yaml: "documents: []\n", item: "criminal-record", status: .waived, category: "A", routes: ["A3-salary-6x"]),
        Row(name: "category A resting on points may not self-declare the degree",
            yaml: "documents: []\n", item: "highest-degree", status: .missing, category: "A", routes: ["A6-points-85"]),
        Row(name: "change of employer is exempt from the criminal record",
            yaml: "documents: []\n", item: "criminal-record", status: .waived, type: "change_of_employer"),
        Row(name: "empty file is invalid",
            yaml: "documents:\n  - { file: p.pdf, kind: passport, expires: 2031-01-01 }\n", item: "passport", status: .invalid),
    ]

    @Test("item status", arguments: rows)
    func itemStatus(_ row: Row) throws {
        let (dir, manifest) = try folder(row.yaml)
        if row.name.contains("empty") { try Data().write(to: dir.appendingPathComponent("p.pdf")) }
        let c = DossierCase(category: row.category, metRoutes: row.routes, applicationType: row.type, insideChina: false, filingDate: day(row.filing))
        let report = DossierChecker(checklist: checklist).check(manifest: manifest, folder: dir, case: c)
        let result = try #require(item(report, row.item))
        #expect(result.status == row.status, "\(result.detail)")
    }

    @Test func allProblemsAreListedInOrder() throws {
        let report = try check("documents:\n  - { file: c.pdf, kind: criminal_record, issued: 2025-01-01, issuing_country: GB }\n")
        let result = try #require(item(report, "criminal-record"))
        #expect(result.problems.map(\.status) == [.expired, .needsAuthentication, .needsTranslation])
        #expect(!report.ready)
    }

    @Test func fileOutsideTheFolderIsInvalid() throws {
        let report = try check("documents:\n  - { file: ../outside.pdf, kind: passport, expires: 2031-01-01 }\n  - { file: /etc/hostname, kind: photo, issued: 2026-12-01 }\n")
        #expect(item(report, "passport")?.status == .invalid)
        #expect(item(report, "photo")?.status == .invalid)
    }

    @Test func symlinkLeadingOutIsInvalid() throws {
        let (dir, manifest) = try folder("documents:\n  - { file: p.pdf, kind: passport, expires: 2031-01-01 }\n")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("p.pdf"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("p.pdf").path, withDestinationPath: "/etc/hostname")
        let c = DossierCase(category: "B", filingDate: day("2026-12-15"))
        let report = DossierChecker(checklist: checklist).check(manifest: manifest, folder: dir, case: c)
        let result = try #require(item(report, "passport"))
        #expect(result.status == .invalid)
        #expect(result.detail.contains("symbolic link"))
    }

    @Test func fileListedTwiceIsInvalid() throws {
        let report = try check("documents:\n  - { file: p.pdf, kind: passport, expires: 2031-01-01 }\n  - { file: p.pdf, kind: photo, issued: 2026-12-01 }\n")
        #expect(item(report, "passport")?.status == .invalid)
        #expect(item(report, "passport")?.detail.contains("listed twice") == true)
    }

    @Test func routeDependentItems() throws {
        let salary = try check("documents: []\n", routes: ["B6-salary-4x"])
        #expect(item(salary, "salary-commitment")?.status == .missing)
        let noSalary = try check("documents: []\n", routes: ["B1-professional-post"])
        #expect(item(noSalary, "salary-commitment") == nil)
        #expect(noSalary.notRequired.contains { $0.hasPrefix("salary-commitment") })
    }

    @Test("manifest errors name the line and field", arguments: [
        ("documents:\n  - file: a.pdf\n    kind: pasport\n", "line 3"),
        ("documents:\n  - file: a.pdf\n    kind: passport\n    expires: 2031-13-01\n", "expires"),
        ("documents:\n  - file: a.pdf\n    kind: degree\n    issuing_country: Britain\n", "issuing_country"),
        ("documents:\n  - kind: degree\n", "'file'"),
        ("documents:\n  - file: a.pdf\n    kind: degree\n    colour: red\n", "unknown field 'colour'"),
    ])
    func manifestErrors(_ yaml: String, _ expected: String) {
        do {
            _ = try EvidenceManifest.parse(yaml, file: "evidence.yaml")
            Issue.record("accepted a bad manifest")
        } catch let error as InputError {
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.message.hasPrefix("evidence.yaml"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func defaultLanguageFollowsTheIssuingCountry() throws {
        let manifest = try EvidenceManifest.parse("documents:\n  - { file: a.pdf, kind: degree, issuing_country: CN }\n  - { file: b.pdf, kind: degree, issuing_country: gb }\n")
        #expect(manifest.documents.map(\.language) == ["zh", "en"])
        #expect(manifest.documents[1].issuingCountry == "GB")
    }
}
