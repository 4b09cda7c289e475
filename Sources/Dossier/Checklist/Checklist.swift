import Foundation
import RencaiCore

/// A bilingual title.
public struct Bilingual: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) { self.zh = zh; self.en = en }
}

/// When an item is required: every condition given must hold (an absent condition always holds).
public struct RequiredWhen: Sendable, Hashable {
    /// Assessed categories (`A`, `B`, `C`).
    public var categories: [String]?
    /// Route ids of the assessment; the item is required when any of them is met.
    public var routes: [String]?
    /// `new`, `change_of_employer`, `extension`.
    public var applicationTypes: [String]?
    /// Inside (true) or outside (false) China when applying.
    public var insideChina: Bool?
    /// Profile facts that must be present (e.g. `hsk`): evidence is needed only for what is claimed.
    public var profileFacts: [String]?

    public init(categories: [String]? = nil, routes: [String]? = nil, applicationTypes: [String]? = nil,
                insideChina: Bool? = nil, profileFacts: [String]? = nil) {
        self.categories = categories
        self.routes = routes
        self.applicationTypes = applicationTypes
        self.insideChina = insideChina
        self.profileFacts = profileFacts
    }
}

/// The authentication rule of a foreign document (degree, criminal record).
public struct AuthenticationRule: Sendable, Hashable {
    public var accepted: [Authentication]
    /// Apostilles count only for filings on or after this day (China joined the Hague convention on 2023-11-07).
    public var apostilleFrom: Day?
    public var source: Provenance
}

/// When a self-declaration may replace the document.
public struct SelfDeclarationRule: Sendable, Hashable {
    public var categories: [String]
    /// Not when the category rests on one of these routes.
    public var unlessRoutes: [String]
    public var source: Provenance
}

/// One line of a checklist: a document, when it is required and what makes it acceptable.
public struct ChecklistItem: Sendable, Hashable {
    public var id: String
    public var title: Bilingual
    public var kinds: [EvidenceKind]
    public var requiredWhen: RequiredWhen
    /// The document must be issued at most this many months before the filing date.
    public var issuedWithinMonths: Int?
    /// The document must stay valid at least this many months after the filing date (passport: 6).
    public var validAfterFilingMonths: Int?
    public var authentication: AuthenticationRule?
    public var translationRequired: Bool
    public var translationSource: Provenance?
    public var selfDeclaration: SelfDeclarationRule?
    public var exemptApplicationTypes: [String]
    public var exemptionSource: Provenance?
    /// Outside China a commitment letter replaces it until entry (health certificate).
    public var commitmentOutsideChina: Bool
    public var commitmentSource: Provenance?
    public var source: Provenance
}

/// A checklist of documents, loaded from `Templates/checklists/*.yaml`.
///
/// ```swift
/// let checklist = try Checklist.load(resources.url("checklists/work-permit.yaml"))
/// checklist.items.map(\.id)   // ["passport", "photo", "highest-degree", …]
/// ```
public struct Checklist: Sendable, Hashable {
    public var id: String
    public var title: Bilingual
    public var provenance: Provenance
    public var items: [ChecklistItem]
    /// Where it was read from.
    public var file: String
}
