import Foundation
import RencaiCore
import Yams

/// Small helpers to read YAML mappings field by field, so that every error names the file, the
/// line and the field, and says what to write instead.
struct YAMLFields {
    let file: String
    let mapping: Node.Mapping
    let line: Int

    init(file: String, node: Node, what: String) throws {
        guard let mapping = node.mapping else {
            throw InputError("\(file) line \(node.mark?.line ?? 0): \(what) must be a mapping of fields")
        }
        self.file = file
        self.mapping = mapping
        self.line = node.mark?.line ?? 0
    }

    static func root(_ text: String, file: String) throws -> Node? {
        do { return try Yams.compose(yaml: text) }
        catch { throw InputError("\(file): not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")") }
    }

    func node(_ key: String) -> Node? {
        guard let value = mapping[key] else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain, ["", "~", "null"].contains(scalar.string) { return nil }
        return value
    }

    func lineOf(_ key: String) -> Int { mapping[key]?.mark?.line ?? line }

    func string(_ key: String) -> String? {
        node(key)?.scalar?.string.trimmingCharacters(in: .whitespaces)
    }

    func requiredString(_ key: String, hint: String) throws -> String {
        guard let value = string(key), !value.isEmpty else {
            throw InputError("\(file) line \(line): field '\(key)' is missing: \(hint)")
        }
        return value
    }

    func day(_ key: String) throws -> Day? {
        guard let text = string(key) else { return nil }
        do { return try Day(parsing: text) }
        catch { throw InputError("\(file) line \(lineOf(key)): \(key): '\(text)' is not a date; write YYYY-MM-DD") }
    }

    func int(_ key: String) throws -> Int? {
        guard let text = string(key) else { return nil }
        guard let value = Int(text) else { throw InputError("\(file) line \(lineOf(key)): \(key): '\(text)' is not a whole number") }
        return value
    }

    func bool(_ key: String) throws -> Bool? {
        guard let text = string(key)?.lowercased() else { return nil }
        switch text {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw InputError("\(file) line \(lineOf(key)): \(key): '\(text)' is not true or false")
        }
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws -> E? where E.RawValue == String {
        guard let text = string(key) else { return nil }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: " | ")
            throw InputError("\(file) line \(lineOf(key)): \(key): '\(text)' is not one of \(allowed)")
        }
        return value
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = node(key) else { return nil }
        if let scalar = value.scalar { return [scalar.string] }
        guard let sequence = value.sequence else {
            throw InputError("\(file) line \(lineOf(key)): \(key) must be a list")
        }
        return sequence.compactMap { $0.scalar?.string }
    }

    func unknownKeys(allowed: Set<String>) throws {
        for (key, _) in mapping {
            guard let name = key.scalar?.string else { continue }
            if !allowed.contains(name) {
                throw InputError("\(file) line \(key.mark?.line ?? line): unknown field '\(name)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }
}
