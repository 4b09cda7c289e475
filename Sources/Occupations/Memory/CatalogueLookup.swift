import RencaiCore

/// Whether an occupation is on a province's guiding catalogue (外国人才 "鼓励类/紧缺" catalogues). The
/// Catalogues module provides the real lookup once catalogues are loaded; until then ``NoCatalogueLookup``
/// says so instead of guessing.
public protocol OccupationCatalogueLookup: Sendable {
    func membership(of code: OccupationCode, edition: String, province: String) throws -> CatalogueMembership
}

/// The answer of a catalogue lookup.
public enum CatalogueMembership: Sendable, Hashable, Codable {
    /// The code itself is listed (with the catalogue's name and edition).
    case listed(catalogue: String)
    /// The code's minor group is listed.
    case groupListed(group: String, catalogue: String)
    /// A catalogue is loaded for the province and lists neither the code nor its group.
    case notListed(catalogue: String)
    /// No catalogue is loaded for the province.
    case noCatalogueLoaded(province: String)

    /// One line for people.
    public var summary: String {
        switch self {
        case .listed(let c): "on the guiding catalogue (\(c))"
        case .groupListed(let g, let c): "its minor group \(g) is on the guiding catalogue (\(c))"
        case .notListed(let c): "not on the guiding catalogue (\(c))"
        case .noCatalogueLoaded(let p): "no guiding catalogue is loaded for \(p) yet, so membership is unknown"
        }
    }
}

/// The lookup used until catalogues exist: always `.noCatalogueLoaded`.
public struct NoCatalogueLookup: OccupationCatalogueLookup {
    public init() {}
    public func membership(of code: OccupationCode, edition: String, province: String) throws -> CatalogueMembership {
        .noCatalogueLoaded(province: province)
    }
}
