import Foundation
import RencaiCore

/// Applies each route's test to a profile, in three-valued logic: met, not met, or unknown because a
/// fact is missing (and then it names the missing fields).
struct RouteEvaluator {
    let rules: StandardsRules
    let profile: CandidateProfile
    let asOf: Day
    let points: PointsResult

    /// The outcome of a test before the B general condition is applied.
    struct Outcome {
        var value: Tri
        var reason: String
        var missing: [String] = []
    }

    func evaluate(_ route: RouteRule) -> Outcome {
        let p = route.params
        switch route.check {
        case .talentProgramme: return talentProgramme()
        case .recognisedAward: return recognisedAward()
        case .q1q2Papers: return papers(min: p?.minPapers ?? 3)
        case .encouragedEmployer: return encouragedEmployer()
        case .salaryMultiple: return salary(multiple: p?.multiple ?? 6).outcome
        case .entrepreneur: return entrepreneur(p)
        case .points:
            // The points table's thresholds decide unless the routes file pins a number.
            return pointsRoute(min: p?.minPoints ?? (route.category == .a ? points.thresholds.a : points.thresholds.b))
        case .professionalPost: return professionalPost(p)
        case .vocationalCertificate: return vocationalCertificate(levels: p?.levels ?? [])
        case .masterGraduate: return masterGraduate()
        case .urgentNeedCatalogue: return urgentNeedCatalogue(p)
        case .manual: return Outcome(value: .unknown, reason: route.reason ?? "not checked by rencai")
        }
    }

    private func talentProgramme() -> Outcome {
        switch profile.achievements?.talentProgramme {
        case .selected(let name)?: return Outcome(value: .yes, reason: "selected into '\(name)'")
        case .none?: return Outcome(value: .no, reason: "not selected into a talent programme")
        case nil: return Outcome(value: .unknown, reason: "whether the candidate was selected into a talent programme is not given", missing: ["achievements.talent_programme"])
        }
    }

    private func recognisedAward() -> Outcome {
        guard let awards = profile.achievements?.awards else {
            return Outcome(value: .unknown, reason: "awards are not given", missing: ["achievements.awards"])
        }
        if awards.isEmpty { return Outcome(value: .no, reason: "no awards") }
        let list = rules.routes.recognisedAwards
        if let hit = awards.lazy.compactMap({ award in list.match(award).map { (award, $0) } }).first {
            return Outcome(value: .yes, reason: "'\(hit.0)' is a recognised award (\(hit.1))")
        }
        return Outcome(value: .unknown,
                       reason: "\(awards.map { "'\($0)'" }.joined(separator: ", ")) is not on rencai's list of recognised awards, which is partial [paraphrase]: check the official list and add the award to recognised_awards in the routes file if it qualifies",
                       missing: ["achievements.awards (recognition)"])
    }

    private func papers(min: Int) -> Outcome {
        guard let count = profile.achievements?.q1q2PapersFirstOrCorresponding else {
            return Outcome(value: .unknown, reason: "the number of Q1/Q2 papers is not given", missing: ["achievements.q1q2_papers_first_or_corresponding"])
        }
        return count >= min ? Outcome(value: .yes, reason: "\(count) Q1/Q2 papers ≥ \(min)")
                            : Outcome(value: .no, reason: "\(count) Q1/Q2 papers, \(min) needed")
    }

    private func encouragedEmployer() -> Outcome {
        let employer = profile.job?.employer
        let kinds: [(String, Bool?, String)] = [
            ("central SOE", employer?.centralSOE, "job.employer.central_soe"),
            ("Fortune 500 headquarters", employer?.fortune500HQ, "job.employer.fortune500_hq"),
            ("national high-tech enterprise", employer?.highTech, "job.employer.high_tech"),
        ]
        let isKind = kinds.reduce(Tri.no) { $0 || Tri($1.1) }
        let senior = Tri(profile.job?.seniorRole)
        let kindNames = kinds.filter { $0.1 == true }.map(\.0)
        let result = isKind && senior
        switch result {
        case .yes: return Outcome(value: .yes, reason: "senior post at a \(kindNames.joined(separator: " / "))")
        case .no:
            if senior == .no { return Outcome(value: .no, reason: "the post is not a senior manager or senior technical post") }
            return Outcome(value: .no, reason: "the employer is none of central SOE, Fortune 500 headquarters, national high-tech enterprise")
        case .unknown:
            var missing = isKind == .unknown ? kinds.filter { $0.1 == nil }.map(\.2) : []
            if senior == .unknown { missing.append("job.senior_role") }
            return Outcome(value: .unknown, reason: "the employer's kind or the seniority of the post is not given", missing: missing)
        }
    }

    /// The salary route's outcome and, when the wage figure is known, the threshold.
    struct SalaryCheck {
        var outcome: Outcome
        var threshold: Double?
        var figure: WageFigure?
    }

    func salary(multiple: Double) -> SalaryCheck {
        let m = Bracket.format(multiple)
        guard let written = profile.job?.city else {
            return SalaryCheck(outcome: Outcome(value: .unknown, reason: "the job's city is not given, so the local average wage is unknown", missing: ["job.city"]))
        }
        let city = rules.canonicalCity(written)
        let candidates = rules.wages.figures(city: city)
        guard let figure = rules.wages.figure(city: city, on: asOf) else {
            let why = candidates.isEmpty ? "no average-wage figure for \(city)"
                : "no average-wage figure for \(city) in force on \(asOf) (the earliest starts \(candidates.last!.effectiveFrom))"
            return SalaryCheck(outcome: Outcome(value: .unknown,
                reason: "\(why): add a row (city, series, statistical_year, effective_from, monthly, source) to a wages file and pass --wages FILE",
                missing: ["average wage for \(city)"]))
        }
        let threshold = multiple * figure.annualAmount
        if figure.isExpired(on: asOf) {
            return SalaryCheck(outcome: Outcome(value: .unknown,
                reason: "the latest average-wage figure for \(city) was in force until \(figure.effectiveUntil!) (\(m) × would be \(Money.cny(threshold)) a year): add the current figure with --wages FILE",
                missing: ["current average wage for \(city)"]), threshold: nil, figure: figure)
        }
        let average = figure.annual.map { "\(Money.cny($0))/year" } ?? "\(Money.cny(figure.monthly))/month × 12"
        let basis = "\(m) × \(average) = \(Money.cny(threshold)) a year; \(figure.citation)"
        guard let salary = profile.job?.annualSalaryCNY else {
            return SalaryCheck(outcome: Outcome(value: .unknown, reason: "the salary is not given; the threshold is \(basis)", missing: ["job.annual_salary_cny"]),
                               threshold: threshold, figure: figure)
        }
        let met = salary >= threshold
        return SalaryCheck(outcome: Outcome(value: met ? .yes : .no,
                                            reason: "\(Money.cny(salary)) a year \(met ? "≥" : "<") \(basis)"),
                           threshold: threshold, figure: figure)
    }

    private func entrepreneur(_ p: RouteParams?) -> Outcome {
        let e = profile.achievements?.entrepreneur
        func atLeast(_ value: Double?, _ min: Double?, _ field: String, _ what: String) -> (Tri, String, String?) {
            guard let value else { return (.unknown, "\(what) unknown", field) }
            let minimum = min ?? 0
            return (value >= minimum ? .yes : .no, "\(what) \(Bracket.format(value)) \(value >= minimum ? "≥" : "<") \(Bracket.format(minimum))", nil)
        }
        let parts = [
            atLeast(e?.investedUSD, p?.minInvestedUSD, "achievements.entrepreneur.invested_usd", "invested USD"),
            atLeast(e?.consecutiveYears, p?.minConsecutiveYears, "achievements.entrepreneur.consecutive_years", "consecutive years"),
            atLeast(e?.shareholding, p?.minShareholding, "achievements.entrepreneur.shareholding", "shareholding"),
            patentsOrTechnology(),
        ]
        let value = parts.reduce(Tri.yes) { $0 && $1.0 }
        let shown = value == .no ? parts.filter { $0.0 == .no } : parts
        return Outcome(value: value, reason: shown.map(\.1).joined(separator: "; "),
                       missing: value == .unknown ? parts.compactMap(\.2) : [])
    }

    /// The route asks for "patents or proprietary technology"; the profile records only patents, so
    /// none of them leaves the route unknown rather than failed.
    private func patentsOrTechnology() -> (Tri, String, String?) {
        guard let patents = profile.patents else { return (.unknown, "patents unknown", "patents") }
        if patents >= 1 { return (.yes, "\(patents) patent(s)", nil) }
        return (.unknown, "no patents; proprietary technology is not recorded in the profile (check by hand)", "proprietary technology (not in the profile)")
    }

    private func pointsRoute(min: Int) -> Outcome {
        if points.total >= min {
            return Outcome(value: .yes, reason: "\(points.total) points ≥ \(min)")
        }
        if points.maximumPossible < min {
            return Outcome(value: .no, reason: points.complete ? "\(points.total) points < \(min)"
                : "at most \(points.maximumPossible) points even if every unknown factor scored fully, < \(min)")
        }
        let missing = points.factors.flatMap(\.missing)
        return Outcome(value: .unknown, reason: "\(points.total) points known, up to \(points.maximumPossible) possible with the unknown factors; \(min) needed", missing: missing)
    }

    private func professionalPost(_ p: RouteParams?) -> Outcome {
        var reasons: [String] = [], missing: [String] = []
        let degree = bachelorOrHigher(&reasons, &missing, namingIt: true)
        let experience = experience(atLeast: p?.minExperienceYears ?? 2, &reasons, &missing)
        let groups = p?.majorGroups ?? [1, 2]
        let post: Tri
        if let code = profile.job?.occupationCode, let major = code.parts.first {
            post = groups.contains(major) ? .yes : .no
            reasons.append("occupation \(code) is in major group \(major)\(groups.contains(major) ? "" : ", not \(groups.map(String.init).joined(separator: " or "))")")
        } else {
            post = .unknown
            missing.append("job.occupation_code")
            reasons.append("no occupation code: classify the job title/description (rencai classify) and write job.occupation_code")
        }
        let value = degree && experience && post
        return Outcome(value: value, reason: reasons.joined(separator: "; "), missing: missing)
    }

    /// B talent in an occupation on the province's urgent-need guiding catalogue (2025 notice), with the
    /// evidence Shanghai's pilot asked for: a degree and relevant experience.
    private func urgentNeedCatalogue(_ p: RouteParams?) -> Outcome {
        var reasons: [String] = [], missing: [String] = []
        let listed = Tri(profile.job?.onUrgentNeedCatalogue)
        switch listed {
        case .yes: reasons.append("the job is on the province's urgent-need catalogue")
        case .no: reasons.append("the job is not on the province's urgent-need catalogue")
        case .unknown:
            missing.append("job.on_urgent_need_catalogue")
            reasons.append("whether the job is on the province's urgent-need catalogue is not given (rencai classify --province P checks a loaded catalogue)")
        }
        let degree = bachelorOrHigher(&reasons, &missing, namingIt: false)
        let experience = experience(atLeast: p?.minExperienceYears ?? 2, &reasons, &missing)
        return Outcome(value: listed && degree && experience, reason: reasons.joined(separator: "; "), missing: missing)
    }

    /// A bachelor's degree or higher (the B routes' usual condition); `namingIt` adds the degree to the reasons.
    private func bachelorOrHigher(_ reasons: inout [String], _ missing: inout [String], namingIt: Bool) -> Tri {
        switch profile.education {
        case let degree? where [.doctorate, .master, .bachelor].contains(degree):
            if namingIt { reasons.append("\(degree.rawValue) degree") }
            return .yes
        case nil: missing.append("education"); return .unknown
        default: reasons.append("no bachelor's degree"); return .no
        }
    }

    /// Years of relevant experience against a minimum, with the comparison as a reason.
    private func experience(atLeast minYears: Double, _ reasons: inout [String], _ missing: inout [String]) -> Tri {
        guard let years = profile.experienceYears else { missing.append("experience_years"); return .unknown }
        reasons.append("\(Bracket.format(years)) years of experience \(years >= minYears ? "≥" : "<") \(Bracket.format(minYears))")
        return years >= minYears ? .yes : .no
    }

    private func vocationalCertificate(levels: [String]) -> Outcome {
        guard let level = profile.vocationalLevel else {
            return Outcome(value: .unknown, reason: "the vocational level is not given", missing: ["vocational_level"])
        }
        return levels.contains(level.rawValue) ? Outcome(value: .yes, reason: "vocational level \(level.rawValue)")
            : Outcome(value: .no, reason: level == .none ? "no vocational certificate" : "vocational level \(level.rawValue) is not internationally recognised (\(levels.joined(separator: ", ")))")
    }

    private func masterGraduate() -> Outcome {
        var missing: [String] = []
        let degree: Tri
        switch profile.education {
        case .master?, .doctorate?: degree = .yes
        case .bachelor?, .none?: degree = .no
        case nil: degree = .unknown; missing.append("education")
        }
        let top = Tri(profile.topUniversity), chineseDegree = Tri(profile.chinese?.chineseTaughtDegree)
        let university = top || chineseDegree
        if university == .unknown {
            if top == .unknown { missing.append("top_university") }
            if chineseDegree == .unknown { missing.append("chinese.chinese_taught_degree") }
        }
        let value = degree && university
        let reason: String
        switch value {
        case .yes: reason = "\(profile.education!.rawValue) from \(top == .yes ? "a top overseas university" : "a Chinese-taught programme")"
        case .no: reason = degree == .no ? "no master's degree" : "the degree is from neither a top-100 nor a Chinese university"
        case .unknown: reason = "the degree or the university is not given"
        }
        return Outcome(value: value, reason: reason, missing: value == .unknown ? missing : [])
    }

    // MARK: - B general condition

    /// Age ≤ the B cap, lifted by local rules whose conditions hold.
    func bGeneral() -> Outcome {
        let general = rules.routes.general.b
        var sureCap = general.maxAge, possibleCap = general.maxAge
        var applied: [String] = []
        let city = profile.job?.city.map(rules.canonicalCity)
        let province = rules.canonicalProvince(profile.job?.province, city: profile.job?.city)
        for rule in rules.local.rules(.bMaxAge, province: province, city: city) {
            let holds = (rule.when ?? []).reduce(Tri.yes) { $0 && condition($1) }
            if holds == .yes { sureCap = max(sureCap, rule.value); applied.append("\(rule.id) (\(rule.provenance.citation))") }
            if holds != .no { possibleCap = max(possibleCap, rule.value) }
        }
        let lifted = applied.isEmpty ? "" : " (lifted by local rule \(applied.joined(separator: ", ")))"
        guard let birth = profile.birthDate else {
            return Outcome(value: .unknown, reason: "age unknown; B requires age ≤ \(sureCap)\(lifted)", missing: ["birth_date"])
        }
        let age = birth.wholeYears(on: asOf)
        if age <= sureCap { return Outcome(value: .yes, reason: "age \(age) ≤ \(sureCap)\(lifted)") }
        if age <= possibleCap {
            return Outcome(value: .unknown, reason: "age \(age) > \(sureCap); a local rule could lift the cap to \(possibleCap) if its conditions hold",
                           missing: ["local rule conditions"])
        }
        return Outcome(value: .no, reason: "age \(age) > \(sureCap)\(lifted)")
    }

    private func condition(_ c: LocalRule.Condition) -> Tri {
        switch c {
        case .doctorate: return profile.education.map { $0 == .doctorate ? .yes : .no } ?? .unknown
        case .masterOrHigher: return profile.education.map { $0 == .doctorate || $0 == .master ? .yes : .no } ?? .unknown
        case .vocationalCertificate: return profile.vocationalLevel.map { $0 != .none ? .yes : .no } ?? .unknown
        case .topUniversity: return Tri(profile.topUniversity)
        case .onUrgentNeedCatalogue: return Tri(profile.job?.onUrgentNeedCatalogue)
        case .highTechEmployer: return Tri(profile.job?.employer?.highTech)
        }
    }
}
