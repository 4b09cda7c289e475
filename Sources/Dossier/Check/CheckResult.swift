import RencaiCore

/// The status of one checklist item, in the order that decides which problem is shown first.
public enum ItemStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case ok, missing, invalid, expired
    case needsAuthentication = "needs_authentication"
    case needsTranslation = "needs_translation"
    case waived

    /// Lower is more serious: missing, invalid, expired, needs_authentication, needs_translation.
    var severity: Int {
        switch self {
        case .missing: 0
        case .invalid: 1
        case .expired: 2
        case .needsAuthentication: 3
        case .needsTranslation: 4
        case .waived: 5
        case .ok: 6
        }
    }
}

/// One problem of an item, with the rule it breaks.
public struct ItemProblem: Sendable, Hashable, Codable {
    public var status: ItemStatus
    public var detail: String
    public var source: String?
}

/// The outcome for one checklist item.
public struct ItemResult: Sendable, Hashable, Codable {
    public var item: String
    public var title: Bilingual
    /// The evidence kind (of the document found, else the first kind the item accepts).
    public var kind: EvidenceKind
    public var status: ItemStatus
    /// The document's file in the evidence folder, when one was found.
    public var file: String?
    /// Every problem, most serious first; empty when ok.
    public var problems: [ItemProblem]
    /// One line: the first problem, or why it is ok or waived.
    public var detail: String
    /// What to do next.
    public var next: String
    /// The item's source, as a citation.
    public var source: String
    public var confidence: Confidence

    enum CodingKeys: String, CodingKey { case item, title, kind, status, file, problems, detail, next, source, confidence }

    /// `file` is written as `null` when no document was found, so that every item has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item, forKey: .item)
        try c.encode(title, forKey: .title)
        try c.encode(kind, forKey: .kind)
        try c.encode(status, forKey: .status)
        try c.encode(file, forKey: .file)
        try c.encode(problems, forKey: .problems)
        try c.encode(detail, forKey: .detail)
        try c.encode(next, forKey: .next)
        try c.encode(source, forKey: .source)
        try c.encode(confidence, forKey: .confidence)
    }
}

/// The outcome of checking an evidence folder against a checklist for one case.
public struct DossierCheckReport: Sendable, Codable {
    public var ready: Bool
    public var `case`: DossierCase
    public var checklist: String
    public var items: [ItemResult]
    /// Checklist items that do not apply to this case, with why.
    public var notRequired: [String]
    /// Documents in the manifest that no required item uses (still packed in the bag).
    public var unusedDocuments: [String]
    /// The documents that will be packed, with their resolved location.
    public var documents: [CheckedDocument]

    /// Items that stop the dossier from being ready.
    public var openItems: [ItemResult] { items.filter { $0.status != .ok && $0.status != .waived } }
}

/// A document from the manifest after the file checks: where it really is, and whether it can be packed.
public struct CheckedDocument: Sendable, Hashable, Codable {
    public var document: EvidenceDocument
    /// The resolved file (symbolic links inside the folder followed), nil when it is unusable.
    public var resolvedPath: String?
    public var resolvedTranslationPath: String?
    public var problems: [ItemProblem]
}
