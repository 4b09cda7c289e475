import Foundation

/// Text clean-up shared by every module: full-width to half-width, NFKC, white space, header keys.
public enum TextNormalizer {
    /// NFKC, which also maps full-width ASCII (`２０２１`, `Ａ`) and the ideographic space to half-width.
    public static func halfWidth(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping
    }

    /// Half-width, trimmed, inner runs of white space (line breaks included) collapsed to one space.
    public static func cell(_ text: String) -> String {
        let nfkc = halfWidth(text)
        var out = ""
        out.reserveCapacity(nfkc.utf8.count)
        var pendingSpace = false
        for scalar in nfkc.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A key for matching column headers: half-width, lower-cased, no spaces, underscores or hyphens.
    /// `"Employee ID"`, `"employee_id"` and `"ＥｍｐｌｏｙｅｅＩＤ"` all become `"employeeid"`.
    public static func headerKey(_ text: String) -> String {
        cell(text).lowercased().filter { !" _-:：()（）*".contains($0) }
    }
}
