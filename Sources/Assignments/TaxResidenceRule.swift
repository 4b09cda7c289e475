import Foundation
import RencaiCore
import Yams

/// The 183-day tax-residence line and which provinces are outside mainland China, from
/// `rules/assignment-tax-residence.yaml`.
public struct TaxResidenceRule: Sendable, Equatable {
    public let thresholdDays: Int
    public let outsideMainland: Set<String>
    public let provenance: Provenance

    public init(thresholdDays: Int = 183, outsideMainland: Set<String> = ["Hong Kong", "Macao", "Taiwan"], provenance: Provenance) {
        self.thresholdDays = thresholdDays
        self.outsideMainland = outsideMainland
        self.provenance = provenance
    }

    struct File: Decodable {
        let provenance: Provenance
        let threshold_days: Int
        let outside_mainland: [String]
    }

    public static func load(from url: URL) throws -> TaxResidenceRule {
        let file = try RulesFile.decode(File.self, from: url, what: "tax-residence")
        return TaxResidenceRule(thresholdDays: file.threshold_days, outsideMainland: Set(file.outside_mainland), provenance: file.provenance)
    }
}
