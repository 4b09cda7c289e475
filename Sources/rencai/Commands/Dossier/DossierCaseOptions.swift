import ArgumentParser
import Dossier
import Foundation
import RencaiCore
import Standards

/// The options `dossier check` and `dossier build` share: whose dossier, which evidence, which day.
struct DossierCaseOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The candidate profile (the file `rencai assess` reads).", valueName: "profile"))
    var profile: String

    @Option(help: ArgumentHelp("The evidence folder, with its evidence.yaml.", valueName: "dir"))
    var evidence: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The filing date validity is measured from (else the profile's filing date, else today).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(help: ArgumentHelp("Force the category (A, B or C) instead of the assessment's.", valueName: "A|B|C"))
    var category: String?

    @Option(help: ArgumentHelp("A checklist replacing Templates/checklists/work-permit.yaml.", valueName: "file"))
    var checklist: String?

    @OptionGroup var standards: StandardsOptions

    func validate() throws {
        if let category, !["A", "B", "C"].contains(category.uppercased()) {
            throw ValidationError("--category \(category): must be A, B or C")
        }
    }

    /// Loads the profile, assesses it, reads the evidence and checks it.
    func check(resources: ResourceLocator) throws -> (Checklist, DossierCheckReport) {
        let day: Day? = try asOf.map { text in
            do { return try Day(parsing: text) } catch { throw ValidationError("--as-of \(text): not a date, write YYYY-MM-DD") }
        }
        let profileURL = URL(fileURLWithPath: profile)
        guard FileManager.default.fileExists(atPath: profileURL.path) else {
            throw InputError("\(profile): no such profile file", status: .noInput)
        }
        let candidate = try CandidateProfile.load(from: profileURL)
        let assessment = Assessor(rules: try standards.rules(resources)).assess(profile: candidate, asOf: day)
        let dossierCase = DossierCase(profile: candidate, assessment: assessment, asOf: day, forcedCategory: category?.uppercased())
        let list = try checklist.map { try Checklist.load(URL(fileURLWithPath: $0)) } ?? Checklist.bundled(resources)
        let folder = URL(fileURLWithPath: evidence, isDirectory: true)
        let manifest = try EvidenceManifest.load(folder: folder)
        let report = DossierChecker(checklist: list).check(manifest: manifest, folder: folder, case: dossierCase)
        return (list, report)
    }
}

/// The `--json` form of `dossier check`.
struct DossierCheckJSON: Encodable {
    let ready: Bool
    let category: String
    let categoryForced: Bool
    let filingDate: String
    let items: [ItemResult]
    let notRequired: [String]
    let unusedDocuments: [String]

    init(_ report: DossierCheckReport) {
        ready = report.ready
        category = report.case.category
        categoryForced = report.case.categoryForced
        filingDate = report.case.filingDate.description
        items = report.items
        notRequired = report.notRequired
        unusedDocuments = report.unusedDocuments
    }

    enum CodingKeys: String, CodingKey {
        case ready, category, items
        case categoryForced = "category_forced", filingDate = "filing_date", notRequired = "not_required", unusedDocuments = "unused_documents"
    }
}

enum DossierText {
    /// One line per item: status, item, file, detail, and the next step when something is open.
    static func lines(_ report: DossierCheckReport) -> String {
        let rows = report.items.map { r in
            [r.status.rawValue, "\(r.title.zh) \(r.title.en)", r.file ?? "-", r.detail]
        }
        var text = Output.table(["STATUS", "ITEM", "FILE", "DETAIL"], rows)
        let open = report.openItems
        if !open.isEmpty {
            text += "\n\nnext steps:\n" + open.map { "  \($0.item): \($0.next)" }.joined(separator: "\n")
        }
        for r in report.items where r.problems.count > 1 {
            text += "\n\(r.item) has \(r.problems.count) problems:\n" + r.problems.map { "  \($0.status.rawValue): \($0.detail)" }.joined(separator: "\n")
        }
        if !report.unusedDocuments.isEmpty { text += "\n\nnot used by any required item (still packed): " + report.unusedDocuments.joined(separator: ", ") }
        text += "\n\(report.notRequired.count) checklist items do not apply to this case"
        return text
    }
}
