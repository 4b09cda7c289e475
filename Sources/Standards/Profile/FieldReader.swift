import Foundation
import RencaiCore

/// Reads the fields of one mapping of a profile strictly: every key must be known, every value of the
/// right type and range; errors name the dotted field path and the line.
struct FieldReader {
    let file: String?
    let path: String
    private let pairs: [(key: String, value: ProfileNode)]
    let line: Int?

    /// Wraps a mapping node; throws when the node is something else.
    init(_ node: ProfileNode, path: String, file: String?, allowed: Set<String>) throws {
        self.file = file
        self.path = path
        self.line = node.line
        guard case .map(let pairs, _) = node else {
            throw ProfileError(file: file, field: path.isEmpty ? nil : path, line: node.line,
                               problem: path.isEmpty ? "not a profile: expected a mapping of fields such as 'education: master', found \(node.kindName)"
                                                     : "expected a mapping of fields, found \(node.kindName)")
        }
        for (key, value) in pairs where !allowed.contains(key) {
            throw ProfileError(file: file, field: FieldReader.join(path, key), line: value.line ?? node.line,
                               problem: "unknown field; known fields here: \(allowed.sorted().joined(separator: ", "))")
        }
        self.pairs = pairs
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func field(_ key: String) -> String { FieldReader.join(path, key) }

    /// The node of a key; nil when absent.
    func node(_ key: String) -> ProfileNode? { pairs.first { $0.key == key }?.value }

    /// True when the key is present, even as null.
    func has(_ key: String) -> Bool { node(key) != nil }

    func fail(_ key: String, _ problem: String, node: ProfileNode? = nil) -> ProfileError {
        ProfileError(file: file, field: field(key), line: node?.line ?? self.node(key)?.line ?? line, problem: problem)
    }

    /// A plain scalar's text, or nil when absent or null. Lists and mappings are errors.
    func text(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        switch node {
        case .null: return nil
        case .scalar(let text, _, _): return text
        default: throw fail(key, "expected a single value, found \(node.kindName)")
        }
    }

    func string(_ key: String) throws -> String? {
        guard let text = try text(key) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let text, let quoted, _) = node, !quoted else {
            if node.isNull { return nil }
            throw fail(key, "expected true or false, found \(node.kindName)")
        }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw fail(key, "expected true or false, found '\(text)'")
        }
    }

    /// A number in `range`; `integral` rejects fractions. Quoted numbers are accepted (spreadsheets export them).
    func number(_ key: String, in range: ClosedRange<Double>, integral: Bool = false, unit: String = "") throws -> Double? {
        guard let text = try text(key) else { return nil }
        let cleaned = TextNormalizer.halfWidth(text).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
            .trimmingCharacters(in: .whitespaces)
        guard let value = Double(cleaned), value.isFinite else {
            throw fail(key, "expected a number, found '\(text)'")
        }
        if integral && value != value.rounded() {
            throw fail(key, "expected a whole number, found \(text)")
        }
        let unitText = unit.isEmpty ? "" : " \(unit)"
        if value < 0 { throw fail(key, "must not be negative (found \(text))") }
        guard range.contains(value) else {
            throw fail(key, "\(text) is out of range: expected \(FieldReader.format(range.lowerBound))…\(FieldReader.format(range.upperBound))\(unitText)")
        }
        return value
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        try number(key, in: Double(range.lowerBound)...Double(range.upperBound), integral: true).map { Int($0) }
    }

    func day(_ key: String, in range: ClosedRange<Day>, rangeMeaning: String) throws -> Day? {
        guard let text = try text(key) else { return nil }
        let day: Day
        do { day = try Day(parsing: text) } catch {
            throw fail(key, "'\(text)' is not a real date: write it as YYYY-MM-DD")
        }
        guard range.contains(day) else { throw fail(key, "\(day) is impossible: \(rangeMeaning)") }
        return day
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type) throws -> E? where E.RawValue == String {
        guard let text = try text(key) else { return nil }
        let normalized = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
            .replacingOccurrences(of: " ", with: "_")
        guard let value = E(rawValue: normalized) else {
            throw fail(key, "unknown value '\(text)'; use one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    func strings(_ key: String) throws -> [String]? {
        guard let node = node(key) else { return nil }
        switch node {
        case .null: return nil
        case .list(let items, _):
            return try items.map { item in
                guard case .scalar(let text, _, _) = item else { throw fail(key, "expected a list of names, found \(item.kindName)", node: item) }
                return text.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        case .scalar: throw fail(key, "expected a list, e.g. [\"Turing Award\"], found \(node.kindName)")
        case .map: throw fail(key, "expected a list, found a mapping")
        }
    }

    /// A nested mapping's reader; nil when absent or null.
    func child(_ key: String, allowed: Set<String>) throws -> FieldReader? {
        guard let node = node(key), !node.isNull else { return nil }
        return try FieldReader(node, path: field(key), file: file, allowed: allowed)
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
