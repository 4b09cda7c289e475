import Assignments
import Foundation
import Catalogues
import Occupations
import RencaiCore
import Store

/// The catalogues in the store, as the planner and the classifier ask about them. Each province's
/// catalogues are read and decoded once per command, however many codes are asked about (a batch
/// classification asks once per row).
final class StoreCatalogueLookup: CatalogueLookup, OccupationCatalogueLookup, @unchecked Sendable {
    private let loaded: LoadedCatalogues
    private let lock = NSLock()
    private var byProvince: [String: [LoadedCatalogues.Loaded]] = [:]

    init(store: RencaiStore) { loaded = LoadedCatalogues(revisions: RevisionStore(store: store)) }

    private func answer(_ code: OccupationCode, _ province: String) throws -> LoadedCatalogues.Answer {
        lock.lock(); defer { lock.unlock() }
        if byProvince[province] == nil { byProvince[province] = try loaded.catalogues(province: province) }
        return LoadedCatalogues.lookup(code: code, in: byProvince[province] ?? [])
    }

    func answer(province: String, code: OccupationCode) throws -> CatalogueAnswer? {
        switch try answer(code, province) {
        case .noCatalogue: return nil
        case .notListed(let catalogues):
            return CatalogueAnswer(catalogue: catalogues.map(\.citation).joined(separator: "; "), matchedCode: nil)
        case .listed(let entry):
            return CatalogueAnswer(catalogue: entry.loaded.citation, matchedCode: entry.row.code, requirements: entry.requirements)
        }
    }

    func membership(of code: OccupationCode, edition: String, province: String) throws -> CatalogueMembership {
        switch try answer(code, province) {
        case .noCatalogue: return .noCatalogueLoaded(province: province)
        case .notListed(let catalogues): return .notListed(catalogue: catalogues.map(\.citation).joined(separator: "; "))
        case .listed(let entry):
            let listed = entry.row.code?.groupEquivalent
            if listed == code.groupEquivalent { return .listed(catalogue: entry.loaded.citation) }
            return .groupListed(group: listed?.text ?? entry.row.key.text, catalogue: entry.loaded.citation)
        }
    }
}
