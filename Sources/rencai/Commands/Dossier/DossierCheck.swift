import ArgumentParser
import Dossier
import Foundation
import RencaiCore

/// `rencai dossier check PROFILE --evidence DIR`: what is missing, expired or unauthenticated.
struct DossierCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an evidence folder against the checklist for a candidate: one line per item with what to do next.",
        discussion: """
        Statuses: ok, missing, expired, needs_authentication, needs_translation, invalid, waived. Where an item has several \
        problems, the first of missing, invalid, expired, needs_authentication, needs_translation is shown and all are listed. \
        Exit 0 when ready, 1 when not; 65 a malformed evidence.yaml, profile or checklist; 66 a file not found.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: DossierCaseOptions

    func run() async throws {
        global.bootstrapLogging()
        let (_, report) = try options.check(resources: try global.resources())
        if global.json {
            try Output.json(DossierCheckJSON(report))
        } else {
            let c = report.case
            print("\(c.candidateName ?? c.candidateID ?? options.profile): category \(c.category)\(c.categoryForced ? " (forced)" : ""), filing date \(c.filingDate)")
            print(DossierText.lines(report))
            print(report.ready ? "READY: every required item is ok or waived" : "NOT READY: \(report.openItems.count) open item(s)")
        }
        if !report.ready { throw ExitCode(ExitStatus.notReady.rawValue) }
    }
}
