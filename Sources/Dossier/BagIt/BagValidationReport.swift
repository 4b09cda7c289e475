/// One finding about a bag: the file it concerns (relative to the bag) and what is wrong.
public struct BagIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file concerned, relative to the bag's top folder (`data/E01-passport.pdf`, `bagit.txt`), if any.
    public let file: String?
    public let message: String

    public init(_ file: String?, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { file.map { "\($0): \(message)" } ?? message }
}

/// The outcome of validating a bag per RFC 8493: valid means complete and every checksum matches.
///
/// ```swift
/// let report = try BagValidator().validate(URL(fileURLWithPath: "dossier-bag"))
/// if !report.isValid { report.problems.forEach { print($0) } }
/// ```
public struct BagValidationReport: Sendable, Codable {
    /// The `BagIt-Version` declared in `bagit.txt`, when it could be read.
    public var version: String?
    /// Errors: any one makes the bag invalid.
    public var problems: [BagIssue] = []
    /// Things that do not make the bag invalid but that a recipient should know.
    public var warnings: [BagIssue] = []
    /// Payload manifests' algorithms.
    public var algorithms: [String] = []
    /// Payload files found under `data/`.
    public var payloadFiles = 0
    /// Payload bytes found under `data/`.
    public var payloadBytes: Int64 = 0

    public var isValid: Bool { problems.isEmpty }

    mutating func problem(_ file: String?, _ message: String) { problems.append(BagIssue(file, message)) }
    mutating func warning(_ file: String?, _ message: String) { warnings.append(BagIssue(file, message)) }
}
