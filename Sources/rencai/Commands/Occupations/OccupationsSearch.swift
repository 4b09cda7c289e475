import ArgumentParser
import Foundation
import Occupations
import RencaiCore

/// `rencai occupations search TEXT`.
struct OccupationsSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Find codes whose title, English title, keywords or aliases contain the text.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: ClassificationOptions

    @Argument(help: "The text (Chinese or English) or a code.")
    var text: [String]

    @Option(help: "At most this many results.")
    var limit = 20

    struct Hit: Encodable { let code: String; let title: String; let titleEN: String?; let level: String }

    func run() async throws {
        global.bootstrapLogging()
        let query = text.joined(separator: " ")
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { throw InputError("give a text to search for", status: .usage) }
        let store = try? global.openStore()
        defer { try? store?.close() }
        let src = try ClassificationSource.resolve(global: global, options: source, store: store)
        let hits = src.classification.search(query, limit: limit).map {
            Hit(code: $0.code.text, title: $0.displayTitle, titleEN: $0.titleEN, level: $0.level.rawValue)
        }
        if global.json { try Output.json(hits); return }
        if hits.isEmpty { print("no title, keyword or alias contains '\(query)'; try `rencai classify \(query)`"); return }
        print(Output.table(["code", "title", "english", "level"], hits.map { [$0.code, $0.title, $0.titleEN ?? "", $0.level] }))
    }
}
