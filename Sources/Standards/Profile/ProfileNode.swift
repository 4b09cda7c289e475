import Foundation
import Yams

/// A parsed YAML or JSON document, kept untyped so that the profile reader can check every field itself,
/// name it in errors, and tell "absent" from "null".
///
/// YAML gives line numbers; JSON does not (the field path is named instead).
indirect enum ProfileNode: Sendable {
    /// An explicit `null`, `~` or empty value.
    case null(line: Int?)
    /// A scalar, with whether it was quoted (a quoted `"12"` is text, never a number).
    case scalar(text: String, quoted: Bool, line: Int?)
    case list([ProfileNode], line: Int?)
    case map([(key: String, value: ProfileNode)], line: Int?)

    var line: Int? {
        switch self {
        case .null(let line), .scalar(_, _, let line), .list(_, let line), .map(_, let line): return line
        }
    }

    var isNull: Bool { if case .null = self { return true } else { return false } }

    /// A short name of the node's kind for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .scalar(let text, _, _): return "'\(text)'"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }
}

/// Why a document could not be read as YAML or JSON at all.
struct DocumentSyntaxError: Error, Sendable {
    let detail: String
    let line: Int?
}

extension ProfileNode {
    /// Parses YAML text (JSON is accepted by the YAML reader too, but `.json` files go through ``parseJSON``).
    static func parseYAML(_ text: String) throws -> ProfileNode? {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw DocumentSyntaxError(detail: ProfileNode.describe(error), line: nil)
        } catch {
            throw DocumentSyntaxError(detail: "\(error)", line: nil)
        }
        guard let root else { return nil }
        return try convert(root)
    }

    private static func describe(_ error: YamlError) -> String {
        // Yams' descriptions span several lines with a snippet; keep the first line only.
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "invalid YAML"
    }

    private static func convert(_ node: Node) throws -> ProfileNode {
        let line = node.mark?.line
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            let plainNulls: Set<String> = ["", "~", "null", "Null", "NULL"]
            if !quoted && scalar.style != .literal && scalar.style != .folded && plainNulls.contains(scalar.string) {
                return .null(line: line)
            }
            return .scalar(text: scalar.string, quoted: quoted || scalar.style == .literal || scalar.style == .folded, line: line)
        case .sequence(let sequence):
            return .list(try sequence.map(convert), line: line)
        case .mapping(let mapping):
            var pairs: [(key: String, value: ProfileNode)] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw DocumentSyntaxError(detail: "a mapping key must be plain text", line: key.mark?.line)
                }
                if pairs.contains(where: { $0.key == keyScalar.string }) {
                    throw DocumentSyntaxError(detail: "field '\(keyScalar.string)' appears twice", line: key.mark?.line)
                }
                pairs.append((keyScalar.string, try convert(value)))
            }
            return .map(pairs, line: line)
        case .alias:
            throw DocumentSyntaxError(detail: "YAML aliases (*name) are not supported in a profile", line: line)
        }
    }

    /// Parses JSON text.
    static func parseJSON(_ data: Data) throws -> ProfileNode {
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw DocumentSyntaxError(detail: "invalid JSON: \(ProfileNode.jsonDetail(error))", line: nil)
        }
        return value.node
    }

    private static func jsonDetail(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }
}

/// JSON decoded without losing the distinction between text, numbers, booleans and null.
private indirect enum JSONValue: Decodable {
    case null, bool(Bool), number(String), string(String), array([JSONValue]), object([(String, JSONValue)])

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: Key.self) {
            self = .object(try keyed.allKeys.map { ($0.stringValue, try keyed.decode(JSONValue.self, forKey: $0)) })
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let value = try? single.decode(Bool.self) { self = .bool(value) }
        else if let value = try? single.decode(Double.self) {
            self = .number(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value))
        }
        else { self = .string(try single.decode(String.self)) }
    }

    var node: ProfileNode {
        switch self {
        case .null: return .null(line: nil)
        case .bool(let value): return .scalar(text: value ? "true" : "false", quoted: false, line: nil)
        case .number(let text): return .scalar(text: text, quoted: false, line: nil)
        case .string(let text): return .scalar(text: text, quoted: true, line: nil)
        case .array(let items): return .list(items.map(\.node), line: nil)
        case .object(let pairs): return .map(pairs.map { (key: $0.0, value: $0.1.node) }, line: nil)
        }
    }
}
