import Foundation

/// A bot wall that answered instead of the page: who runs it and what gave it away.
///
/// rencai reports walls and backs off; it never tries to solve or defeat one (domain brief §10).
public struct BotWall: Sendable, Hashable, Codable {
    public let vendor: BotWallVendor
    /// Human-readable clues: the status, cookie names, script markers, headers.
    public let evidence: [String]

    public init(vendor: BotWallVendor, evidence: [String]) {
        self.vendor = vendor
        self.evidence = evidence
    }
}

/// The anti-bot services seen on Chinese government portals.
public enum BotWallVendor: String, Sendable, Hashable, Codable, CaseIterable {
    /// Rivers Security (瑞数): 412 (older deployments 202) with a script and S/T cookie pairs.
    case riversSecurity = "rivers_security"
    /// Jiasule (加速乐): 521 with `__jsluid` cookies.
    case jiasule
    /// Tencent EdgeOne: 200 with a tiny script setting `__tst_status` and `EO_Bot_Ssid`.
    case tencentEdgeOne = "tencent_edgeone"
    /// Cloudflare: `cf-mitigated: challenge`.
    case cloudflare
    /// Alibaba Cloud WAF: a script that sets `acw_sc__v2`.
    case aliyunWAF = "aliyun_waf"
    /// A page that only runs a cookie-setting script and reloads, from an unrecognised vendor.
    case other

    /// The vendor's name for people.
    public var displayName: String {
        switch self {
        case .riversSecurity: return "Rivers Security (瑞数)"
        case .jiasule: return "Jiasule (加速乐)"
        case .tencentEdgeOne: return "Tencent EdgeOne"
        case .cloudflare: return "Cloudflare"
        case .aliyunWAF: return "Alibaba Cloud WAF"
        case .other: return "an unrecognised bot wall"
        }
    }
}
