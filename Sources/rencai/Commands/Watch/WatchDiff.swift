import ArgumentParser
import Catalogues
import Foundation
import RencaiCore

/// `rencai watch diff SOURCE [REV_A REV_B]`: the keyed diff between two revisions.
struct WatchDiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show the keyed diff between two revisions of a source.",
        discussion: """
        Without revisions: the latest revision against the one before. JSON: {"added": [{"key", "row"}], \
        "removed": [{"key", "row"}], "changed": [{"key", "fields": {COLUMN: {"old", "new"}}}], "recode_hints": \
        [{"title", "old_key", "new_key"}], "from", "to"}. Row-number columns and differences only in white \
        space, full-width forms or line breaks are not changes.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The source id.", valueName: "source"))
    var source: String

    @Argument(help: ArgumentHelp("The older and the newer revision (as `watch history` lists them: 12 or r12).", valueName: "rev"))
    var revisions: [String] = []

    func validate() throws {
        if !(revisions.isEmpty || revisions.count == 2) {
            throw ValidationError("give two revisions (REV_A REV_B) or none (the latest against the one before)")
        }
    }

    func run() async throws {
        global.bootstrapLogging()
        let context = try CatalogueWatchContext(global)
        defer { context.close() }
        let history = try context.revisions.revisions(of: source)
        if history.isEmpty {
            if try context.revisions.state(of: source) == nil { _ = try context.source(source) }
            throw InputError("\(source): no revisions yet: run `rencai watch run --once --source \(source)` first", status: .noInput)
        }
        let from: RevisionID?, to: RevisionID
        if revisions.count == 2 {
            from = try Self.revision(revisions[0], in: history, source: source)
            to = try Self.revision(revisions[1], in: history, source: source)
        } else {
            to = history.last!.id
            from = history.last!.previous
        }
        let diff = try context.revisions.diff(from: from, to: to)
        if global.json {
            try Output.json(diff)
            return
        }
        print("\(source): \(from.map { "r\($0)" } ?? "(empty)") → r\(to): \(diff.summary)")
        if diff.isEmpty { print("no row changed") }
        for entry in diff.added { print("+ \(entry.key.text)  \(entry.row.title ?? "")") }
        for entry in diff.removed { print("− \(entry.key.text)  \(entry.row.title ?? "")") }
        for change in diff.changed {
            print("~ \(change.key.text)  \(change.new.title ?? change.old.title ?? "")")
            for (column, field) in change.fields.sorted(by: { $0.key < $1.key }) {
                print("    \(column): \(field.old.isEmpty ? "(empty)" : field.old) → \(field.new.isEmpty ? "(empty)" : field.new)")
            }
        }
        for hint in diff.recodeHints {
            print("re-code? \(hint.title): \(hint.oldKey.text) → \(hint.newKey.text) (same title under a new code; check the notice)")
        }
        let findings = try context.revisions.catalogue(of: to).findings
        if !findings.isEmpty {
            print("data quality in r\(to) (\(findings.count) finding\(findings.count == 1 ? "" : "s")):")
            for finding in findings { print("  \(finding)") }
        }
    }

    /// `12` or `r12`, which must be a revision of this source.
    static func revision(_ text: String, in history: [RevisionSummary], source: String) throws -> RevisionID {
        let digits = text.hasPrefix("r") ? String(text.dropFirst()) : text
        guard let n = Int64(digits), let found = history.first(where: { $0.id.rawValue == n }) else {
            throw InputError("'\(text)' is not a revision of \(source) (its revisions: \(history.map { "r\($0.id)" }.joined(separator: ", ")))", status: .usage)
        }
        return found.id
    }
}
