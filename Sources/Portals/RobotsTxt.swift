import Foundation

/// robots.txt rules as RFC 9309 defines them: groups by user-agent, `Allow`/`Disallow` with `*` and `$`,
/// the longest matching rule wins and `Allow` wins a tie.
///
/// ```swift
/// let robots = RobotsTxt(text: "User-agent: *\nDisallow: /private/\n")
/// robots.allows(path: "/private/a.html", productToken: "rencai")   // false
/// ```
public struct RobotsTxt: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public let allow: Bool
        public let pattern: String
    }

    struct Group: Sendable, Hashable {
        var agents: [String]
        var rules: [Rule]
    }

    let groups: [Group]
    /// When set, every path gets this answer (4xx: all allowed; 5xx or unreachable: all disallowed).
    let blanket: Bool?

    /// Everything allowed (robots.txt answered 4xx).
    public static let allowAll = RobotsTxt(groups: [], blanket: true)
    /// Everything disallowed (robots.txt answered 5xx or could not be reached).
    public static let disallowAll = RobotsTxt(groups: [], blanket: false)

    init(groups: [Group], blanket: Bool?) {
        self.groups = groups
        self.blanket = blanket
    }

    /// Parses robots.txt text; unknown lines are ignored, as the RFC asks.
    public init(text: String) {
        var groups: [Group] = []
        var current: Group?
        var lastWasAgent = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if !lastWasAgent {
                    if let current { groups.append(current) }
                    current = Group(agents: [], rules: [])
                }
                current?.agents.append(value.lowercased())
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                // An empty Disallow means nothing is disallowed: no rule.
                guard !value.isEmpty else { continue }
                current?.rules.append(Rule(allow: key == "allow", pattern: Self.normalise(value)))
            default:
                // Sitemap and other records do not end a group's user-agent lines per RFC 9309 §2.2.4.
                continue
            }
        }
        if let current { groups.append(current) }
        self.init(groups: groups, blanket: nil)
    }

    /// Whether `productToken` may fetch `path` (path plus `?query`).
    public func allows(path: String, productToken: String) -> Bool {
        if let blanket { return blanket }
        if path == "/robots.txt" { return true }
        let token = productToken.lowercased()
        var rules = groups.filter { $0.agents.contains(token) }.flatMap(\.rules)
        if rules.isEmpty && !groups.contains(where: { $0.agents.contains(token) }) {
            rules = groups.filter { $0.agents.contains("*") }.flatMap(\.rules)
        }
        let target = Self.normalise(path.isEmpty ? "/" : path)
        var best: Rule?
        for rule in rules where Self.matches(pattern: rule.pattern, path: target) {
            guard let current = best else { best = rule; continue }
            if rule.pattern.utf8.count > current.pattern.utf8.count
                || (rule.pattern.utf8.count == current.pattern.utf8.count && rule.allow && !current.allow) {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// Upper-cases percent escapes so that `%2f` and `%2F` compare equal.
    static func normalise(_ s: String) -> String {
        var out = ""
        var chars = Array(s)
        var i = 0
        while i < chars.count {
            if chars[i] == "%", i + 2 < chars.count, chars[i + 1].isHexDigit, chars[i + 2].isHexDigit {
                chars[i + 1] = Character(chars[i + 1].uppercased())
                chars[i + 2] = Character(chars[i + 2].uppercased())
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    /// `*` matches any run of characters; a final `$` anchors the end; otherwise a prefix match.
    static func matches(pattern: String, path: String) -> Bool {
        var pattern = Substring(pattern)
        var anchored = false
        if pattern.hasSuffix("$") {
            anchored = true
            pattern = pattern.dropLast()
        }
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var index = path.startIndex
        for (n, piece) in pieces.enumerated() {
            if n == 0 {
                guard path[index...].hasPrefix(piece) else { return false }
                index = path.index(index, offsetBy: piece.count)
            } else if n == pieces.count - 1, anchored {
                return path[index...].hasSuffix(piece)
            } else if !piece.isEmpty {
                guard let found = path.range(of: piece, range: index..<path.endIndex) else { return false }
                index = found.upperBound
            }
        }
        return anchored ? index == path.endIndex : true
    }
}
