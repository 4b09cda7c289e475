import RencaiCore

/// The checks across a plan; each returns findings in one sentence a mobility team can act on.
enum PlanChecks {
    /// Legs must not overlap (a travel day shared by two legs is fine) and should leave no uncovered days.
    static func sequence(_ legs: [PlanLeg]) -> [Finding] {
        var findings: [Finding] = []
        for (a, b) in zip(legs, legs.dropFirst()) {
            if b.start < a.end {
                findings.append(Finding(kind: "overlap",
                    detail: "the \(a.city) leg (\(a.start)…\(a.end)) and the \(b.city) leg (\(b.start)…\(b.end)) overlap by \(b.start.days(until: a.end)) days: the hire cannot be in both places",
                    severity: .problem))
            } else if b.start > a.end.adding(days: 1) {
                let missing = a.end.days(until: b.start) - 1
                findings.append(Finding(kind: "gap",
                    detail: "\(missing) days between the \(a.city) leg (ends \(a.end)) and the \(b.city) leg (starts \(b.start)) are not covered by the plan: add a leg or confirm the hire is away",
                    severity: .problem))
            }
        }
        return findings
    }

    /// The work permit and the passport must outlast every leg.
    static func expiries(hire: PlanHire, legs: [PlanLeg]) -> [Finding] {
        var findings: [Finding] = []
        if let leg = legs.first(where: { hire.permitExpiry < $0.end }) {
            findings.append(Finding(kind: "permit_expiry",
                detail: "the work permit expires on \(hire.permitExpiry), before the \(leg.city) leg ends on \(leg.end): extend it (see permit_extension) or shorten the leg",
                severity: .problem))
        }
        if let passport = hire.passportExpiry {
            if let leg = legs.first(where: { passport < $0.end }) {
                findings.append(Finding(kind: "passport_expiry",
                    detail: "the passport expires on \(passport), before the \(leg.city) leg ends on \(leg.end): renew it (see passport_renewal)",
                    severity: .problem))
            }
        } else {
            findings.append(Finding(kind: "check_not_made",
                detail: "the passport's expiry date was not given (passport_expiry: in the plan, or --passport-expiry): the passport checks could not be made",
                severity: .note))
        }
        return findings
    }

    /// Legs where the status does not simply carry over.
    static func recognition(_ plans: [LegPlan], hire: PlanHire) -> [Finding] {
        plans.compactMap { plan in
            switch plan.recognition {
            case .carriedOver: return nil
            case .localFilingRequired:
                return Finding(kind: "recognition", detail: "\(plan.leg.city) (\(plan.leg.province)): local filing required — \(plan.reason)", severity: .note)
            case .newPermitRequired:
                return Finding(kind: "recognition", detail: "\(plan.leg.city) (\(plan.leg.province)): a new work permit is required before work starts on \(plan.leg.start) — \(plan.reason)", severity: .problem)
            case .unknown:
                return Finding(kind: "recognition", detail: "\(plan.leg.city) (\(plan.leg.province)): recognition unknown — \(plan.reason)", severity: .problem)
            }
        }
    }

    /// One finding per province of the plan: the catalogue's requirements, or that none is loaded.
    static func catalogues(legs: [PlanLeg], answers: [String: CatalogueAnswer?], hire: PlanHire) -> [Finding] {
        var seen: Set<String> = []
        var findings: [Finding] = []
        for leg in legs where seen.insert(leg.province).inserted {
            guard let answer = answers[leg.province] ?? nil else {
                findings.append(Finding(kind: "no_catalogue",
                    detail: "\(leg.province): no guiding catalogue is loaded, so whether it lists \(hire.occupationCode) (or its minor group) and with which requirements could not be checked",
                    severity: .note))
                continue
            }
            if let code = answer.matchedCode {
                let requirements = answer.requirements.isEmpty ? "no requirements recorded" : answer.requirements.joined(separator: "; ")
                findings.append(Finding(kind: "catalogue_requirements",
                    detail: "\(leg.province): \(answer.catalogue) lists \(code) for \(hire.occupationCode): \(requirements)", severity: .note))
            } else {
                findings.append(Finding(kind: "catalogue_not_listed",
                    detail: "\(leg.province): \(answer.catalogue) lists neither \(hire.occupationCode) nor its minor group \(hire.occupationCode.truncated(to: .minor))",
                    severity: .note))
            }
        }
        return findings
    }

    /// Working-day deadlines in years without holiday data are counted on weekends only: say so.
    static func holidayCoverage(_ plans: [LegPlan], calendar: HolidayCalendar) -> [Finding] {
        let used = Set(plans.flatMap { plan in plan.actions.filter { $0.unit == .working }.map(\.due.year) })
        let covered = used.filter(calendar.covers).sorted().compactMap { calendar.years[$0] }
        let basis = covered.map { year in
            Finding(kind: "holiday_data",
                    detail: "working days in \(year.year) are counted with \(year.source)\(year.confidence == .verified ? "" : " [confidence \(year.confidence.rawValue): check the dates against the notice]")",
                    severity: .note)
        }
        return basis + used.filter { !calendar.covers($0) }.sorted().map { year in
            Finding(kind: "holiday_data_missing",
                    detail: "no public-holiday data for \(year): its working-day deadlines skip weekends only and may be early; add the State Council's \(year) notice with --holidays FILE",
                    severity: .note)
        }
    }

    /// Rules marked unverified that the plan relied on: configurable, never law.
    static func unverifiedRules(_ plans: [LegPlan], recognition: RecognitionRules, hire: PlanHire) -> [Finding] {
        var findings: [Finding] = []
        if plans.contains(where: { $0.leg.province != hire.province }), recognition.provenance.confidence == .unverified {
            findings.append(Finding(kind: "unverified_rule",
                detail: "recognition follows \(recognition.provenance.citation); change it with --recognition FILE",
                severity: .note))
        }
        var seen: Set<String> = []
        for action in plans.flatMap(\.actions) where action.provenance.confidence == .unverified && seen.insert(action.action).inserted {
            findings.append(Finding(kind: "unverified_rule",
                detail: "\(action.action) (\(action.period)) follows \(action.provenance.citation); change it with --deadlines FILE",
                severity: .note))
        }
        return findings
    }
}
