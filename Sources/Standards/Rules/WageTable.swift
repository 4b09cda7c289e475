import Foundation
import RencaiCore

/// Local average wages behind the 6× (A) and 4× (B) salary routes, one row per published figure.
///
/// ```swift
/// let wages = try WageTable.load(from: resources.url("rules/average-wages.yaml"))
/// wages.figure(city: "Shanghai", on: Day(year: 2026, month: 12, day: 15)!)?.monthly   // 12434
/// ```
public struct WageTable: Sendable, Hashable {
    public var provenance: Provenance?
    public var figures: [WageFigure]

    public init(provenance: Provenance?, figures: [WageFigure]) {
        self.provenance = provenance
        self.figures = figures
    }

    struct File: Codable { var provenance: Provenance?; var wages: [WageFigure] }

    public static func load(from url: URL) throws -> WageTable {
        let file = try RulesFile.decode(File.self, from: url, what: "average-wage")
        for (i, row) in file.wages.enumerated() {
            guard row.monthly > 0, row.monthly < 1_000_000 else {
                throw RulesFileError(file: url.path, problem: "wages[\(i)] (\(row.city)): monthly must be a positive CNY figure, found \(row.monthly)")
            }
            if let until = row.effectiveUntil, until < row.effectiveFrom {
                throw RulesFileError(file: url.path, problem: "wages[\(i)] (\(row.city)): effective_until is before effective_from")
            }
        }
        return WageTable(provenance: file.provenance, figures: file.wages)
    }

    /// This table extended by `other`: a row of `other` for the same city and start date replaces ours.
    public func merged(with other: WageTable) -> WageTable {
        var rows = figures.filter { mine in
            !other.figures.contains { WageTable.cityKey($0.city) == WageTable.cityKey(mine.city) && $0.effectiveFrom == mine.effectiveFrom }
        }
        rows.append(contentsOf: other.figures)
        return WageTable(provenance: provenance, figures: rows)
    }

    /// Every figure for a city, newest first.
    public func figures(city: String) -> [WageFigure] {
        figures.filter { WageTable.cityKey($0.city) == WageTable.cityKey(city) }.sorted { $0.effectiveFrom > $1.effectiveFrom }
    }

    /// The newest figure already in force on `day` (it may have expired: check ``WageFigure/isExpired(on:)``).
    public func figure(city: String, on day: Day) -> WageFigure? {
        figures(city: city).first { $0.effectiveFrom <= day }
    }

    /// Names the gazetteer does not know are still compared in its form (`上海市` = `上海`).
    static func cityKey(_ s: String) -> String { Gazetteer.key(s) }
}

/// One published average-wage figure.
public struct WageFigure: Sendable, Codable, Hashable {
    public var city: String
    /// Which wage series the city uses (they differ between cities).
    public var series: String
    public var statisticalYear: Int?
    public var effectiveFrom: Day
    public var effectiveUntil: Day?
    /// Average monthly wage, CNY.
    public var monthly: Double
    /// Average annual wage, CNY (12 × monthly when the source gives none).
    public var annual: Double?
    public var source: String
    public var confidence: Confidence?
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case city, series, monthly, annual, source, confidence, note
        case statisticalYear = "statistical_year", effectiveFrom = "effective_from", effectiveUntil = "effective_until"
    }

    public var annualAmount: Double { annual ?? monthly * 12 }

    public func isExpired(on day: Day) -> Bool { effectiveUntil.map { day > $0 } ?? false }

    /// `Shanghai 12,434 CNY/month (2025 data, from 2026-02-01; source)`.
    public var citation: String {
        var text = "\(city) \(Money.cny(monthly))/month"
        var details: [String] = []
        if let statisticalYear { details.append("\(statisticalYear) data") }
        details.append("in force from \(effectiveFrom)\(effectiveUntil.map { " to \($0)" } ?? "")")
        text += " (\(details.joined(separator: ", ")); \(source))"
        if confidence == .paraphrase { text += " [paraphrase]" }
        if confidence == .unverified { text += " [unverified]" }
        return text
    }
}

/// Formats CNY amounts with thousands separators.
enum Money {
    static func cny(_ value: Double) -> String {
        let rounded = Int((value).rounded())
        var digits = String(abs(rounded))
        var groups: [String] = []
        while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
        groups.insert(digits, at: 0)
        return (rounded < 0 ? "-" : "") + groups.joined(separator: ",") + " CNY"
    }
}
