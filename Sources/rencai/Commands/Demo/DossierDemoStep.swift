import Dossier
import Foundation
import RencaiCore
import Standards

extension DemoSteps {
    /// Checks the sample evidence of Jane Doe (category B), builds the BagIt dossier in the demo folder,
    /// verifies it, then shows that one changed byte is caught and named.
    static let dossier = DemoStep(title: "Evidence dossier: check the sample evidence, build a BagIt bag, verify it") { ctx in
        let profileURL = ctx.fixtures.appendingPathComponent("profiles/jane-doe-shanghai.yaml")
        let folder = ctx.fixtures.appendingPathComponent("evidence/jane-doe")
        let profile = try CandidateProfile.load(from: profileURL)
        let assessment = try Assessor.bundled(ctx.resources).assess(profile: profile, asOf: nil)
        let dossierCase = DossierCase(profile: profile, assessment: assessment, asOf: nil, forcedCategory: nil)
        let checklist = try Checklist.bundled(ctx.resources)
        let report = DossierChecker(checklist: checklist).check(manifest: try EvidenceManifest.load(folder: folder), folder: folder, case: dossierCase)
        print("rencai dossier check Fixtures/profiles/jane-doe-shanghai.yaml --evidence Fixtures/evidence/jane-doe")
        print("\(profile.name ?? "candidate"): category \(dossierCase.category), filing date \(dossierCase.filingDate)")
        print(DossierText.lines(report))
        print(report.ready ? "READY" : "NOT READY: \(report.openItems.count) open item(s) — the bag is built as a DRAFT")

        let bag = ctx.work.appendingPathComponent("dossier-jane-doe")
        let result = try DossierBuilder(checklist: checklist, index: try DossierIndex(resources: ctx.resources), version: Rencai.version)
            .build(report: report, out: bag)
        print("\nbuilt \(bag.lastPathComponent): \(result.payloadFiles) payload files (\(result.exhibits.count) exhibits, index.html, index.md, checklist.json), SHA-256 + SHA-512")
        for note in result.notes { print("  \(note)") }
        let verified = try BagValidator().validate(bag)
        print("rencai dossier verify: \(verified.isValid ? "valid" : "INVALID") BagIt \(verified.version ?? "?") bag, \(verified.payloadFiles) files")

        // Tamper with one byte of a copy: the validator names the file.
        let copy = ctx.work.appendingPathComponent("dossier-jane-doe-tampered")
        try FileManager.default.copyItem(at: bag, to: copy)
        let exhibit = copy.appendingPathComponent("data/E01-passport.pdf")
        var bytes = try Data(contentsOf: exhibit)
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: exhibit)
        let tampered = try BagValidator().validate(copy)
        print("after changing one byte of a copy: \(tampered.isValid ? "valid (unexpected!)" : "INVALID")")
        for problem in tampered.problems { print("  \(problem)") }
    }
}
