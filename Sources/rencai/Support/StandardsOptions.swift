import ArgumentParser
import Foundation
import RencaiCore
import Standards

/// The rules options `assess` and `dossier` share, so that a dossier is checked against the same
/// category the assessment gives with the same user files.
struct StandardsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A points table replacing the default 2017 interim one; `2016-pilot` and `2017-interim` name the bundled editions.", valueName: "file"))
    var standard: String?

    @Option(help: ArgumentHelp("A routes file replacing Templates/rules/routes-2017.yaml.", valueName: "file"))
    var routes: String?

    @Option(help: ArgumentHelp("An average-wage file extending the bundled table (a row for the same city and effective_from replaces it).", valueName: "file"))
    var wages: String?

    @Option(name: .customLong("local-rules"), help: ArgumentHelp("Local (provincial/city) rules, e.g. a higher B age cap.", valueName: "file"))
    var localRules: String?

    /// The bundled rules with the user's replacements and extensions applied.
    func rules(_ resources: ResourceLocator) throws -> StandardsRules {
        let standardURL: URL? = standard.map { value in
            switch value {
            case "2016-pilot", "pilot": return StandardsRules.pilotTable(resources)
            case "2017-interim", "interim": return resources.url("rules/points-2017-interim.yaml")
            default: return URL(fileURLWithPath: value)
            }
        }
        return try StandardsRules.bundled(resources, standard: standardURL, routes: routes.map(URL.init(fileURLWithPath:)),
                                          wages: wages.map(URL.init(fileURLWithPath:)),
                                          localRules: localRules.map(URL.init(fileURLWithPath:)))
    }
}
