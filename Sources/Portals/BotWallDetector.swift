import Foundation

/// Recognises bot-wall answers from status, headers and the start of the body.
///
/// The rules come from walls recorded on provincial portals (Fixtures/portals/walls/). A real catalogue page
/// is large and full of tables; a wall is small and is mostly a script, so the generic rule only looks at
/// small bodies.
///
/// The body is searched as bytes (every marker is ASCII): this runs on every fetch, and decoding 64 KiB into
/// a String for Foundation's case-insensitive search cost about a third of a watch round's CPU.
public enum BotWallDetector {
    /// Bodies larger than this are never taken for a generic script wall.
    static let smallBody = 16 * 1024
    /// How much of the body is searched for markers.
    static let headLength = 64 * 1024

    /// The wall that produced this response, nil when it looks like a normal answer.
    public static func detect(status: Int, headers: HTTPHeaders, body: Data) -> BotWall? {
        body.withUnsafeBytes { buffer in
            let head = ByteHead(UnsafeRawBufferPointer(rebasing: buffer.prefix(headLength)))
            return detect(status: status, headers: headers, bodyCount: body.count, head: head)
        }
    }

    private static func detect(status: Int, headers: HTTPHeaders, bodyCount: Int, head: ByteHead) -> BotWall? {
        if let mitigated = headers["cf-mitigated"], mitigated.lowercased().contains("challenge") {
            return BotWall(vendor: .cloudflare, evidence: ["status \(status)", "cf-mitigated: \(mitigated)"])
        }
        let cookies = headers.cookieNames
        // Searched at most once, and only when a rule needs it.
        lazy var hasScript = head.containsIgnoringASCIICase("<script")
        let jsluid = cookies.filter { $0.hasPrefix("__jsluid") }
        if status == 521 || (!jsluid.isEmpty && bodyCount < smallBody && hasScript) {
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
        if bodyCount < smallBody {
            let edgeMarkers = ["EO_Bot_Ssid", "__tst_status"].filter { head.contains($0) || cookies.contains($0) }
            if !edgeMarkers.isEmpty {
                return BotWall(vendor: .tencentEdgeOne, evidence: ["status \(status)"] + edgeMarkers.map { "sets \($0)" })
            }
            if head.contains("acw_sc__v2") {
                return BotWall(vendor: .aliyunWAF, evidence: ["status \(status)", "script sets acw_sc__v2"])
            }
        }
        if bodyCount < 4096, hasScript, head.contains("document.cookie"),
           !head.containsIgnoringASCIICase("<table"),
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

/// The start of a body, searched for ASCII markers without decoding it.
struct ByteHead {
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Whether the exact ASCII `needle` occurs (memchr for its first byte, then memcmp).
    func contains(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        return n.withUnsafeBytes { wanted in
            firstByteHits(of: n) { at in memcmp(bytes.baseAddress! + at, wanted.baseAddress!, n.count) == 0 }
        }
    }

    /// Whether `needle` occurs with ASCII letters in any case (`needle` is given in lower case and starts
    /// with a byte that has no case, such as `<`, so candidates are found with memchr).
    func containsIgnoringASCIICase(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        return firstByteHits(of: n) { at in
            n.indices.dropFirst().allSatisfy { k in
                let b = bytes[at + k]
                return (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == n[k]
            }
        }
    }

    /// Offers each offset where `needle`'s first byte occurs (found with memchr) with room for the whole
    /// needle to `matches`; true at the first offset it accepts.
    private func firstByteHits(of needle: [UInt8], _ matches: (Int) -> Bool) -> Bool {
        guard let base = bytes.baseAddress, let first = needle.first, needle.count <= bytes.count else { return false }
        let end = bytes.count - needle.count
        var offset = 0
        while offset <= end {
            guard let hit = memchr(base + offset, Int32(first), end - offset + 1) else { return false }
            let at = base.distance(to: UnsafeRawPointer(hit))
            if matches(at) { return true }
            offset = at + 1
        }
        return false
    }
}
