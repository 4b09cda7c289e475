import Foundation
import RencaiCore
import Standards

/// The facts of one application that decide which checklist items apply: the category and the routes
/// met (from the assessment, or forced), the application type, inside/outside China, and the filing date.
public struct DossierCase: Sendable, Hashable, Codable {
    /// `A`, `B`, `C`, or `undetermined`.
    public var category: String
    /// Whether `--category` forced it instead of the assessment.
    public var categoryForced: Bool
    /// Route ids the assessment found met (`A3-salary-6x` …).
    public var metRoutes: [String]
    /// `new`, `change_of_employer`, `extension`; nil when the profile does not say.
    public var applicationType: String?
    public var insideChina: Bool?
    /// The day validity windows are measured from (`--as-of`, else the profile's filing date, else today).
    public var filingDate: Day
    /// Facts the profile claims and evidence must prove (`hsk`, `patents`).
    public var profileFacts: [String]
    public var candidateName: String?
    public var candidateID: String?
    /// The assessment's one-sentence summary, for the dossier index.
    public var assessmentSummary: String?

    public init(category: String, categoryForced: Bool = false, metRoutes: [String] = [], applicationType: String? = nil,
                insideChina: Bool? = nil, filingDate: Day, profileFacts: [String] = [], candidateName: String? = nil,
                candidateID: String? = nil, assessmentSummary: String? = nil) {
        self.category = category
        self.categoryForced = categoryForced
        self.metRoutes = metRoutes
        self.applicationType = applicationType
        self.insideChina = insideChina
        self.filingDate = filingDate
        self.profileFacts = profileFacts
        self.candidateName = candidateName
        self.candidateID = candidateID
        self.assessmentSummary = assessmentSummary
    }

    /// The case of a candidate profile as `rencai assess` sees it.
    ///
    /// ```swift
    /// let profile = try ProfileLoader.load(from: url)
    /// let assessment = try Assessor.bundled(resources).assess(profile: profile, asOf: nil)
    /// let dossierCase = DossierCase(profile: profile, assessment: assessment, asOf: nil, forcedCategory: nil)
    /// ```
    public init(profile: CandidateProfile, assessment: Assessment, asOf: Day?, forcedCategory: String?, today: Day = .today()) {
        var facts: [String] = []
        if let hsk = profile.chinese?.hsk, hsk > 0 { facts.append("hsk") }
        if let patents = profile.patents, patents > 0 { facts.append("patents") }
        self.init(category: forcedCategory ?? assessment.category.rawValue,
                  categoryForced: forcedCategory != nil,
                  metRoutes: assessment.routes.filter { $0.status == .met }.map(\.route),
                  applicationType: profile.application?.type?.rawValue,
                  insideChina: profile.application?.insideChina,
                  filingDate: asOf ?? profile.application?.filingDate ?? today,
                  profileFacts: facts, candidateName: profile.name, candidateID: profile.id,
                  assessmentSummary: forcedCategory == nil ? assessment.summary
                      : "category \(forcedCategory!) forced with --category (the assessment said \(assessment.category.rawValue): \(assessment.summary))")
    }
}
