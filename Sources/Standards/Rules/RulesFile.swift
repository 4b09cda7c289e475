import Foundation
import RencaiCore
import Yams

/// A rules data file that cannot be used: names the file, the field path and what to fix.
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

/// Reads rules files (YAML, or JSON which YAML accepts) into Codable values with one-line errors.
enum RulesFile {
    static func decode<T: Decodable>(_ type: T.Type, from url: URL, what: String) throws -> T {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw RulesFileError(file: url.path, problem: "cannot read the \(what) file (does it exist? is it UTF-8?)", exitStatus: .noInput)
        }
        return try decode(type, text: text, file: url.path, what: what)
    }

    static func decode<T: Decodable>(_ type: T.Type, text: String, file: String, what: String) throws -> T {
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as DecodingError {
            throw RulesFileError(file: file, problem: "not a valid \(what) file: \(describe(error))")
        } catch let error as RulesFileError {
            throw error
        } catch {
            let first = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
            throw RulesFileError(file: file, problem: "not a valid \(what) file: \(first)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "missing field '\(key.stringValue)'\(at.isEmpty ? "" : " in \(at)")"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let at = path(context.codingPath)
            return "\(at.isEmpty ? "document" : "field '\(at)'"): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
