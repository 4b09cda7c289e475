import Foundation

/// One response header as received.
public struct HTTPHeader: Sendable, Hashable, Codable {
    public let name: String
    public let value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The headers of the final response (after redirects), in order, names compared case-insensitively.
///
/// ```swift
/// response.headers["content-type"]      // "text/html"
/// response.headers.values("set-cookie")  // every cookie
/// ```
public struct HTTPHeaders: Sendable, Hashable, Codable, Sequence {
    public private(set) var entries: [HTTPHeader]

    public init(_ entries: [HTTPHeader] = []) { self.entries = entries }

    /// The first value of a header, nil when absent.
    public subscript(name: String) -> String? {
        entries.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Every value of a header, in order.
    public func values(_ name: String) -> [String] {
        entries.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    public func makeIterator() -> IndexingIterator<[HTTPHeader]> { entries.makeIterator() }

    /// The names of the cookies set by `Set-Cookie` headers.
    public var cookieNames: [String] {
        values("set-cookie").compactMap { value in
            let pair = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
            guard let eq = pair.firstIndex(of: "=") else { return nil }
            let name = pair[..<eq].trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name
        }
    }

    /// Parses one raw header line (`Name: value`); nil for status lines and blank lines.
    static func parseLine(_ line: String) -> HTTPHeader? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(" ") else { return nil }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        return HTTPHeader(name: name, value: value)
    }

    mutating func append(_ header: HTTPHeader) { entries.append(header) }
}
