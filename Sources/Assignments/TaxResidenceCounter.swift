import RencaiCore

/// Counts full days in mainland China per calendar year across legs.
///
/// Legs that touch or overlap (the next starts no later than the day after the previous ends) form one
/// continuous stay; within a stay only full 24-hour days count, so its first day (arrival) and last day
/// (departure) do not. Legs outside the mainland break a stay and are not counted.
///
/// ```swift
/// // One stay 2027-01-01…2027-07-10: 190 days, of which 188 are full.
/// TaxResidenceCounter(rule: rule).count(legs)   // [TaxYear(year: 2027, fullDays: 188, threshold: 183)]
/// ```
public struct TaxResidenceCounter: Sendable {
    public let rule: TaxResidenceRule

    public init(rule: TaxResidenceRule) { self.rule = rule }

    /// One entry per calendar year the mainland legs touch, in year order.
    public func count(_ legs: [PlanLeg]) -> [TaxYear] {
        let mainland = legs.filter { !rule.outsideMainland.contains($0.province) }.sorted { $0.start < $1.start }
        var stays: [(start: Day, end: Day)] = []
        for leg in mainland {
            if let last = stays.last, leg.start <= last.end.adding(days: 1) {
                stays[stays.count - 1].end = max(last.end, leg.end)
            } else {
                stays.append((leg.start, leg.end))
            }
        }
        var perYear: [Int: Int] = [:]
        for year in Set(mainland.flatMap { [$0.start.year, $0.end.year] }) { perYear[year] = 0 }
        for stay in stays where stay.end.ordinal - stay.start.ordinal >= 2 {
            // Full days: from the day after arrival to the day before departure.
            var day = stay.start.adding(days: 1)
            let last = stay.end.adding(days: -1)
            while day <= last {
                perYear[day.year, default: 0] += 1
                day = day.adding(days: 1)
            }
        }
        return perYear.keys.sorted().map { TaxYear(year: $0, fullDays: perYear[$0, default: 0], threshold: rule.thresholdDays) }
    }
}
