import Foundation
import Occupations
import RencaiCore

/// `classify --input`: streams a CSV, writes the input columns plus the best code (CSV) or one JSON object
/// per row, reports bad rows on stderr by line and goes on; shows progress on a terminal.
struct BatchClassification {
    let classifier: OccupationClassifier
    let top: Int
    let json: Bool
    let quiet: Bool
    /// With --province: the catalogue lookup and the province, for a `catalogue` column (or JSON field).
    var catalogue: (lookup: OccupationCatalogueLookup, province: String, edition: String)? = nil

    func run(input: URL, column: String, output: URL?) throws {
        let stream = try CSVRecordStream(url: input)
        guard let headerRecord = try stream.next() else { throw InputError("\(input.path): the file is empty", status: .dataError) }
        guard case .success(let header) = headerRecord.cells else {
            throw InputError("\(input.path):\(headerRecord.line): the header row cannot be read: save the file as UTF-8 CSV", status: .dataError)
        }
        let wanted = TextNormalizer.headerKey(column)
        guard let col = header.firstIndex(where: { TextNormalizer.headerKey($0) == wanted }) else {
            throw InputError("\(input.path):\(headerRecord.line): no column named '\(column)'; the columns are: \(header.joined(separator: ", "))", status: .dataError)
        }

        // With --output, the file appears only when complete (no partial output); else stdout.
        let file = try output.map { try AtomicFile.Stream(url: $0) }
        func write(_ data: Data) throws {
            if let file { try file.write(data) } else { FileHandle.standardOutput.write(data) }
        }
        var buffer = ""
        func emit(_ s: String) throws {
            buffer += s
            if buffer.utf8.count > 1 << 16 { try write(Data(buffer.utf8)); buffer = "" }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if !json {
            try emit((header + ["occupation_code", "occupation_title", "score", "review", "matched", "alternatives"] + (catalogue == nil ? [] : ["catalogue"]))
                .map(CSVReader.escape).joined(separator: ",") + "\n")
        }
        let scratch = classifier.makeScratch()
        let progress = ProgressIndicator(label: "classified rows", enabled: !quiet && isatty(STDERR_FILENO) != 0)
        var rows = 0, bad = 0
        do {
            while let record = try stream.next() {
                rows += 1
                progress.update(rows)
                let cells: [String]
                switch record.cells {
                case .failure(let e): bad += 1; Output.note("rencai: \(e.message)"); continue
                case .success(let c): cells = c
                }
                let text = col < cells.count ? cells[col] : ""
                guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    bad += 1
                    Output.note("rencai: \(input.path):\(record.line): the '\(column)' cell is empty; row skipped")
                    continue
                }
                let r = classifier.classify(text, top: top, scratch: scratch)
                var membership: String?
                if let catalogue, let first = r.candidates.first, let code = OccupationCode(first.code) {
                    membership = try catalogue.lookup.membership(of: code, edition: catalogue.edition, province: catalogue.province).summary
                }
                if json {
                    try emit(String(decoding: try encoder.encode(ClassifyCommand.JSONResult(result: r, catalogue: membership)), as: UTF8.self) + "\n")
                } else {
                    let best = r.candidates.first
                    let extra = [best?.code ?? "", best?.title ?? "", best.map { String(format: "%.2f", $0.score) } ?? "",
                                 r.review ? "true" : "false", best?.matched.joined(separator: "; ") ?? "",
                                 r.candidates.dropFirst().map(\.code).joined(separator: "; ")] + (catalogue == nil ? [] : [membership ?? ""])
                    try emit((cells + extra).map(CSVReader.escape).joined(separator: ",") + "\n")
                }
            }
            try write(Data(buffer.utf8))
            try file?.commit()
        } catch {
            file?.abort()
            throw error
        }
        progress.finish()
        if !quiet { Output.note("classified \(rows - bad) of \(rows) rows\(output.map { " into \($0.path)" } ?? "")\(bad > 0 ? "; \(bad) rows could not be classified (see above)" : "")") }
        if bad > 0 { throw BatchRowsFailed(count: bad) }
    }
}

/// Some rows were bad: exit 65 after the whole file was processed.
struct BatchRowsFailed: UserFacingError {
    let count: Int
    var message: String { "\(count) rows could not be classified; fix the rows reported above and run again" }
    var exitStatus: ExitStatus { .dataError }
}
