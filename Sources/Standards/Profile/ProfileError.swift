import RencaiCore

/// A candidate profile that cannot be read: the file, the field (as a dotted path), the line when known,
/// what was wrong and what to write instead.
///
/// ```
/// profiles/jane.yaml:7: field 'education': unknown value 'phd'; use one of doctorate, master, bachelor, none
/// ```
public struct ProfileError: UserFacingError, Equatable {
    /// The file, when the profile came from one.
    public var file: String?
    /// The dotted field path, e.g. `job.annual_salary_cny`; nil for whole-document problems.
    public var field: String?
    /// The 1-based line in a YAML file, when known.
    public var line: Int?
    /// What was wrong and what to do.
    public var problem: String
    public var exitStatus: ExitStatus

    public init(file: String? = nil, field: String? = nil, line: Int? = nil, problem: String, exitStatus: ExitStatus = .dataError) {
        self.file = file
        self.field = field
        self.line = line
        self.problem = problem
        self.exitStatus = exitStatus
    }

    public var message: String {
        var where_ = file ?? "profile"
        if let line { where_ += ":\(line)" }
        if let field { return "\(where_): field '\(field)': \(problem)" }
        return "\(where_): \(problem)"
    }
}
