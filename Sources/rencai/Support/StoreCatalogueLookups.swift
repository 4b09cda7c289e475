import Assignments
import Catalogues
import Occupations
import RencaiCore
import Store

/// The catalogues in the store, as the planner and the classifier ask about them.
struct StoreCatalogueLookup: CatalogueLookup, OccupationCatalogueLookup {
    let loaded: LoadedCatalogues

    init(store: RencaiStore) { loaded = LoadedCatalogues(revisions: RevisionStore(store: store)) }

    func answer(province: String, code: OccupationCode) throws -> CatalogueAnswer? {
        switch try loaded.lookup(code: code, province: province) {
        case .noCatalogue: return nil
        case .notListed(let catalogues):
            return CatalogueAnswer(catalogue: catalogues.map(\.citation).joined(separator: "; "), matchedCode: nil)
        case .listed(let entry):
            return CatalogueAnswer(catalogue: entry.loaded.citation, matchedCode: entry.row.code, requirements: entry.requirements)
        }
    }

    func membership(of code: OccupationCode, edition: String, province: String) throws -> CatalogueMembership {
        switch try loaded.lookup(code: code, province: province) {
        case .noCatalogue: return .noCatalogueLoaded(province: province)
        case .notListed(let catalogues): return .notListed(catalogue: catalogues.map(\.citation).joined(separator: "; "))
        case .listed(let entry):
            let listed = entry.row.code?.groupEquivalent
            if listed == code.groupEquivalent { return .listed(catalogue: entry.loaded.citation) }
            return .groupListed(group: listed?.text ?? entry.row.key.text, catalogue: entry.loaded.citation)
        }
    }
}
