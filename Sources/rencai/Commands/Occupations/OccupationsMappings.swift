import ArgumentParser
import Foundation
import Occupations
import RencaiCore

/// `rencai occupations mappings list|export|import`: the company's confirmed text → code decisions.
struct OccupationsMappings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mappings",
        abstract: "List, export or import confirmed mappings (text → code); record one with `rencai classify --confirm CODE TEXT`.",
        subcommands: [List.self, Export.self, Import.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the confirmed mappings.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The classification edition.") var edition = OccupationCode.defaultEdition

        func run() async throws {
            global.bootstrapLogging()
            let store = try global.openStore()
            defer { try? store.close() }
            let all = try OccupationStore(store: store).mappings(edition: edition)
            if global.json { try Output.json(all); return }
            if all.isEmpty { print("no confirmed mappings yet: record one with `rencai classify --confirm CODE TEXT`"); return }
            print(Output.table(["code", "text", "note"], all.map { [$0.code.text, $0.text, $0.note ?? ""] }))
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the confirmed mappings as CSV (text,code,note).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The classification edition.") var edition = OccupationCode.defaultEdition
        @Argument(help: ArgumentHelp("The CSV file to write (stdout without one).", valueName: "file")) var file: String?

        func run() async throws {
            global.bootstrapLogging()
            let store = try global.openStore()
            defer { try? store.close() }
            let all = try OccupationStore(store: store).mappings(edition: edition)
            var csv = "text,code,note\n"
            for m in all { csv += [m.text, m.code.text, m.note ?? ""].map(CSVReader.escape).joined(separator: ",") + "\n" }
            if let file {
                try AtomicFile.write(Data(csv.utf8), to: URL(fileURLWithPath: file))
                print("exported \(all.count) confirmed mappings to \(file)")
            } else {
                FileHandle.standardOutput.write(Data(csv.utf8))
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Read confirmed mappings from a CSV (text,code[,note]); all rows or none.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The classification edition.") var edition = OccupationCode.defaultEdition
        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file")) var file: String

        func run() async throws {
            global.bootstrapLogging()
            let table = try Table.read(contentsOf: URL(fileURLWithPath: file))
            let keys = table.header.map(TextNormalizer.headerKey)
            guard let textCol = keys.firstIndex(where: { ["text", "title", "jobtitle", "jobname", "职位"].contains($0) }),
                  let codeCol = keys.firstIndex(where: { ["code", "occupationcode", "职业代码"].contains($0) }) else {
                throw InputError("\(file):\(table.headerLine): needs 'text' and 'code' columns", status: .dataError)
            }
            let noteCol = keys.firstIndex(of: "note")
            var mappings: [ConfirmedMapping] = []
            for row in table.rows {
                let text = TextNormalizer.cell(row[textCol])
                guard !text.isEmpty else { throw InputError("\(file):\(row.line): empty text: give the job title or remove the row") }
                guard let code = OccupationCode(row[codeCol]) else {
                    throw InputError("\(file):\(row.line): code '\(row[codeCol])' is not an occupation code (D-DD-DD-DD): nothing was imported")
                }
                mappings.append(ConfirmedMapping(text: text, code: code, note: noteCol.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 }))
            }
            let store = try global.openStore()
            defer { try? store.close() }
            let r = try OccupationStore(store: store).importMappings(mappings, edition: edition)
            print("imported \(r.added + r.replaced) confirmed mappings from \(file) (\(r.added) new, \(r.replaced) replaced)")
        }
    }
}
