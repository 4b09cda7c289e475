import RencaiCore

/// What a province's guiding catalogue (外国人来华工作指导目录) says about an occupation code.
public struct CatalogueAnswer: Sendable, Equatable {
    /// The catalogue's title and edition, for citations.
    public var catalogue: String
    /// The listed code that matched: the hire's code itself or its minor group; nil when not listed.
    public var matchedCode: OccupationCode?
    /// The competency requirements the catalogue gives for the matched entry.
    public var requirements: [String]

    public init(catalogue: String, matchedCode: OccupationCode?, requirements: [String] = []) {
        self.catalogue = catalogue
        self.matchedCode = matchedCode
        self.requirements = requirements
    }

    public var isListed: Bool { matchedCode != nil }
}

/// Answers whether a province has a loaded guiding catalogue and whether it lists a code (or its minor group).
///
/// The Catalogues module owns the data; the planner only asks through this protocol, so the CLI can pass a
/// store-backed lookup and tests an in-memory one.
///
/// ```swift
/// struct Fixed: CatalogueLookup {
///     func answer(province: String, code: OccupationCode) throws -> CatalogueAnswer? {
///         province == "Guangdong" ? CatalogueAnswer(catalogue: "Guangdong 2026", matchedCode: code.truncated(to: .minor)) : nil
///     }
/// }
/// ```
public protocol CatalogueLookup: Sendable {
    /// Nil when no catalogue is loaded for `province` (a canonical name); otherwise whether it lists `code`
    /// or the minor group containing it, with the entry's requirements.
    func answer(province: String, code: OccupationCode) throws -> CatalogueAnswer?
}

/// The lookup to use while no catalogues are loaded: every province answers "no catalogue", so plans say
/// that the catalogue checks could not be made.
public struct NoCataloguesLoaded: CatalogueLookup {
    public init() {}
    public func answer(province: String, code: OccupationCode) throws -> CatalogueAnswer? { nil }
}
