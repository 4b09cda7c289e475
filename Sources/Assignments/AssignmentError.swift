import RencaiCore

/// What can be wrong with a plan's input, each with what to do next.
public enum AssignmentError: UserFacingError, Equatable {
    case unknownCity(String, suggestions: [String], location: String?)
    case unknownProvince(String, suggestions: [String], location: String?)
    case cityNotInProvince(city: String, province: String, actual: String, location: String?)
    case endBeforeStart(city: String, start: Day, end: Day, location: String?)
    case hireNotInRegistry(String)
    case noLegs(location: String?)
    case badField(field: String, value: String, expected: String, location: String?)
    case missingField(field: String, location: String?)
    case badLegFlag(String)

    public var message: String {
        func at(_ location: String?) -> String { location.map { "\($0): " } ?? "" }
        func didYouMean(_ s: [String]) -> String { s.isEmpty ? "" : " (did you mean \(s.joined(separator: ", "))?)" }
        switch self {
        case let .unknownCity(name, suggestions, location):
            return "\(at(location))unknown city '\(name)'\(didYouMean(suggestions)): use a city of Templates/rules/regions.yaml, or add it there"
        case let .unknownProvince(name, suggestions, location):
            return "\(at(location))unknown province '\(name)'\(didYouMean(suggestions)): use a province of Templates/rules/regions.yaml"
        case let .cityNotInProvince(city, province, actual, location):
            return "\(at(location))city '\(city)' is in \(actual), not in \(province): fix the province or leave it out"
        case let .endBeforeStart(city, start, end, location):
            return "\(at(location))the \(city) leg ends (\(end)) before it starts (\(start)): swap or fix the dates"
        case let .hireNotInRegistry(id):
            return "no hire with employee id '\(id)' in the registry: see `rencai hires list`, or describe the hire inline in the plan file"
        case let .noLegs(location):
            return "\(at(location))the plan has no legs: add at least one (city, start, end)"
        case let .badField(field, value, expected, location):
            return "\(at(location))\(field): '\(value)' is not \(expected)"
        case let .missingField(field, location):
            return "\(at(location))\(field) is missing: add it"
        case let .badLegFlag(text):
            return "--leg \(text): write it as City:YYYY-MM-DD:YYYY-MM-DD (optionally :purpose), e.g. Shenzhen:2027-03-01:2027-05-31"
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .hireNotInRegistry: return .noInput
        case .badLegFlag: return .usage
        default: return .dataError
        }
    }
}
