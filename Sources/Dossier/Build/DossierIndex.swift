import Foundation
import Mustache
import RencaiCore

/// One evidence file as packed in the bag: numbered, renamed, and tied to its checklist item.
public struct Exhibit: Sendable, Hashable, Codable {
    /// `E01`, `E02` …
    public var number: String
    /// The name under `data/` (`E01-passport.pdf`).
    public var path: String
    /// The file's name in the evidence folder.
    public var original: String
    public var kind: EvidenceKind
    /// The checklist item it serves, or `-` when none.
    public var item: String
    /// Where it is read from.
    public var source: String
}

/// Renders the bilingual dossier index (`index.html`, `index.md`) from the Mustache templates in
/// `Templates/reports/`.
public struct DossierIndex: Sendable {
    public let html: MustacheTemplate
    public let markdown: MustacheTemplate

    public init(resources: ResourceLocator) throws {
        html = try DossierIndex.template(resources.url("reports/dossier-index.html.mustache"))
        markdown = try DossierIndex.template(resources.url("reports/dossier-index.md.mustache"))
    }

    static func template(_ url: URL) throws -> MustacheTemplate {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(url.path): report template not found (check --templates)", status: .noInput)
        }
        do { return try MustacheTemplate(string: text) }
        catch { throw InputError("\(url.path): not a valid Mustache template: \(error)", status: .config) }
    }

    /// The values the templates see.
    public static func context(report: DossierCheckReport, checklist: Checklist, exhibits: [Exhibit],
                               generatedAt: String, version: String) -> [String: Any] {
        let c = report.case
        func itemContext(_ r: ItemResult) -> [String: Any] {
            ["item": r.item, "titleZh": r.title.zh, "titleEn": r.title.en, "status": r.status.rawValue,
             "statusClass": r.status == .ok ? "status-ok" : r.status == .waived ? "status-waived" : "status-bad",
             "detail": r.detail, "next": r.next, "file": r.file ?? "", "source": r.source,
             "problems": r.problems.map { ["status": $0.status.rawValue, "detail": $0.detail] },
             "severalProblems": r.problems.count > 1]
        }
        return [
            "candidate": c.candidateName ?? c.candidateID ?? "(unnamed)",
            "candidateID": c.candidateID ?? "",
            "category": c.category,
            "categoryForced": c.categoryForced,
            "applicationType": c.applicationType ?? "new",
            "insideChina": c.insideChina ?? false,
            "filingDate": c.filingDate.description,
            "generatedAt": generatedAt,
            "version": version,
            "draft": !report.ready,
            "openCount": report.openItems.count,
            "openItems": report.openItems.map(itemContext),
            "assessmentSummary": c.assessmentSummary ?? "no assessment",
            "exhibits": exhibits.map { ["number": $0.number, "path": $0.path, "original": $0.original, "kind": $0.kind.rawValue, "item": $0.item] },
            "items": report.items.map(itemContext),
            "notRequired": report.notRequired,
            "hasNotRequired": !report.notRequired.isEmpty,
            "checklistTitle": "\(checklist.title.zh) / \(checklist.title.en)",
            "checklistSource": checklist.provenance.citation,
        ]
    }
}
