import ArgumentParser
import Dossier
import Foundation
import RencaiCore

/// `rencai dossier init DIR`: draft evidence.yaml from the files in a folder.
struct DossierInit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Draft DIR/evidence.yaml from the file names (English and Chinese) and PDF metadata, leaving TODOs for the rest.",
        discussion: "Refuses to replace an existing evidence.yaml unless --force. --print writes the draft to stdout instead."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The evidence folder.", valueName: "dir"))
    var dir: String

    @Flag(help: "Replace an existing evidence.yaml.")
    var force = false

    @Flag(name: .customLong("print"), help: "Print the draft instead of writing it.")
    var printOnly = false

    func run() async throws {
        global.bootstrapLogging()
        let folder = URL(fileURLWithPath: dir, isDirectory: true)
        let draft = try EvidenceDraft.draft(folder: folder)
        if printOnly { print(draft.yaml, terminator: ""); return }
        let target = folder.appendingPathComponent(EvidenceManifest.fileName)
        if FileManager.default.fileExists(atPath: target.path) && !force {
            throw InputError("\(target.path) already exists: edit it, or pass --force to draft a new one", status: .cantCreate)
        }
        try AtomicFile.write(draft.yaml, to: target)
        let unknown = draft.entries.filter { $0.kind == nil }.map(\.file)
        print("drafted \(target.path): \(draft.entries.count) documents" + (unknown.isEmpty ? "" : "; kind unknown for \(unknown.joined(separator: ", "))"))
        print("fill in the TODOs (dates, issuing country, authentication), then run `rencai dossier check PROFILE --evidence \(dir)`")
    }
}
