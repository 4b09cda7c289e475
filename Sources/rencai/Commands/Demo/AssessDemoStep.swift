import Foundation
import RencaiCore
import Standards

extension DemoSteps {
    /// Assesses two sample candidates: one B with everything known, one undetermined with gaps named.
    static let assess = DemoStep(title: "Assess candidates' categories (A/B/C) with reasons") { ctx in
        let assessor = Assessor(rules: try StandardsRules.bundled(ctx.resources))
        for file in ["jane-doe-shanghai.yaml", "sam-chengdu-partial.yaml"] {
            let profile = try CandidateProfile.load(from: ctx.fixtures.appendingPathComponent("profiles/\(file)"))
            let a = assessor.assess(profile: profile, asOf: nil)
            let points = a.points.complete ? "\(a.points.total)" : "\(a.points.total) known, up to \(a.points.maximumPossible)"
            print("Fixtures/profiles/\(file): \(a.profileID ?? "?") \(a.name ?? "")")
            print("  category \(a.category.rawValue)\(a.category == .undetermined ? " (possible: \(a.possibleCategories.map(\.rawValue).joined(separator: "/")))" : "")  ·  points \(points) (\(a.points.table))")
            print("  routes met: \(a.routes.filter { $0.status == .met }.map(\.route).joined(separator: ", ").ifEmpty("none"))")
            for factor in a.points.factors.prefix(3) {
                print("  \(factor.factor): \(factor.points.map(String.init) ?? "unknown (\(factor.minimum)–\(factor.maximum))") ← \(factor.input) [\(factor.bracket ?? "—")]")
            }
            if !a.unknownFacts.isEmpty {
                print("  unknown facts (\(a.unknownFacts.count)): \(a.unknownFacts.prefix(4).map(\.field).joined(separator: ", "))\(a.unknownFacts.count > 4 ? " …" : "")")
            }
            for line in a.whatWouldChange.prefix(2) { print("  would change: \(line)") }
        }
        print("  full report: rencai assess Fixtures/profiles/jane-doe-shanghai.yaml   (table of all: rencai assess Fixtures/profiles)")
    }
}

private extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
