import ArgumentParser
import Foundation
import Occupations
import RencaiCore
import Store

/// `rencai classify`: Map job titles and descriptions to occupation codes.
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Map job titles and descriptions (Chinese or English) to occupation codes, with the matched terms that explain each score.",
        discussion: """
            One text: rencai classify "Java开发工程师（急招）8k-12k". A file: rencai classify --input jobs.csv --column title [--output coded.csv].
            --json prints one object per input: {"input", "candidates": [{"code", "title", "score", "matched"}], "review"}.
            review is true when the best candidate is weak or the top two are close; "group" then names the shared minor or medium group.
            Batch mode streams the file, reports bad rows by line on stderr and goes on; it exits 65 when some rows could not be classified.
            --confirm CODE TEXT records the company's own decision: the same (or nearly the same) text then ranks CODE first.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: ClassificationOptions

    @Argument(help: "The job title or description (quote it).")
    var text: [String] = []

    @Option(help: ArgumentHelp("Classify every row of this CSV file.", valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("The column of --input that holds the job text.", valueName: "name"))
    var column: String?

    @Option(help: ArgumentHelp("Write the coded rows here (CSV) instead of stdout.", valueName: "file"))
    var output: String?

    @Option(help: "How many candidates to show.")
    var top = 5

    @Option(help: ArgumentHelp("Record that TEXT is this code (the company's decision).", valueName: "code"))
    var confirm: String?

    @Option(help: ArgumentHelp("Say whether the code is on this province's guiding catalogue.", valueName: "province"))
    var province: String?

    func validate() throws {
        if input == nil && text.isEmpty { throw ValidationError("give a job text, or --input FILE --column NAME") }
        if input != nil && !text.isEmpty { throw ValidationError("give either a job text or --input, not both") }
        if input != nil && column == nil { throw ValidationError("--input needs --column NAME (the column with the job text)") }
        if output != nil && input == nil { throw ValidationError("--output is for --input files") }
        if confirm != nil && input != nil { throw ValidationError("--confirm records one text; import many with `rencai occupations mappings import`") }
        if !(1...50).contains(top) { throw ValidationError("--top must be between 1 and 50") }
    }

    func run() async throws {
        global.bootstrapLogging()
        let store = try global.openStore()
        defer { try? store.close() }
        let occupationStore = OccupationStore(store: store)
        let src = try ClassificationSource.resolve(global: global, options: source, store: store)
        if global.verbose { for issue in src.issues { Output.note("warning: \(issue)") } }

        if let confirm {
            try record(confirm, text: text.joined(separator: " "), src: src, store: occupationStore)
            return
        }
        let index = OccupationIndex(classification: src.classification, lexicon: src.lexicon,
                                    confirmed: try occupationStore.mappings(edition: source.edition))
        if !index.unmatchedConfirmed.isEmpty && !global.quiet {
            Output.note("note: \(index.unmatchedConfirmed.count) confirmed mappings name codes that are not in this classification (\(src.origin)) and are not used, e.g. \(index.unmatchedConfirmed[0].code) for '\(index.unmatchedConfirmed[0].text)'")
        }
        let classifier = OccupationClassifier(index: index)
        let lookup: OccupationCatalogueLookup = StoreCatalogueLookup(store: store)
        if let input, let column {
            var batch = BatchClassification(classifier: classifier, top: top, json: global.json, quiet: global.quiet)
            if let province { batch.catalogue = (lookup, province, source.edition) }
            try batch.run(input: URL(fileURLWithPath: input), column: column, output: output.map { URL(fileURLWithPath: $0) })
            return
        }
        let joined = text.joined(separator: " ")
        guard !joined.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InputError("the job text is empty: give a title or description", status: .usage)
        }
        let result = classifier.classify(joined, top: top)
        var catalogue: CatalogueMembership?
        if let province, let first = result.candidates.first, let code = OccupationCode(first.code) {
            catalogue = try lookup.membership(of: code, edition: source.edition, province: province)
        }
        if global.json {
            try Output.jsonLine(JSONResult(result: result, catalogue: catalogue?.summary))
            return
        }
        print(ClassifyText.render(result))
        if let catalogue, let province { print("catalogue (\(province)): \(catalogue.summary)") }
        if result.candidates.isEmpty {
            print("no candidate: nothing in the text matches the classification (\(src.origin)); try fewer words or an English/Chinese job title")
        }
    }

    struct JSONResult: Encodable {
        let result: ClassificationResult
        let catalogue: String?
        func encode(to encoder: Encoder) throws {
            try result.encode(to: encoder)
            if let catalogue {
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(catalogue, forKey: .catalogue)
            }
        }
        enum Key: String, CodingKey { case catalogue }
    }

    private func record(_ rawCode: String, text: String, src: ClassificationSource, store: OccupationStore) throws {
        let code = try OccupationCode(parsing: rawCode)
        guard let entry = src.classification[code] else {
            throw InputError("code \(code) is not in the classification (\(src.origin)): check it with `rencai occupations show \(code)`", status: .dataError)
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InputError("--confirm needs the job text too: rencai classify --confirm \(code) \"job title\"", status: .usage)
        }
        let replaced = try store.confirm(ConfirmedMapping(text: text, code: entry.code), edition: source.edition)
        if global.json { try Output.jsonLine(["text": text, "code": entry.code.text, "title": entry.displayTitle]); return }
        print("\(replaced ? "updated" : "recorded"): '\(text)' → \(entry.code.text) \(entry.displayTitle); the same or a very close text now ranks it first")
    }
}

/// Text rendering of a result.
enum ClassifyText {
    static func render(_ r: ClassificationResult) -> String {
        var lines: [String] = []
        for (i, c) in r.candidates.enumerated() {
            lines.append("\(i + 1). \(c.code)  \(c.title)\(c.titleEN.map { " (\($0))" } ?? "")  score \(String(format: "%.2f", c.score))")
            if !c.matched.isEmpty { lines.append("     matched: \(c.matched.joined(separator: ", "))") }
        }
        if r.review {
            var note = "review: true (the best candidate is weak or the top two are close)"
            if let g = r.group { note += "; shared \(g.level) group: \(g.code) \(g.title)" }
            lines.append(note)
        }
        return lines.joined(separator: "\n")
    }
}
