import Foundation
import RencaiCore
import Standards
import Store

/// Re-runs a hire's category assessment with the catalogue as it was before and after a revision, when
/// the hire's candidate profile is on file, so that an alert can say "this change moves the hire from
/// B to C" instead of only "re-check by hand".
///
/// Profiles live in a folder (config `alerts.profiles: DIR`), one YAML or JSON profile per hire, matched
/// by the profile's `id` or, failing that, by the file name (`E001.yaml`).
///
/// ```swift
/// let reassessor = try ProfileReassessor.load(directory: url, assessor: try Assessor.bundled(resources))
/// reassessor.compare(hire, listedBefore: true, listedAfter: false)?.summary
/// ```
public struct ProfileReassessor: Sendable {
    public let assessor: Assessor
    /// Profiles by employee id, with the file each came from.
    public let profiles: [String: (profile: CandidateProfile, file: String)]

    public init(assessor: Assessor, profiles: [String: (profile: CandidateProfile, file: String)]) {
        self.assessor = assessor
        self.profiles = profiles
    }

    /// Reads every `.yaml`, `.yml` and `.json` profile in `directory`; a malformed one is an error that
    /// names its file (a silently skipped profile would hide a category change).
    public static func load(directory: URL, assessor: Assessor) throws -> ProfileReassessor {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() } catch {
            throw InputError("alerts.profiles: cannot read the folder \(directory.path): check the path in the configuration", status: .config)
        }
        var profiles: [String: (profile: CandidateProfile, file: String)] = [:]
        for name in names where ["yaml", "yml", "json"].contains((name as NSString).pathExtension.lowercased()) {
            let url = directory.appendingPathComponent(name)
            let profile = try CandidateProfile.load(from: url)
            let key = profile.id ?? (name as NSString).deletingPathExtension
            if let earlier = profiles[key] {
                throw InputError("\(url.path): profile id '\(key)' is also used by \(earlier.file): one profile per hire", status: .dataError)
            }
            profiles[key] = (profile, url.path)
        }
        return ProfileReassessor(assessor: assessor, profiles: profiles)
    }

    /// The assessment before and after a change of the hire's catalogue membership.
    public struct Comparison: Sendable {
        public let before: Assessment
        public let after: Assessment
        public let file: String

        /// True when the category or the set of met routes differs.
        public var moves: Bool {
            before.category != after.category || metRoutes(before) != metRoutes(after)
        }

        /// True when the category gets worse (A → B, B → C, or a category becomes undetermined).
        public var downgrades: Bool {
            let rank: [Verdict: Int] = [.a: 3, .b: 2, .c: 1, .undetermined: 0]
            return (rank[after.category] ?? 0) < (rank[before.category] ?? 0)
        }

        /// One paragraph for the alert body.
        public var summary: String {
            let lost = metRoutes(before).subtracting(metRoutes(after)).sorted()
            let gained = metRoutes(after).subtracting(metRoutes(before)).sorted()
            var text = "Re-assessed with the hire's profile (\(file)): with the old list category \(before.category.rawValue), with the new list category \(after.category.rawValue)"
            text += before.category == after.category ? " (unchanged)." : " — the category moves from \(before.category.rawValue) to \(after.category.rawValue)."
            if !lost.isEmpty { text += " Routes no longer met: \(lost.joined(separator: ", "))." }
            if !gained.isEmpty { text += " Routes newly met: \(gained.joined(separator: ", "))." }
            return text
        }

        private func metRoutes(_ a: Assessment) -> Set<String> {
            Set(a.routes.filter { $0.status == .met }.map(\.route))
        }
    }

    /// Assesses the hire's profile with the job on the catalogue (`listedBefore`) and then as the new
    /// revision has it (`listedAfter`); nil when no profile is on file for the hire.
    public func compare(_ hire: Hire, listedBefore: Bool, listedAfter: Bool, today: Day = .today()) -> Comparison? {
        guard let entry = profiles[hire.employeeID] else { return nil }
        func assess(listed: Bool) -> Assessment {
            var profile = entry.profile
            if profile.job == nil { profile.job = CandidateProfile.Job() }
            profile.job?.onUrgentNeedCatalogue = listed
            if profile.job?.occupationCode == nil { profile.job?.occupationCode = hire.occupationCode }
            return assessor.assess(profile: profile, asOf: today, today: today)
        }
        return Comparison(before: assess(listed: listedBefore), after: assess(listed: listedAfter), file: entry.file)
    }
}
