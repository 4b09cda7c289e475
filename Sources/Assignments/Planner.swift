import RencaiCore

/// Plans an assignment: for each leg, whether the hire's status carries over and which duties fall due when;
/// across the plan, overlaps, gaps, expiries, catalogue checks and the 183-day count.
///
/// ```swift
/// let planner = Planner(rules: try PlanRules.bundled(resources), catalogues: NoCataloguesLoaded())
/// let report = try planner.plan(AssignmentPlan(hire: person, legs: legs))
/// for leg in report.legs { print(leg.leg.city, leg.recognition.rawValue, leg.actions.map(\.due)) }
/// ```
public struct Planner: Sendable {
    public let rules: PlanRules
    public let catalogues: any CatalogueLookup

    public init(rules: PlanRules, catalogues: any CatalogueLookup) {
        self.rules = rules
        self.catalogues = catalogues
    }

    public func plan(_ plan: AssignmentPlan) throws -> PlanReport {
        guard !plan.legs.isEmpty else { throw AssignmentError.noLegs(location: nil) }
        let hire = plan.hire
        // Stable sort by start date: the order of legs with the same start stays as given.
        let legs = plan.legs.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        var findings: [Finding] = []
        var answers: [String: CatalogueAnswer?] = [:]
        for province in Set(legs.map(\.province)) {
            answers[province] = try catalogues.answer(province: province, code: hire.occupationCode)
        }

        var legActions: [[PlannedAction]] = Array(repeating: [], count: legs.count)
        var outcomes: [(Recognition, String)] = []
        let outsideMainland = rules.taxResidence.outsideMainland
        for (index, leg) in legs.enumerated() {
            let outcome = recognise(hire: hire, leg: leg, answer: answers[leg.province] ?? nil)
            outcomes.append(outcome)
            // Mainland registration and permit duties do not follow the hire to Hong Kong, Macao or Taiwan.
            if outsideMainland.contains(leg.province) { continue }
            // Where the hire's permit and residence registration last stood: the last mainland leg before
            // this one, else the hire's home city.
            let lastMainland = legs[..<index].lastIndex { !outsideMainland.contains($0.province) }
            let previousCity = lastMainland.map { legs[$0].city } ?? hire.city
            let previousProvince = lastMainland.map { legs[$0].province } ?? hire.province
            let reentered = index > 0 && outsideMainland.contains(legs[index - 1].province)
            for rule in rules.deadlines.rules where rule.applies != .expiry {
                if let only = rule.recognition, !only.contains(outcome.0) { continue }
                if let lodging = rule.unlessLodging, lodging == leg.lodging { continue }
                switch rule.applies {
                case .arrival:
                    let moved = leg.city != previousCity || leg.province != previousProvince
                    let returned = index > 0 && leg.start > legs[index - 1].end.adding(days: 1)
                    guard moved || returned || reentered else { continue }
                case .cityChange: guard leg.city != previousCity || leg.province != previousProvince else { continue }
                case .provinceChange: guard leg.province != previousProvince else { continue }
                case .outsidePermitProvince: guard leg.province != hire.province else { continue }
                case .everyLeg, .expiry: break
                }
                legActions[index].append(action(rule, from: leg.start))
            }
        }
        // Expiry windows: once per plan, triggered by the first leg that ends within the look-ahead of the
        // expiry (or after it), and listed under the leg the hire is on when the action falls due.
        for rule in rules.deadlines.rules where rule.applies == .expiry {
            let expiry = rule.trigger == .permitExpiry ? hire.permitExpiry : rule.trigger == .passportExpiry ? hire.passportExpiry : nil
            guard let expiry, let trigger = legs.firstIndex(where: { expiry <= $0.end.adding(days: rule.lookaheadDays) }) else { continue }
            let planned = action(rule, from: expiry)
            let target = legs.firstIndex { $0.start <= planned.due && planned.due <= $0.end } ?? trigger
            legActions[target].append(planned)
        }
        let legPlans = legs.indices.map { i in
            LegPlan(leg: legs[i], recognition: outcomes[i].0, reason: outcomes[i].1, catalogue: answers[legs[i].province] ?? nil,
                    actions: legActions[i].sorted { $0.due < $1.due })
        }

        findings += PlanChecks.sequence(legs)
        findings += PlanChecks.expiries(hire: hire, legs: legs)
        findings += PlanChecks.recognition(legPlans, hire: hire)
        findings += PlanChecks.catalogues(legs: legs, answers: answers, hire: hire)
        findings += PlanChecks.holidayCoverage(legPlans, calendar: rules.holidays)
        findings += PlanChecks.unverifiedRules(legPlans, recognition: rules.recognition, hire: hire)
        let taxYears = TaxResidenceCounter(rule: rules.taxResidence).count(legs)
        findings += taxYears.map { year in
            Finding(kind: "tax_residence",
                    detail: "\(year.year): \(year.fullDays) full days in mainland China across the legs (arrival and departure days do not count): \(year.reachesThreshold ? "reaches" : "below") the \(year.threshold)-day tax-residence line — \(rules.taxResidence.provenance.citation)",
                    severity: .note)
        }
        return PlanReport(hire: hire, legs: legPlans, findings: findings, taxYears: taxYears)
    }

    private func action(_ rule: DeadlineRule, from base: Day) -> PlannedAction {
        PlannedAction(action: rule.action, title: rule.title, due: rule.due(from: base, calendar: rules.holidays),
                      opens: rule.opens(from: base, calendar: rules.holidays), unit: rule.unit, period: rule.periodText,
                      provenance: rule.provenance, note: rule.note)
    }

    /// The recognition of one leg and why.
    func recognise(hire: PlanHire, leg: PlanLeg, answer: CatalogueAnswer?) -> (Recognition, String) {
        if rules.taxResidence.outsideMainland.contains(leg.province) {
            return (.unknown, "\(leg.province) is outside mainland China: a mainland work permit does not apply there")
        }
        if leg.province == hire.province {
            return (.carriedOver, "within \(hire.province), the province that issued the permit")
        }
        guard let rule = rules.recognition.rule(for: hire.category, route: hire.route) else {
            return (.unknown, "no recognition rule matches category \(hire.categoryLabel): add one to the recognition rules")
        }
        switch rule.decision {
        case let .fixed(outcome):
            return (outcome, "\(rule.reason) (rule \(rule.id))")
        case let .catalogue(listed, notListed, noCatalogue):
            guard let answer else {
                return (noCatalogue, "\(rule.reason); no catalogue is loaded for \(leg.province), so the check could not be made (rule \(rule.id))")
            }
            if let code = answer.matchedCode {
                return (listed, "\(rule.reason); \(answer.catalogue) lists \(code) (rule \(rule.id))")
            }
            return (notListed, "\(rule.reason); \(answer.catalogue) lists neither \(hire.occupationCode) nor its minor group (rule \(rule.id))")
        }
    }
}
