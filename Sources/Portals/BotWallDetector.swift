import Foundation

/// Recognises bot-wall answers from status, headers and the start of the body.
///
/// The rules come from walls recorded on provincial portals (Fixtures/portals/walls/). A real catalogue page
/// is large and full of tables; a wall is small and is mostly a script, so the generic rule only looks at
/// small bodies.
public enum BotWallDetector {
    /// Bodies larger than this are never taken for a generic script wall.
    static let smallBody = 16 * 1024

    /// The wall that produced this response, nil when it looks like a normal answer.
    public static func detect(status: Int, headers: HTTPHeaders, body: Data) -> BotWall? {
        let cookies = headers.cookieNames
        let head = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        let hasScript = head.range(of: "<script", options: .caseInsensitive) != nil

        if let mitigated = headers["cf-mitigated"], mitigated.lowercased().contains("challenge") {
            return BotWall(vendor: .cloudflare, evidence: ["status \(status)", "cf-mitigated: \(mitigated)"])
        }
        let jsluid = cookies.filter { $0.hasPrefix("__jsluid") }
        if status == 521 || (!jsluid.isEmpty && hasScript && body.count < smallBody) {
            var evidence = ["status \(status)"]
            if !jsluid.isEmpty { evidence.append("cookie \(jsluid.joined(separator: ", "))") }
            if head.contains("__jsl_clearance") { evidence.append("script sets __jsl_clearance") }
            return BotWall(vendor: .jiasule, evidence: evidence)
        }
        if status == 412 || status == 202 {
            let riversCookies = cookies.filter(isRiversCookie)
            let tsMarker = head.contains("$_ts") || head.contains("r='m'") || head.contains("r=\"m\"")
            let isWall = status == 412 ? (hasScript || tsMarker || !riversCookies.isEmpty)
                                       : (hasScript && (tsMarker || !riversCookies.isEmpty))
            if isWall {
                var evidence = ["status \(status)"]
                if !riversCookies.isEmpty { evidence.append("cookie \(riversCookies.joined(separator: ", "))") }
                if tsMarker { evidence.append("script marker $_ts") }
                if hasScript { evidence.append("script body") }
                return BotWall(vendor: .riversSecurity, evidence: evidence)
            }
        }
        let edgeMarkers = ["EO_Bot_Ssid", "__tst_status"].filter { head.contains($0) || cookies.contains($0) }
        if !edgeMarkers.isEmpty, body.count < smallBody {
            return BotWall(vendor: .tencentEdgeOne, evidence: ["status \(status)"] + edgeMarkers.map { "sets \($0)" })
        }
        if head.contains("acw_sc__v2"), body.count < smallBody {
            return BotWall(vendor: .aliyunWAF, evidence: ["status \(status)", "script sets acw_sc__v2"])
        }
        if body.count < 4096, hasScript, head.contains("document.cookie"),
           head.range(of: "<table", options: .caseInsensitive) == nil,
           head.contains("location.reload") || head.contains("location.href") || head.contains("location.replace") {
            return BotWall(vendor: .other, evidence: ["status \(status)", "small page that only sets a cookie and reloads"])
        }
        return nil
    }

    /// Rivers Security names its cookie pair with one random-looking stem ending in S and T
    /// (e.g. `FSSBBIl1UgzbN7N80S` / `FSSBBIl1UgzbN7N80T`).
    static func isRiversCookie(_ name: String) -> Bool {
        guard name.count >= 10, let last = name.last, last == "S" || last == "T" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
