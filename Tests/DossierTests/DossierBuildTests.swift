import Dossier
import Foundation
import RencaiCore
import Standards
import Testing

@Suite("Dossier init, build and index")
struct DossierBuildTests {
    func janeDoe() throws -> (Checklist, DossierCheckReport) {
        let profile = try CandidateProfile.load(from: TestSupport.fixtures.appendingPathComponent("profiles/jane-doe-shanghai.yaml"))
        let assessment = try Assessor.bundled(TestSupport.resources).assess(profile: profile, asOf: nil)
        let c = DossierCase(profile: profile, assessment: assessment, asOf: nil, forcedCategory: nil)
        let checklist = try Checklist.bundled(TestSupport.resources)
        let folder = TestSupport.fixtures.appendingPathComponent("evidence/jane-doe")
        return (checklist, DossierChecker(checklist: checklist).check(manifest: try EvidenceManifest.load(folder: folder), folder: folder, case: c))
    }

    @Test func sampleEvidenceIsNotReadyForTheStatedReasons() throws {
        let (_, report) = try janeDoe()
        #expect(report.case.category == "B")
        #expect(!report.ready)
        #expect(Set(report.openItems.map(\.item)) == ["work-experience", "criminal-record"])
        #expect(report.items.first { $0.item == "health-certificate" }?.status == .waived)
    }

    @Test func draftBagHasExhibitsIndexAndChecklist() throws {
        let (checklist, report) = try janeDoe()
        let out = try TestSupport.scratch("build").appendingPathComponent("bag")
        let result = try DossierBuilder(checklist: checklist, index: try DossierIndex(resources: TestSupport.resources), makePDF: false)
            .build(report: report, out: out)
        #expect(!result.ready)
        let data = out.appendingPathComponent("data")
        let names = try FileManager.default.contentsOfDirectory(atPath: data.path)
        #expect(names.contains("E01-passport.pdf"))
        #expect(names.contains("E03-degree-zh.pdf"))
        #expect(names.contains("index.html") && names.contains("index.md") && names.contains("checklist.json"))
        let html = try String(contentsOf: data.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("DRAFT"))
        #expect(html.contains("无犯罪记录证明"))
        #expect(html.contains("Criminal-record certificate"))
        let markdown = try String(contentsOf: data.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(markdown.contains("| E01 | data/E01-passport.pdf | passport.pdf |"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("checklist.json"))) as? [String: Any]
        #expect(json?["ready"] as? Bool == false)
        let info = try String(contentsOf: out.appendingPathComponent("bag-info.txt"), encoding: .utf8)
        for field in ["Source-Organization:", "Bagging-Date:", "External-Identifier:", "Payload-Oxum:"] { #expect(info.contains(field)) }
        #expect(try BagValidator().validate(out).isValid)
        if TestSupport.hasBagitPython {
            let py = try TestSupport.bagitPyValidate(out)
            #expect(py.status == 0, "\(py.output)")
        }
    }

    @Test func requireReadyRefusesADraft() throws {
        let (checklist, report) = try janeDoe()
        let out = try TestSupport.scratch("ready").appendingPathComponent("bag")
        do {
            _ = try DossierBuilder(checklist: checklist, index: try DossierIndex(resources: TestSupport.resources), makePDF: false)
                .build(report: report, out: out, requireReady: true)
            Issue.record("built a draft despite requireReady")
        } catch let error as InputError {
            #expect(error.exitStatus == .notReady)
            #expect(error.message.contains("criminal-record"))
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func initDraftsKindsAndPairsTranslations() throws {
        let dir = try TestSupport.scratch("init")
        for name in ["passport.pdf", "学位证书.pdf", "学位证书-zh.pdf", "无犯罪记录证明.pdf", "scan-0001.pdf"] {
            try TestSupport.write("%PDF-1.4\n", dir.appendingPathComponent(name))
        }
        let draft = try EvidenceDraft.draft(folder: dir)
        let kinds = Dictionary(uniqueKeysWithValues: draft.entries.map { ($0.file, $0.kind) })
        #expect(kinds["passport.pdf"] == .passport)
        #expect(kinds["学位证书.pdf"] == .degree)
        #expect(kinds["无犯罪记录证明.pdf"] == .criminalRecord)
        #expect(kinds["scan-0001.pdf"] == .some(nil))
        #expect(kinds["学位证书-zh.pdf"] == nil)  // a translation, not a document of its own
        #expect(draft.entries.first { $0.file == "学位证书.pdf" }?.translation == "学位证书-zh.pdf")
        // The draft parses once a kind is given for the unknown file.
        let yaml = draft.yaml.replacingOccurrences(of: "    kind:                  # TODO", with: "    kind: photo # TODO")
        #expect(try EvidenceManifest.parse(yaml).documents.count == 4)
    }

    static let hasPDFInfo = ["/usr/bin/pdfinfo", "/usr/local/bin/pdfinfo"].contains { FileManager.default.isExecutableFile(atPath: $0) }

    /// A one-page PDF whose file name says nothing but whose title does.
    @Test(.enabled(if: hasPDFInfo, "pdfinfo (poppler-utils) not installed; skipping the PDF-metadata draft"))
    func initReadsPDFMetadata() throws {
        let dir = try TestSupport.scratch("pdfinfo")
        let pdf = "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[4 0 R]/Count 1>> endobj\n"
            + "4 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj\n"
            + "3 0 obj <</Title(Police Certificate)/CreationDate(D:20260301120000Z)>> endobj\n"
            + "trailer <</Size 5/Root 1 0 R/Info 3 0 R>>\n%%EOF\n"
        try TestSupport.write(pdf, dir.appendingPathComponent("scan-0001.pdf"))
        let draft = try EvidenceDraft.draft(folder: dir)
        #expect(draft.usedPDFInfo)
        #expect(draft.entries.first?.kind == .criminalRecord)
        #expect(draft.entries.first?.pdfCreated == "2026-03-01")
        #expect(draft.yaml.contains("(the PDF was created 2026-03-01)"))
    }

    static let hasPDFRenderer = ["weasyprint", "chromium", "chromium-browser"].contains { name in
        ["/usr/bin/", "/usr/local/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + name) }
    }

    @Test(.enabled(if: hasPDFRenderer, "neither weasyprint nor chromium installed; skipping index.pdf"))
    func indexPDFIsRenderedIntoTheBag() throws {
        let (checklist, report) = try janeDoe()
        let out = try TestSupport.scratch("pdf").appendingPathComponent("bag")
        let result = try DossierBuilder(checklist: checklist, index: try DossierIndex(resources: TestSupport.resources), makePDF: true)
            .build(report: report, out: out)
        let pdf = try Data(contentsOf: out.appendingPathComponent("data/index.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(result.notes.contains { $0.hasPrefix("index.pdf rendered with") })
        #expect(try BagValidator().validate(out).isValid)
    }
}
