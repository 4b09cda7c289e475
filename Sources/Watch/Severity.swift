/// How urgent an alert is; channels can ask for a minimum severity.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, critical

    var rank: Int { Severity.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
