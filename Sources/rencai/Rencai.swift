import ArgumentParser
import Foundation
import RencaiCore

/// The `rencai` command. Each group lives in its own file under `Commands/`.
@main
struct Rencai: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "rencai",
        abstract: "Occupation codes, A/B/C assessments, evidence dossiers, portal watching and assignment plans for foreign professionals in China.",
        discussion: "Exit codes: 0 ok, 1 not ready, 64 usage, 65 bad data, 66 no input, 69 unavailable, 70 internal, 73 cannot create, 74 I/O, 75 try again, 77 permission, 78 configuration.",
        version: version,
        subcommands: [
            HiresCommand.self, OccupationsCommand.self, ClassifyCommand.self, AssessCommand.self,
            DossierCommand.self, WatchCommand.self, AlertsCommand.self, PlanCommand.self, DemoCommand.self,
        ]
    )

    /// Runs the command and turns every error into one line and a documented exit code.
    static func main() async {
        AllocatorTuning.apply()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as UserFacingError {
            FileHandle.standardError.write(Data("rencai: \(error.message)\n".utf8))
            Foundation.exit(error.exitStatus.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}
