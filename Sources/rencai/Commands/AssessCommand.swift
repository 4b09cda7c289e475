import ArgumentParser
import Foundation
import RencaiCore
import Standards

/// `rencai assess PROFILE|DIR`: the category (A/B/C) with every route, every point and its source,
/// the unknown facts, and what would change the outcome.
struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assess a candidate's category (A/B/C) with reasons.",
        discussion: """
        PROFILE is a YAML or JSON candidate profile (see Templates/profiles/candidate.example.yaml); a missing \
        field is unknown, never zero. With a folder, every .yaml/.yml/.json profile in it is assessed and a table \
        is printed. Exit codes: 0 assessed; 64 bad option; 65 a profile is malformed (named with its field and line); \
        66 a file is not found; 78 a rules file (--standard, --routes, --wages, --local-rules) is malformed.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A profile file, or a folder of profiles.", valueName: "profile|dir"))
    var path: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Take ages and wage figures on this date (else the profile's filing date, else today).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @OptionGroup var standards: StandardsOptions

    func validate() throws {
        if let asOf, (try? Day(parsing: asOf)) == nil {
            throw ValidationError("--as-of \(asOf): not a real date; write YYYY-MM-DD")
        }
    }

    func run() async throws {
        global.bootstrapLogging()
        let resources = try global.resources()
        let day: Day? = try asOf.map { try Day(parsing: $0) }
        let rules = try standards.rules(resources)
        let assessor = Assessor(rules: rules)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("\(path): no such file or folder", status: .noInput)
        }
        if isDirectory.boolValue {
            try assessFolder(URL(fileURLWithPath: path, isDirectory: true), assessor: assessor, asOf: day)
        } else {
            let profile = try CandidateProfile.load(from: URL(fileURLWithPath: path))
            let assessment = assessor.assess(profile: profile, asOf: day)
            if global.json { try Output.json(assessment) } else { print(assessment.text) }
        }
    }

    /// One row per profile; a malformed profile is a row with its error (never skipped), and exit 65 at the end.
    private func assessFolder(_ folder: URL, assessor: Assessor, asOf: Day?) throws {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { CandidateProfile.fileExtensions.contains($0.pathExtension.lowercased()) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !files.isEmpty else {
            throw InputError("\(folder.path): no .yaml, .yml or .json profiles in this folder", status: .noInput)
        }
        var results: [FolderRow] = []
        for file in files {
            do {
                let profile = try CandidateProfile.load(from: file)
                results.append(FolderRow(file: file.lastPathComponent, assessment: assessor.assess(profile: profile, asOf: asOf), error: nil))
            } catch let error as UserFacingError {
                results.append(FolderRow(file: file.lastPathComponent, assessment: nil, error: error.message))
            }
        }
        if global.json {
            try Output.json(results)
        } else {
            let rows = results.map { row -> [String] in
                guard let a = row.assessment else { return [row.file, "—", "error", "—", "—", row.error ?? ""] }
                let points = a.points.complete ? "\(a.points.total)" : "\(a.points.total)–\(a.points.maximumPossible)"
                let met = a.routes.filter { $0.status == .met }.map(\.route).joined(separator: ", ")
                let possible = a.category == .undetermined ? a.possibleCategories.map(\.rawValue).joined(separator: "/") : ""
                return [row.file, a.profileID ?? "—", a.category.rawValue + (possible.isEmpty ? "" : " (\(possible))"), points,
                        a.unknownFacts.isEmpty ? "0" : "\(a.unknownFacts.count)", met.isEmpty ? "none" : met]
            }
            print(TextTable.render(["file", "id", "category", "points", "unknown", "routes met"], rows))
        }
        let failures = results.filter { $0.error != nil }
        if !failures.isEmpty {
            throw InputError("\(failures.count) of \(results.count) profiles could not be read: \(failures.map { $0.error! }.joined(separator: " | "))")
        }
    }

    struct FolderRow: Encodable {
        let file: String
        let assessment: Assessment?
        let error: String?
    }
}
