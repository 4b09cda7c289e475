import Foundation
import RencaiCore

/// What `dossier build` produced.
public struct DossierBuildResult: Sendable {
    public var bag: URL
    public var ready: Bool
    public var exhibits: [Exhibit]
    public var payloadFiles: Int
    public var payloadBytes: Int64
    /// Notes for the user (PDF made or why not).
    public var notes: [String]
}

/// Packs a checked evidence folder as a BagIt 1.0 dossier: exhibits renamed `E01-passport.pdf` …,
/// `index.html` and `index.md` (bilingual), `checklist.json`, and `index.pdf` when a renderer is installed.
///
/// ```swift
/// let result = try DossierBuilder(checklist: checklist, index: try DossierIndex(resources: resources))
///     .build(report: report, out: URL(fileURLWithPath: "dossier-bag"))
/// ```
public struct DossierBuilder: Sendable {
    public var checklist: Checklist
    public var index: DossierIndex
    public var organization: String
    public var version: String
    /// Render `index.pdf` with weasyprint or chromium when one is installed.
    public var makePDF: Bool

    public init(checklist: Checklist, index: DossierIndex, organization: String = "rencai user", version: String = "0.1.0", makePDF: Bool = true) {
        self.checklist = checklist
        self.index = index
        self.organization = organization
        self.version = version
        self.makePDF = makePDF
    }

    /// Numbers the usable documents in checklist order (then the ones no item uses); a translation
    /// follows its document as `E02-degree-zh.pdf`.
    public static func exhibits(for report: DossierCheckReport) -> [Exhibit] {
        var order: [(CheckedDocument, String)] = []
        var seen = Set<String>()
        for item in report.items {
            for doc in report.documents where doc.document.file == item.file && doc.resolvedPath != nil && !seen.contains(doc.document.file) {
                order.append((doc, item.item)); seen.insert(doc.document.file)
            }
        }
        for doc in report.documents where doc.resolvedPath != nil && !seen.contains(doc.document.file) {
            order.append((doc, "-")); seen.insert(doc.document.file)
        }
        var exhibits: [Exhibit] = []
        for (index, (doc, item)) in order.enumerated() {
            let number = String(format: "E%02d", index + 1)
            let base = "\(number)-\(doc.document.kind.rawValue.replacingOccurrences(of: "_", with: "-"))"
            exhibits.append(Exhibit(number: number, path: base + ext(doc.document.file), original: doc.document.file,
                                    kind: doc.document.kind, item: item, source: doc.resolvedPath!))
            if let translation = doc.document.translation, let path = doc.resolvedTranslationPath {
                exhibits.append(Exhibit(number: number + "-zh", path: base + "-zh" + ext(translation), original: translation,
                                        kind: doc.document.kind, item: item + " (translation)", source: path))
            }
        }
        return exhibits
    }

    private static func ext(_ file: String) -> String {
        let e = (file as NSString).pathExtension
        return e.isEmpty ? "" : "." + e.lowercased()
    }

    public func build(report: DossierCheckReport, out: URL, zip: Bool = false, force: Bool = false,
                      requireReady: Bool = false, now: Date = Date()) throws -> DossierBuildResult {
        if requireReady && !report.ready {
            let open = report.openItems.map { "\($0.item) (\($0.status.rawValue))" }.joined(separator: ", ")
            throw InputError("the dossier is not ready (--require-ready): open items \(open); run `rencai dossier check` for what to do", status: .notReady)
        }
        let exhibits = DossierBuilder.exhibits(for: report)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let generatedAt = formatter.string(from: now)
        let context = DossierIndex.context(report: report, checklist: checklist, exhibits: exhibits, generatedAt: generatedAt, version: version)
        let html = index.html.render(context)
        let markdown = index.markdown.render(context)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let checklistJSON = try encoder.encode(ChecklistJSON(report: report, exhibits: exhibits, generatedAt: generatedAt))

        var payload = exhibits.map { BagPayloadItem(path: $0.path, file: URL(fileURLWithPath: $0.source)) }
        payload.append(BagPayloadItem(path: "index.html", bytes: Data(html.utf8)))
        payload.append(BagPayloadItem(path: "index.md", bytes: Data(markdown.utf8)))
        payload.append(BagPayloadItem(path: "checklist.json", bytes: checklistJSON))
        var notes: [String] = []
        if makePDF {
            switch PDFRenderer.render(html: html) {
            case .success(let (pdf, tool)):
                payload.append(BagPayloadItem(path: "index.pdf", bytes: pdf))
                notes.append("index.pdf rendered with \(tool)")
            case .failure(let reason):
                notes.append("no index.pdf: \(reason.message)")
            }
        }
        let c = report.case
        let identifier = ["rencai-dossier", c.candidateID ?? c.candidateName ?? "candidate", c.filingDate.description]
            .joined(separator: "-").replacingOccurrences(of: " ", with: "_")
        let writer = BagWriter(bagInfo: [
            ("Source-Organization", organization),
            ("External-Identifier", identifier),
            ("External-Description", "Work-permit dossier \(report.ready ? "(ready)" : "(DRAFT: \(report.openItems.count) open items)"), category \(c.category), filing date \(c.filingDate)"),
            ("Bag-Software-Agent", "rencai \(version)"),
        ])
        let summary = try writer.write(payload, to: out, zip: zip, force: force, baggingDate: Day(date: now))
        return DossierBuildResult(bag: out, ready: report.ready, exhibits: exhibits, payloadFiles: summary.payloadFiles,
                                  payloadBytes: summary.payloadBytes, notes: notes)
    }
}

/// `data/checklist.json`: the check report plus the exhibit list.
struct ChecklistJSON: Encodable {
    let ready: Bool
    let category: String
    let filingDate: String
    let generatedAt: String
    let items: [ItemResult]
    let exhibits: [Exhibit]
    let notRequired: [String]

    init(report: DossierCheckReport, exhibits: [Exhibit], generatedAt: String) {
        ready = report.ready
        category = report.case.category
        filingDate = report.case.filingDate.description
        self.generatedAt = generatedAt
        items = report.items
        self.exhibits = exhibits.map { var e = $0; e.source = e.original; return e }
        notRequired = report.notRequired
    }

    enum CodingKeys: String, CodingKey {
        case ready, category, items, exhibits
        case filingDate = "filing_date", generatedAt = "generated_at", notRequired = "not_required"
    }
}
