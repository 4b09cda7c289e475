import ArgumentParser
import Foundation
import Occupations
import RencaiCore

/// `rencai occupations tree [CODE]`.
struct OccupationsTree: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tree", abstract: "Print the hierarchy under a code (the major groups without one).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: ClassificationOptions

    @Argument(help: "The group to start from.")
    var code: String?

    @Option(help: "Levels to print below the start.")
    var depth = 2

    struct Node: Encodable { let code: String; let title: String; let titleEN: String?; let children: [Node] }

    func run() async throws {
        global.bootstrapLogging()
        let start = try code.map { try OccupationCode(parsing: $0) }
        let store = try? global.openStore()
        defer { try? store?.close() }
        let cls = try ClassificationSource.resolve(global: global, options: source, store: store).classification
        if let start, cls[start] == nil {
            throw InputError("code \(start) is not in the classification: try `rencai occupations tree` for the major groups", status: .dataError)
        }
        func build(_ parent: OccupationCode?, _ level: Int) -> [Node] {
            guard level < max(1, depth) else { return [] }
            return cls.children(of: parent).map { Node(code: $0.code.text, title: $0.displayTitle, titleEN: $0.titleEN, children: build($0.code, level + 1)) }
        }
        var roots = build(start.map { cls[$0]?.code ?? $0 }, 0)
        if let start, let entry = cls[start] {
            roots = [Node(code: entry.code.text, title: entry.displayTitle, titleEN: entry.titleEN, children: roots)]
        }
        if global.json { try Output.json(roots); return }
        func emit(_ nodes: [Node], _ indent: String) {
            for n in nodes {
                print("\(indent)\(n.code)  \(n.title)\(n.titleEN.map { "  (\($0))" } ?? "")")
                emit(n.children, indent + "  ")
            }
        }
        emit(roots, "")
    }
}
