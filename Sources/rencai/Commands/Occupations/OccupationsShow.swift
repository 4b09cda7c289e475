import ArgumentParser
import Foundation
import Occupations
import RencaiCore

/// `rencai occupations show CODE`.
struct OccupationsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one code: titles, markers, its groups and its children.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: ClassificationOptions

    @Argument(help: ArgumentHelp("The code: 2-02-10-03, 2-02-10, full-width digits or the 5-digit form 20210.", valueName: "code"))
    var code: String

    struct Shown: Encodable {
        let code: String, level: String, title: String, titleEN: String?, markers: [String]
        let groups: [String], children: [String], keywords: [String], aliasCount: Int, source: String
    }

    func run() async throws {
        global.bootstrapLogging()
        let parsed = try OccupationCode(parsing: code)
        let store = try? global.openStore()
        defer { try? store?.close() }
        let src = try ClassificationSource.resolve(global: global, options: source, store: store)
        guard let entry = src.classification[parsed] else {
            throw InputError("code \(parsed) is not in the classification (\(src.origin)): try `rencai occupations search` or `rencai occupations tree \(parsed.parent?.text ?? "")`", status: .dataError)
        }
        let groups = src.classification.ancestors(of: entry.code).map { "\($0.code.text) \($0.displayTitle)" }
        let children = src.classification.children(of: entry.code).map { "\($0.code.text) \($0.displayTitle)" }
        let shown = Shown(code: entry.code.paddedText, level: entry.level.rawValue, title: entry.titleZH, titleEN: entry.titleEN,
                          markers: entry.markers.map(\.rawValue).sorted(), groups: groups, children: children,
                          keywords: entry.keywords, aliasCount: entry.aliases.count, source: src.origin)
        if global.json { try Output.json(shown); return }
        print("\(shown.code)  \(entry.displayTitle)\(entry.titleEN.map { "  (\($0))" } ?? "")")
        print("level: \(shown.level)\(entry.markers.isEmpty ? "" : "; markers: " + entry.markers.map { $0 == .digital ? "S digital" : "L green" }.sorted().joined(separator: ", "))")
        for g in groups { print("in: \(g)") }
        if !children.isEmpty { print("children (\(children.count)):"); for c in children { print("  \(c)") } }
        if !entry.keywords.isEmpty { print("keywords: \(entry.keywords.joined(separator: ", "))") }
        if !entry.aliases.isEmpty { print("aliases: \(entry.aliases.count) in the classification file") }
        print("source: \(src.origin); code and Chinese title per the classification\(entry.titleEN != nil || !entry.keywords.isEmpty ? "; English title and keywords are rencai's own wording [U], not an official translation" : "")")
    }
}
