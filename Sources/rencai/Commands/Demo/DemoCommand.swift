import ArgumentParser
import Foundation
import RencaiCore
import Store

/// `rencai demo`: walks the whole flow on the bundled sample data, in a temporary store.
///
/// Each feature adds its step here as it lands.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole flow on the bundled sample data in a temporary store."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Keep the temporary folder (store and outputs) and print its path.")
    var keep = false

    func run() async throws {
        global.bootstrapLogging()
        let resources = try global.resources()
        guard let fixtures = resources.fixtures else {
            throw InputError("the sample data (Fixtures/) was not found next to \(resources.root.path)", status: .noInput)
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(at: work) } }
        let store = try RencaiStore.open(at: work.appendingPathComponent("rencai.sqlite"))
        defer { try? store.close() }
        let context = DemoContext(resources: resources, fixtures: fixtures, work: work, store: store)

        for step in DemoSteps.all {
            print("\n== \(step.title)")
            try await step.run(context)
        }
        if keep { print("\nkept the demo folder: \(work.path)") }
    }
}

/// What every demo step can use.
struct DemoContext: Sendable {
    let resources: ResourceLocator
    let fixtures: URL
    let work: URL
    let store: RencaiStore
}

/// One step of the demo.
struct DemoStep: Sendable {
    let title: String
    let run: @Sendable (DemoContext) async throws -> Void
}
