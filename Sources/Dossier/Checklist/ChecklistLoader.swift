import Foundation
import RencaiCore
import Yams

extension Checklist {
    /// The bundled work-permit checklist.
    public static func bundled(_ resources: ResourceLocator) throws -> Checklist {
        try load(resources.url("checklists/work-permit.yaml"))
    }

    /// Reads a checklist YAML file; every error names the file, line and field.
    public static func load(_ url: URL) throws -> Checklist {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(url.path): checklist not found or not UTF-8 text", status: .noInput)
        }
        return try parse(text, file: url.path)
    }

    public static func parse(_ text: String, file: String) throws -> Checklist {
        guard let root = try YAMLFields.root(text, file: file) else { throw InputError("\(file): the checklist is empty") }
        let top = try YAMLFields(file: file, node: root, what: "the checklist")
        try top.unknownKeys(allowed: ["checklist", "title", "provenance", "defaults", "items"])
        let defaults = try top.node("defaults").map { try YAMLFields(file: file, node: $0, what: "defaults") }
        let defaultTranslation = try defaults?.bool("translation_required") ?? true
        let defaultTranslationSource = try defaults?.node("translation_source").map { try provenance($0, file: file) }
        guard let itemNodes = top.node("items")?.sequence else {
            throw InputError("\(file) line \(top.line): 'items' must be a list of checklist items")
        }
        var ids = Set<String>()
        var items: [ChecklistItem] = []
        for node in itemNodes {
            let f = try YAMLFields(file: file, node: node, what: "each item")
            try f.unknownKeys(allowed: ["id", "title", "kinds", "required_when", "issued_within_months", "valid_after_filing_months",
                                        "authentication", "translation_required", "self_declaration", "exempt_application_types",
                                        "exemption_source", "commitment_outside_china", "commitment_source", "source"])
            let id = try f.requiredString("id", hint: "give each item a short id such as passport")
            guard ids.insert(id).inserted else { throw InputError("\(file) line \(f.line): item id '\(id)' appears twice") }
            let kinds = try (f.strings("kinds") ?? []).map { name -> EvidenceKind in
                guard let kind = EvidenceKind(rawValue: name) else {
                    throw InputError("\(file) line \(f.lineOf("kinds")): kind '\(name)' is not one of \(EvidenceKind.allCases.map(\.rawValue).joined(separator: " | "))")
                }
                return kind
            }
            guard !kinds.isEmpty else { throw InputError("\(file) line \(f.line): item '\(id)' needs kinds: [ … ]") }
            guard let sourceNode = f.node("source") else {
                throw InputError("\(file) line \(f.line): item '\(id)' has no source: every rule must say where it comes from")
            }
            var required = RequiredWhen()
            if let node = f.node("required_when") {
                let r = try YAMLFields(file: file, node: node, what: "required_when")
                try r.unknownKeys(allowed: ["categories", "routes", "application_types", "inside_china", "profile_facts"])
                required = RequiredWhen(categories: try r.strings("categories"), routes: try r.strings("routes"),
                                        applicationTypes: try r.strings("application_types"), insideChina: try r.bool("inside_china"),
                                        profileFacts: try r.strings("profile_facts"))
            }
            var authentication: AuthenticationRule?
            if let node = f.node("authentication") {
                let a = try YAMLFields(file: file, node: node, what: "authentication")
                try a.unknownKeys(allowed: ["when", "accepted", "apostille_from", "source"])
                let accepted = try (a.strings("accepted") ?? []).map { name -> Authentication in
                    guard let value = Authentication(rawValue: name), value != .none else {
                        throw InputError("\(file) line \(a.lineOf("accepted")): authentication '\(name)' is not one of apostille | consular | cscse")
                    }
                    return value
                }
                guard let source = a.node("source") else { throw InputError("\(file) line \(a.line): the authentication rule of '\(id)' has no source") }
                authentication = AuthenticationRule(accepted: accepted, apostilleFrom: try a.day("apostille_from"), source: try provenance(source, file: file))
            }
            var declaration: SelfDeclarationRule?
            if let node = f.node("self_declaration") {
                let d = try YAMLFields(file: file, node: node, what: "self_declaration")
                try d.unknownKeys(allowed: ["categories", "unless_routes", "source"])
                guard let source = d.node("source") else { throw InputError("\(file) line \(d.line): the self-declaration rule of '\(id)' has no source") }
                declaration = SelfDeclarationRule(categories: try d.strings("categories") ?? [], unlessRoutes: try d.strings("unless_routes") ?? [],
                                                  source: try provenance(source, file: file))
            }
            let titleNode = f.node("title")
            items.append(ChecklistItem(
                id: id, title: try titleNode.map { try bilingual($0, file: file) } ?? Bilingual(zh: id, en: id), kinds: kinds,
                requiredWhen: required, issuedWithinMonths: try f.int("issued_within_months"),
                validAfterFilingMonths: try f.int("valid_after_filing_months"), authentication: authentication,
                translationRequired: try f.bool("translation_required") ?? defaultTranslation, translationSource: defaultTranslationSource,
                selfDeclaration: declaration, exemptApplicationTypes: try f.strings("exempt_application_types") ?? [],
                exemptionSource: try f.node("exemption_source").map { try provenance($0, file: file) },
                commitmentOutsideChina: try f.bool("commitment_outside_china") ?? false,
                commitmentSource: try f.node("commitment_source").map { try provenance($0, file: file) },
                source: try provenance(sourceNode, file: file)))
        }
        let provenanceNode = top.node("provenance")
        return Checklist(id: top.string("checklist") ?? "checklist",
                         title: try top.node("title").map { try bilingual($0, file: file) } ?? Bilingual(zh: "材料清单", en: "Checklist"),
                         provenance: try provenanceNode.map { try provenance($0, file: file) }
                            ?? Provenance(source: file, edition: "unknown", effective: nil, confidence: .unverified),
                         items: items, file: file)
    }

    static func bilingual(_ node: Node, file: String) throws -> Bilingual {
        let f = try YAMLFields(file: file, node: node, what: "a title")
        return Bilingual(zh: try f.requiredString("zh", hint: "give the Chinese title"), en: try f.requiredString("en", hint: "give the English title"))
    }

    static func provenance(_ node: Node, file: String) throws -> Provenance {
        let f = try YAMLFields(file: file, node: node, what: "a source")
        try f.unknownKeys(allowed: ["source", "edition", "effective", "confidence", "note"])
        let confidence: Confidence
        switch f.string("confidence")?.uppercased() ?? "U" {
        case "V": confidence = .verified
        case "P": confidence = .paraphrase
        case "U": confidence = .unverified
        case let other: throw InputError("\(file) line \(f.lineOf("confidence")): confidence '\(other)' is not V, P or U")
        }
        return Provenance(source: try f.requiredString("source", hint: "name the publication the rule comes from"),
                          edition: f.string("edition") ?? "unknown edition", effective: try f.day("effective"),
                          confidence: confidence, note: f.string("note"))
    }
}
