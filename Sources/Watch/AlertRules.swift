import Foundation
import RencaiCore
import Yams

/// The rules the alerts apply, as data with provenance (`Templates/rules/alert-rules.yaml`, which a user
/// can replace): the permit-extension filing window and how early to warn about an expiring permit.
///
/// ```swift
/// let rules = try AlertRules.load(from: resources.url("rules/alert-rules.yaml"))
/// rules.extensionWindow.opens(forExpiry: try Day(parsing: "2027-03-01"))   // 2026-11-01
/// ```
public struct AlertRules: Sendable, Hashable, Codable {
    /// When a work-permit extension may be filed, relative to the permit's expiry.
    public struct ExtensionWindow: Sendable, Hashable, Codable {
        /// The window opens this many days before expiry (domain brief §8: 120).
        public var opensDaysBeforeExpiry: Int
        /// The window closes this many days before expiry (domain brief §8: 30).
        public var closesDaysBeforeExpiry: Int
        public var provenance: Provenance

        public init(opensDaysBeforeExpiry: Int, closesDaysBeforeExpiry: Int, provenance: Provenance) {
            self.opensDaysBeforeExpiry = opensDaysBeforeExpiry
            self.closesDaysBeforeExpiry = closesDaysBeforeExpiry
            self.provenance = provenance
        }

        public func opens(forExpiry expiry: Day) -> Day { expiry.adding(days: -opensDaysBeforeExpiry) }
        public func closes(forExpiry expiry: Day) -> Day { expiry.adding(days: -closesDaysBeforeExpiry) }

        enum CodingKeys: String, CodingKey {
            case opensDaysBeforeExpiry = "opens_days_before_expiry"
            case closesDaysBeforeExpiry = "closes_days_before_expiry"
            case provenance
        }
    }

    /// How early to warn: a company policy, not law (overridable in the config, `alerts.expiry_window_days`).
    public struct ExpiryWarning: Sendable, Hashable, Codable {
        public var windowDays: Int
        public var provenance: Provenance

        enum CodingKeys: String, CodingKey {
            case windowDays = "window_days"
            case provenance
        }
    }

    public var permitExtension: ExtensionWindow
    public var expiryWarning: ExpiryWarning

    enum CodingKeys: String, CodingKey {
        case permitExtension = "permit_extension"
        case expiryWarning = "expiry_warning"
    }

    /// Reads a rules file; errors name the file and the field.
    public static func load(from url: URL) throws -> AlertRules {
        let rules = try RulesFile.decode(AlertRules.self, from: url, what: "alert rules")
        let w = rules.permitExtension
        guard w.opensDaysBeforeExpiry > w.closesDaysBeforeExpiry, w.closesDaysBeforeExpiry >= 0 else {
            throw InputError("\(url.path): permit_extension: opens_days_before_expiry (\(w.opensDaysBeforeExpiry)) must be greater than closes_days_before_expiry (\(w.closesDaysBeforeExpiry)) ≥ 0")
        }
        guard rules.expiryWarning.windowDays > 0 else {
            throw InputError("\(url.path): expiry_warning.window_days must be a positive number of days")
        }
        return rules
    }

    /// The bundled rules file (`rules/alert-rules.yaml` in the templates folder).
    public static func bundled(_ resources: ResourceLocator) throws -> AlertRules {
        try load(from: resources.url("rules/alert-rules.yaml"))
    }
}
