import ArgumentParser
import Dossier
import Foundation
import RencaiCore

/// `rencai dossier verify BAG`: validate any BagIt bag, folder or zip.
struct DossierVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Validate a BagIt bag (folder or .zip) per RFC 8493: complete, every checksum matching.",
        discussion: "Lists every problem with the file it concerns. Exit 0 when valid (warnings are printed), 1 when invalid."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The bag: its top folder or a .zip of it.", valueName: "bag"))
    var bag: String

    func run() async throws {
        global.bootstrapLogging()
        let url = URL(fileURLWithPath: bag)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw InputError("\(bag): no such bag (give its folder or .zip)", status: .noInput)
        }
        let report = isDirectory.boolValue ? try BagValidator().validate(url) : try BagZip.validate(url)
        if global.json {
            try Output.json(VerifyJSON(bag: bag, valid: report.isValid, report: report))
        } else {
            for problem in report.problems { print("error: \(problem)") }
            for warning in report.warnings { print("warning: \(warning)") }
            let size = ByteCountFormatter.string(fromByteCount: report.payloadBytes, countStyle: .binary)
            if report.isValid {
                print("\(bag): valid BagIt \(report.version ?? "?") bag, \(report.payloadFiles) payload files (\(size)), \(report.algorithms.joined(separator: "+"))"
                      + (report.warnings.isEmpty ? "" : ", \(report.warnings.count) warning(s)"))
            } else {
                print("\(bag): INVALID, \(report.problems.count) problem(s)")
            }
        }
        if !report.isValid { throw ExitCode(ExitStatus.notReady.rawValue) }
    }
}

private struct VerifyJSON: Encodable {
    let bag: String
    let valid: Bool
    let report: BagValidationReport
}
