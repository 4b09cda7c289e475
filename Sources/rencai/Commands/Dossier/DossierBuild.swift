import ArgumentParser
import Dossier
import Foundation
import RencaiCore

/// `rencai dossier build PROFILE --evidence DIR --out BAG`: pack the dossier as a BagIt 1.0 bag.
struct DossierBuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Pack the evidence as a BagIt 1.0 bag: numbered exhibits, bilingual index, checklist.json, SHA-256 and SHA-512 manifests.",
        discussion: """
        Built in a temporary folder and renamed into place; refuses to overwrite unless --force. An incomplete dossier \
        still builds, marked DRAFT with its open items, unless --require-ready (then exit 1). index.pdf is added when \
        weasyprint or chromium is installed.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: DossierCaseOptions

    @Option(help: ArgumentHelp("The bag to write (a folder, or a .zip with --zip).", valueName: "bag"))
    var out: String

    @Flag(help: "Write a zip of the bag instead of a folder.")
    var zip = false

    @Flag(help: "Replace an existing bag.")
    var force = false

    @Flag(name: .customLong("require-ready"), help: "Refuse to build when an item is still open.")
    var requireReady = false

    @Flag(name: .customLong("no-pdf"), help: "Do not try to render index.pdf.")
    var noPDF = false

    @Option(help: ArgumentHelp("Source-Organization in bag-info.txt (else the config's organization:, else 'rencai user').", valueName: "name"))
    var organization: String?

    func run() async throws {
        global.bootstrapLogging()
        let resources = try global.resources()
        let (checklist, report) = try options.check(resources: resources)
        let config = try global.loadConfig()
        let builder = DossierBuilder(checklist: checklist, index: try DossierIndex(resources: resources),
                                     organization: organization ?? config.string("organization") ?? "rencai user",
                                     version: Rencai.version, makePDF: !noPDF)
        var outURL = URL(fileURLWithPath: out)
        if zip && outURL.pathExtension.lowercased() != "zip" { outURL = outURL.appendingPathExtension("zip") }
        let result = try builder.build(report: report, out: outURL, zip: zip, force: force, requireReady: requireReady)
        if global.json {
            try Output.json(BuildJSON(bag: outURL.path, ready: result.ready, exhibits: result.exhibits.map(\.path),
                                      payloadFiles: result.payloadFiles, payloadBytes: result.payloadBytes, notes: result.notes))
            return
        }
        for exhibit in result.exhibits { print("  \(exhibit.path)  ←  \(exhibit.original)  (\(exhibit.item))") }
        for note in result.notes { print(note) }
        print("\(result.ready ? "built" : "built DRAFT (\(report.openItems.count) open items)") \(outURL.path): \(result.payloadFiles) payload files, \(ByteCountFormatter.string(fromByteCount: result.payloadBytes, countStyle: .binary)); verify with `rencai dossier verify \(outURL.path)`")
    }
}

private struct BuildJSON: Encodable {
    let bag: String
    let ready: Bool
    let exhibits: [String]
    let payloadFiles: Int
    let payloadBytes: Int64
    let notes: [String]
    enum CodingKeys: String, CodingKey {
        case bag, ready, exhibits, notes
        case payloadFiles = "payload_files", payloadBytes = "payload_bytes"
    }
}
