import Foundation
import RencaiCore

/// Scores a profile against a points table, factor by factor. A factor whose facts are missing gets a
/// range (its known minimum to the most it could reach), never a silent zero.
struct PointsScorer {
    let table: PointsTable
    let profile: CandidateProfile
    let asOf: Day

    func score() -> PointsResult {
        let source = table.provenance.citation
        let factors = table.factors.map { score($0, source: source) }
        let total = factors.reduce(0) { $0 + $1.minimum }
        let maximum = min(table.maximum, factors.reduce(0) { $0 + $1.maximum })
        return PointsResult(table: table.id, source: source, total: total, maximumPossible: maximum,
                            complete: factors.allSatisfy { $0.points != nil }, thresholds: table.thresholds, factors: factors)
    }

    /// A partial result before it becomes a ``FactorScore``.
    private struct Partial {
        var minimum: Int
        var maximum: Int
        var input: String
        var bracket: String?
        var missing: [String] = []
        var note: String?
    }

    private func score(_ rule: FactorRule, source: String) -> FactorScore {
        var p: Partial
        switch rule.factor {
        case .salary: p = salary(rule)
        case .education: p = education(rule)
        case .experience: p = experience(rule)
        case .monthsInChina: p = bracketed(rule, value: profile.job?.monthsInChinaPerYear, field: "job.months_in_china_per_year", unit: "months")
        case .chinese: p = chinese(rule)
        case .location: p = items(rule, [("location_bonus_region", Tri(profile.job?.locationBonusRegion), "job.location_bonus_region")])
        case .age: p = age(rule)
        case .bonus: p = bonus(rule)
        case .localBonus: p = localBonus(rule)
        }
        p.minimum = min(p.minimum, rule.cap)
        p.maximum = min(max(p.maximum, p.minimum), rule.cap)
        let known = p.minimum == p.maximum
        var note = [p.note, rule.note].compactMap { $0?.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }.joined(separator: "; ")
        if !known { note = (note.isEmpty ? "" : note + "; ") + "unknown: \(p.missing.joined(separator: ", ")) missing, so \(p.minimum)–\(p.maximum) points are possible" }
        return FactorScore(factor: rule.factor.rawValue, label: rule.label, points: known ? p.minimum : nil,
                           minimum: p.minimum, maximum: p.maximum, cap: rule.cap, input: p.input, bracket: p.bracket,
                           source: source, missing: known ? [] : p.missing, note: note.isEmpty ? nil : note)
    }

    private func unknown(_ rule: FactorRule, fields: [String]) -> Partial {
        Partial(minimum: 0, maximum: rule.cap, input: "unknown", bracket: nil, missing: fields)
    }

    private func bracketed(_ rule: FactorRule, value: Double?, field: String, unit: String) -> Partial {
        guard let value else { return unknown(rule, fields: [field]) }
        let input = "\(Bracket.format(value)) \(unit)"
        guard let bracket = rule.bracket(for: value) else {
            return Partial(minimum: 0, maximum: 0, input: input, bracket: nil, note: "no bracket of the table covers \(Bracket.format(value)) \(unit): 0 points")
        }
        return Partial(minimum: bracket.points, maximum: bracket.points, input: input, bracket: "\(bracket.label) → \(bracket.points)")
    }

    private func salary(_ rule: FactorRule) -> Partial {
        guard let cny = profile.job?.annualSalaryCNY else { return unknown(rule, fields: ["job.annual_salary_cny"]) }
        let tenK = cny / 10_000
        var p = bracketed(rule, value: tenK, field: "job.annual_salary_cny", unit: "× 10k CNY")
        p.input = "\(Money.cny(cny)) a year = \(Bracket.format((tenK * 100).rounded(.down) / 100)) × 10k CNY"
        return p
    }

    private func education(_ rule: FactorRule) -> Partial {
        let levels = rule.levels ?? [:]
        var known: [(String, Int)] = []
        var missing: [String] = []
        var notes: [String] = []
        func add(_ name: String?, field: String) {
            guard let name else { missing.append(field); return }
            let label = "\(field) \(name)"
            if let points = levels[name] { known.append((label, points)) } else if name != "none" {
                notes.append("level '\(name)' is not in the table: 0 points"); known.append((label, 0))
            } else { known.append((label, 0)) }
        }
        add(profile.education?.rawValue, field: "education")
        add(profile.vocationalLevel?.rawValue, field: "vocational_level")
        let best = known.max { $0.1 < $1.1 }
        let minimum = best?.1 ?? 0
        let top = levels.values.max() ?? rule.cap
        let maximum = missing.isEmpty || minimum >= top ? minimum : top
        let input = known.isEmpty ? "unknown" : known.map(\.0).joined(separator: ", ")
        return Partial(minimum: minimum, maximum: maximum, input: input,
                       bracket: best.map { "\($0.0) → \($0.1)" }, missing: maximum > minimum ? missing : [],
                       note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    private func experience(_ rule: FactorRule) -> Partial {
        guard let years = profile.experienceYears else { return unknown(rule, fields: ["experience_years"]) }
        let whole = years.rounded(.down)
        let input = years == whole ? "\(Int(whole)) year\(whole == 1 ? "" : "s")" : "\(Bracket.format(years)) years (\(Int(whole)) whole)"
        if let linear = rule.perYear, whole >= linear.from {
            let raw = linear.base + linear.step * Int(whole - linear.from)
            let points = min(raw, rule.cap)
            return Partial(minimum: points, maximum: points, input: input,
                           bracket: "\(Bracket.format(linear.from)) years → \(linear.base), +\(linear.step) per further year, at most \(rule.cap): \(points)")
        }
        var p = bracketed(rule, value: whole, field: "experience_years", unit: "whole years")
        p.input = input
        return p
    }

    private func age(_ rule: FactorRule) -> Partial {
        guard let birth = profile.birthDate else { return unknown(rule, fields: ["birth_date"]) }
        let years = birth.wholeYears(on: asOf)
        var p = bracketed(rule, value: Double(years), field: "birth_date", unit: "years")
        p.input = "\(years) years on \(asOf) (born \(birth))"
        return p
    }

    /// Yes/no items that add up inside the cap.
    private func items(_ rule: FactorRule, _ facts: [(String, Tri, String)]) -> Partial {
        let points = rule.items ?? [:]
        var sure = 0, possible = 0
        var applied: [String] = [], missing: [String] = [], seen: [String] = []
        for (item, value, field) in facts {
            guard let worth = points[item] else { continue }
            switch value {
            case .yes: sure += worth; possible += worth; applied.append("\(item) → \(worth)"); seen.append("\(item): yes")
            case .no: seen.append("\(item): no")
            case .unknown: possible += worth; missing.append(field)
            }
        }
        let capped = min(sure, rule.cap)
        return Partial(minimum: capped, maximum: min(possible, rule.cap),
                       input: seen.isEmpty ? "unknown" : seen.joined(separator: ", "),
                       bracket: applied.isEmpty ? (missing.isEmpty ? "none applies → 0" : nil) : applied.joined(separator: " + ") + (sure > rule.cap ? " (capped at \(rule.cap))" : ""),
                       missing: missing)
    }

    private func bonus(_ rule: FactorRule) -> Partial {
        let patents: Tri = profile.patents.map { $0 > 0 ? .yes : .no } ?? .unknown
        let years: Tri = profile.yearsContinuousInChina.map { $0 >= 5 ? .yes : .no } ?? .unknown
        return items(rule, [
            ("top_university", Tri(profile.topUniversity), "top_university"),
            ("fortune500_experience", Tri(profile.fortune500Experience), "fortune500_experience"),
            ("patents", patents, "patents"),
            ("five_years_in_china", years, "years_continuous_in_china"),
        ])
    }

    /// Alternatives: the best item counts (former Chinese national, Chinese-taught degree, HSK level).
    private func chinese(_ rule: FactorRule) -> Partial {
        let itemPoints = rule.items ?? [:]
        let hskPoints = rule.hsk ?? [:]
        var best = 0, bestLabel: String?, missing: [String] = [], seen: [String] = []
        func consider(_ label: String, _ points: Int) { if points > best || bestLabel == nil && points == best && points > 0 { best = points; bestLabel = "\(label) → \(points)" } }
        let bools: [(String, Bool?, String)] = [
            ("former_chinese_national", profile.formerChineseNational, "former_chinese_national"),
            ("chinese_taught_degree", profile.chinese?.chineseTaughtDegree, "chinese.chinese_taught_degree"),
        ]
        for (item, value, field) in bools {
            switch value {
            case .some(true): consider(item, itemPoints[item] ?? 0); seen.append("\(item): yes")
            case .some(false): seen.append("\(item): no")
            case .none: missing.append(field)
            }
        }
        if let hsk = profile.chinese?.hsk {
            seen.append(hsk == 0 ? "no HSK" : "HSK \(hsk)")
            if hsk > 0 { consider("HSK \(hsk)", hskPoints[String(hsk)] ?? 0) }
        } else { missing.append("chinese.hsk") }
        let top = max(itemPoints.values.max() ?? 0, hskPoints.values.max() ?? 0)
        let maximum = missing.isEmpty ? best : max(best, top)
        return Partial(minimum: best, maximum: maximum, input: seen.isEmpty ? "unknown" : seen.joined(separator: ", "),
                       bracket: bestLabel ?? (missing.isEmpty ? "none applies → 0" : nil), missing: missing)
    }

    private func localBonus(_ rule: FactorRule) -> Partial {
        guard let points = profile.localBonusPoints else { return unknown(rule, fields: ["local_bonus_points"]) }
        let capped = min(points, rule.cap)
        return Partial(minimum: capped, maximum: capped, input: "\(points) points granted",
                       bracket: "0–\(rule.cap) set by the province → \(capped)",
                       note: points > rule.cap ? "\(points) is above the cap: counted as \(rule.cap)" : nil)
    }
}
