import Foundation
import Yams

/// A rules or data file that cannot be used: names the file, the field path and what to fix.
public struct RulesFileError: UserFacingError {
    public let file: String
    public let problem: String
    public let exitStatus: ExitStatus

    public init(file: String, problem: String, exitStatus: ExitStatus = .config) {
        self.file = file
        self.problem = problem
        self.exitStatus = exitStatus
    }

    public var message: String { "\(file): \(problem)" }
}

/// Reads rules files (YAML, or JSON which YAML accepts) into Codable values with one-line errors, so that
/// every module's rules, tables and deadlines fail the same way: `file: not a valid <what> file: field 'x': …`.
///
/// ```swift
/// let table = try RulesFile.decode(PointsTable.self, from: url, what: "points table")
/// ```
public enum RulesFile {
    /// The file's text; an unreadable file is exit 66 naming the path.
    public static func read(_ url: URL, what: String) throws -> String {
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw RulesFileError(file: url.path, problem: "cannot read the \(what) file (does it exist? is it UTF-8?)", exitStatus: .noInput)
        }
    }

    public static func decode<T: Decodable>(_ type: T.Type, from url: URL, what: String) throws -> T {
        try decode(type, text: try read(url, what: what), file: url.path, what: what)
    }

    public static func decode<T: Decodable>(_ type: T.Type, text: String, file: String, what: String) throws -> T {
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as RulesFileError {
            throw error
        } catch {
            throw RulesFileError(file: file, problem: "not a valid \(what) file: \(describe(error))")
        }
    }

    /// A decoding (or YAML) error as one line that names the field.
    public static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "missing field '\(key.stringValue)'\(at.isEmpty ? "" : " in \(at)")"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let at = path(context.codingPath)
            return "\(at.isEmpty ? "document" : "field '\(at)'"): \(context.debugDescription)"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}
