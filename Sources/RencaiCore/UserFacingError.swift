/// The exit codes of the `rencai` command, sysexits-style. The README documents this table.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Success.
    case ok = 0
    /// The command ran, and its answer is "not ready" or "findings" (for example `dossier check`).
    case notReady = 1
    /// The command line was wrong.
    case usage = 64
    /// Input data was malformed: a bad CSV row, an unknown enum value, an impossible date.
    case dataError = 65
    /// An input file does not exist or cannot be read.
    case noInput = 66
    /// The feature is not built yet, or a needed external tool is missing.
    case unavailable = 69
    /// An internal error: a bug in rencai. Please report it.
    case software = 70
    /// An output file could not be created.
    case cantCreate = 73
    /// A read or write failed part-way.
    case ioError = 74
    /// A temporary failure: the store is locked, the network is down. Try again later.
    case tempFailure = 75
    /// Permission denied.
    case noPermission = 77
    /// The configuration file is wrong.
    case config = 78
}

/// An error that the CLI can show as one line and map to an exit code.
///
/// Every module's error enum conforms, so that a message always says what was wrong and where
/// (file, line, column or field) and what the user can do next.
public protocol UserFacingError: Error, CustomStringConvertible, Sendable {
    /// One line: what went wrong, where, and what to do next.
    var message: String { get }
    /// The exit code the CLI should return.
    var exitStatus: ExitStatus { get }
}

extension UserFacingError {
    public var description: String { message }
}

/// A general-purpose error for input problems that do not need their own enum.
public struct InputError: UserFacingError {
    public let message: String
    public let exitStatus: ExitStatus

    public init(_ message: String, status: ExitStatus = .dataError) {
        self.message = message
        self.exitStatus = status
    }
}
