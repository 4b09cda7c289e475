import Foundation
import RencaiCore

/// Checks an evidence folder against a checklist for one case: which items apply, and for each one
/// whether its document is present, valid, in time, authenticated and translated, or may be waived.
///
/// ```swift
/// let report = DossierChecker(checklist: checklist)
///     .check(manifest: try EvidenceManifest.load(folder: dir), folder: dir, case: dossierCase)
/// report.ready          // false
/// report.openItems      // [criminal-record: expired …]
/// ```
public struct DossierChecker: Sendable {
    public let checklist: Checklist

    public init(checklist: Checklist) { self.checklist = checklist }

    public func check(manifest: EvidenceManifest, folder: URL, case dossierCase: DossierCase) -> DossierCheckReport {
        let documents = EvidenceFileCheck.check(manifest, folder: folder)
        var results: [ItemResult] = []
        var notRequired: [String] = []
        var used = Set<Int>()
        for item in checklist.items {
            if let reason = whyNotRequired(item, dossierCase) {
                notRequired.append("\(item.id): \(reason)")
                continue
            }
            let candidates = documents.indices.filter { item.kinds.contains(documents[$0].document.kind) }
            used.formUnion(candidates)
            results.append(evaluate(item, candidates.map { documents[$0] }, dossierCase))
        }
        let unused = documents.indices.filter { !used.contains($0) }.map { documents[$0].document.file }
        let ready = results.allSatisfy { $0.status == .ok || $0.status == .waived }
        return DossierCheckReport(ready: ready, case: dossierCase, checklist: checklist.id, items: results,
                                  notRequired: notRequired, unusedDocuments: unused, documents: documents)
    }

    private func whyNotRequired(_ item: ChecklistItem, _ c: DossierCase) -> String? {
        let r = item.requiredWhen
        if let categories = r.categories, !categories.contains(c.category), c.category != "undetermined" {
            return "only for category \(categories.joined(separator: "/"))"
        }
        if let routes = r.routes, Set(routes).isDisjoint(with: c.metRoutes) {
            return "only when a route is met among \(routes.joined(separator: ", "))"
        }
        if let types = r.applicationTypes, !types.contains(c.applicationType ?? "new") {
            return "only for \(types.joined(separator: "/")) applications"
        }
        if let inside = r.insideChina, c.insideChina != inside {
            return inside ? "only when applying inside China" : "only when applying from outside China"
        }
        if let facts = r.profileFacts, Set(facts).isDisjoint(with: c.profileFacts) {
            return "only when the profile claims \(facts.joined(separator: "/"))"
        }
        return nil
    }

    /// Problems of one document for one item, most serious first.
    private func findProblems(of checked: CheckedDocument, for item: ChecklistItem, _ c: DossierCase) -> [ItemProblem] {
        let d = checked.document
        var problems = checked.problems
        let itemSource = item.source.citation
        if let months = item.issuedWithinMonths {
            if let issued = d.issued {
                let limit = c.filingDate.adding(months: -months)
                if issued < limit {
                    problems.append(ItemProblem(status: .expired, detail: "issued \(issued), more than \(months) months before the filing date \(c.filingDate) (must be issued on or after \(limit))", source: itemSource))
                } else if issued > c.filingDate {
                    problems.append(ItemProblem(status: .invalid, detail: "issued \(issued), after the filing date \(c.filingDate): check the date in evidence.yaml", source: nil))
                }
            } else {
                problems.append(ItemProblem(status: .invalid, detail: "no issued: date in evidence.yaml (line \(d.line)); it is needed for the \(months)-month rule", source: itemSource))
            }
        }
        if let months = item.validAfterFilingMonths {
            let needed = c.filingDate.adding(months: months)
            if let expires = d.expires {
                if expires < needed {
                    problems.append(ItemProblem(status: .expired, detail: "valid until \(expires), less than \(months) months after the filing date \(c.filingDate) (needs \(needed) or later)", source: itemSource))
                }
            } else {
                problems.append(ItemProblem(status: .invalid, detail: "no expires: date in evidence.yaml (line \(d.line)); it must be valid until \(needed)", source: itemSource))
            }
        } else if let expires = d.expires, expires < c.filingDate {
            problems.append(ItemProblem(status: .expired, detail: "expired on \(expires), before the filing date \(c.filingDate)", source: itemSource))
        }
        if let rule = item.authentication, d.isForeign {
            let where_ = d.issuingCountry.map { "issued in \($0)" } ?? "issuing_country not given (treated as foreign)"
            var accepted = rule.accepted
            if let from = rule.apostilleFrom, c.filingDate < from { accepted.removeAll { $0 == .apostille } }
            let list = accepted.map(\.rawValue).joined(separator: ", ")
            switch d.authentication {
            case nil, .some(.none):
                problems.append(ItemProblem(status: .needsAuthentication, detail: "\(where_) and not authenticated (accepted: \(list))", source: rule.source.citation))
            case .some(let method) where !accepted.contains(method):
                let why = method == .apostille && rule.apostilleFrom.map { c.filingDate < $0 } == true
                    ? "apostilles are accepted only from \(rule.apostilleFrom!)" : "not accepted for this document"
                problems.append(ItemProblem(status: .needsAuthentication, detail: "\(where_), authenticated by \(method.rawValue): \(why) (accepted: \(list))", source: rule.source.citation))
            default: break
            }
        }
        if item.translationRequired, d.language != "zh", d.translation == nil {
            let what = d.kind == .employmentContract ? "the contract must be in Chinese" : "a Chinese translation sealed by the employer is required"
            problems.append(ItemProblem(status: .needsTranslation, detail: "in '\(d.language)': \(what)", source: item.translationSource?.citation ?? itemSource))
        }
        return problems.sorted { $0.status.severity < $1.status.severity }
    }

    private func evaluate(_ item: ChecklistItem, _ documents: [CheckedDocument], _ c: DossierCase) -> ItemResult {
        let evaluated = documents.map { ($0, findProblems(of: $0, for: item, c)) }
        // Several documents of the kind (an old and a new passport): the best one counts.
        let best = evaluated.min { a, b in
            let sa = a.1.first?.status.severity ?? 99, sb = b.1.first?.status.severity ?? 99
            return sa != sb ? sa > sb : a.1.count < b.1.count
        }
        var problems = best?.1 ?? [ItemProblem(status: .missing, detail: "no document of kind \(item.kinds.map(\.rawValue).joined(separator: " or ")) in evidence.yaml", source: item.source.citation)]
        let file = best?.0.document.file
        let kind = best?.0.document.kind ?? item.kinds[0]

        func result(_ status: ItemStatus, _ detail: String, _ next: String) -> ItemResult {
            // [U] rules are applied but never presented as law.
            let flagged = item.source.confidence == .unverified ? detail + " [unverified rule, configurable in the checklist]" : detail
            return ItemResult(item: item.id, title: item.title, kind: kind, status: status, file: file, problems: problems,
                       detail: flagged, next: next, source: item.source.citation, confidence: item.source.confidence)
        }
        if problems.isEmpty {
            return result(.ok, okDetail(best!.0.document, item, c), "nothing")
        }
        // Waivers: an exemption (change of employer), a commitment letter (outside China) or an A self-declaration.
        if let type = c.applicationType, item.exemptApplicationTypes.contains(type) {
            return result(.waived, "exempt for \(type) applications — \(item.exemptionSource?.citation ?? item.source.citation)" + also(problems), "nothing to file for this item")
        }
        if item.commitmentOutsideChina, c.insideChina == false {
            return result(.waived, "applying from outside China: a commitment letter replaces it until entry — \(item.commitmentSource?.citation ?? item.source.citation)" + also(problems),
                          "file the commitment letter; get the health certificate from a Chinese inspection & quarantine body after entry")
        }
        if let rule = item.selfDeclaration, rule.categories.contains(c.category) {
            let resting = Set(rule.unlessRoutes).intersection(c.metRoutes)
            if resting.isEmpty {
                return result(.waived, "category \(c.category) may self-declare instead — \(rule.source.citation)" + also(problems),
                              "file a signed self-declaration (or fix the document)")
            }
            problems.append(ItemProblem(status: problems[0].status, detail: "no self-declaration: category \(c.category) rests on \(resting.sorted().joined(separator: ", "))", source: rule.source.citation))
        }
        let first = problems[0]
        return result(first.status, first.detail + (problems.count > 1 ? " (+\(problems.count - 1) more)" : ""), nextStep(first.status, item, problems, c))
    }

    private func also(_ problems: [ItemProblem]) -> String {
        problems.first?.status == .missing ? "" : "; the document has problems: " + problems.map(\.detail).joined(separator: "; ")
    }

    private func okDetail(_ d: EvidenceDocument, _ item: ChecklistItem, _ c: DossierCase) -> String {
        var parts: [String] = []
        if let issued = d.issued { parts.append("issued \(issued)") }
        if let expires = d.expires { parts.append("valid until \(expires)") }
        if let method = d.authentication, method != .none { parts.append("authenticated (\(method.rawValue))") }
        if d.translation != nil { parts.append("translated") }
        return parts.isEmpty ? "present" : parts.joined(separator: ", ")
    }

    private func nextStep(_ status: ItemStatus, _ item: ChecklistItem, _ problems: [ItemProblem], _ c: DossierCase) -> String {
        switch status {
        case .missing:
            return "add the \(item.title.en.lowercased()) to the folder and list it in evidence.yaml with kind: \(item.kinds[0].rawValue)"
        case .invalid:
            return "fix the file or its entry in evidence.yaml: \(problems[0].detail)"
        case .expired:
            if let months = item.validAfterFilingMonths { return "renew it: it must be valid until \(c.filingDate.adding(months: months)) or later" }
            if let months = item.issuedWithinMonths { return "obtain a new one issued on or after \(c.filingDate.adding(months: -months))" }
            return "obtain a valid one"
        case .needsAuthentication:
            let accepted = item.authentication?.accepted.map(\.rawValue).joined(separator: " or ") ?? "apostille or consular"
            return "have it authenticated (\(accepted)), then set authentication: in evidence.yaml"
        case .needsTranslation:
            return "add a Chinese translation sealed by the employer and set translation: FILE in evidence.yaml"
        case .ok, .waived:
            return "nothing"
        }
    }
}
