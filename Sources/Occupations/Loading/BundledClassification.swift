import Foundation
import RencaiCore

/// The classification shipped with rencai (`Templates/occupations/classification-2022.csv`): the hierarchy
/// of the 2022 edition and the occupations most relevant to foreign professionals. Codes and Chinese titles
/// are the official ones; English titles and keywords are rencai's own wording.
public enum BundledClassification {
    public static let relativePath = "occupations/classification-2022.csv"

    public static let provenance = Provenance(
        source: "中华人民共和国职业分类大典 (National Occupational Classification), codes and Chinese titles; English titles and keywords written for rencai",
        edition: "2022", effective: Day(year: 2022, month: 9, day: 28), confidence: .verified,
        note: "partial list: the hierarchy and the occupations most relevant to foreign professionals; import the full classification with `rencai occupations import`")

    public static func load(resources: ResourceLocator) throws -> LoadedClassification {
        try ClassificationLoader.load(contentsOf: resources.url(relativePath), edition: "2022", provenance: provenance)
    }
}
