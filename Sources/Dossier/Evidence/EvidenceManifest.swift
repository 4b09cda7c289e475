import Foundation
import RencaiCore
import Yams

/// One document of an evidence folder, as `evidence.yaml` describes it.
public struct EvidenceDocument: Sendable, Hashable, Codable {
    /// The file, relative to the evidence folder.
    public var file: String
    public var kind: EvidenceKind
    public var issued: Day?
    public var expires: Day?
    /// ISO 3166 alpha-2 code of the issuing country (`CN`, `GB` …).
    public var issuingCountry: String?
    /// The document's language; defaults to `zh` when issued in China, else `en`.
    public var language: String
    public var authentication: Authentication?
    /// The Chinese translation's file, in the same folder.
    public var translation: String?
    public var note: String?
    /// The line in `evidence.yaml`, for messages.
    public var line: Int

    public init(file: String, kind: EvidenceKind, issued: Day? = nil, expires: Day? = nil, issuingCountry: String? = nil,
                language: String? = nil, authentication: Authentication? = nil, translation: String? = nil,
                note: String? = nil, line: Int = 0) {
        self.file = file
        self.kind = kind
        self.issued = issued
        self.expires = expires
        self.issuingCountry = issuingCountry?.uppercased()
        self.language = language ?? (issuingCountry?.uppercased() == "CN" ? "zh" : "en")
        self.authentication = authentication
        self.translation = translation
        self.note = note
        self.line = line
    }

    /// Issued outside China (or the country is unknown, which is treated as foreign until stated).
    public var isForeign: Bool { issuingCountry != "CN" }

    enum CodingKeys: String, CodingKey {
        case file, kind, issued, expires, language, authentication, translation, note, line
        case issuingCountry = "issuing_country"
    }
}

/// `evidence.yaml`: the list of documents in an evidence folder.
///
/// ```yaml
/// documents:
///   - file: passport.pdf
///     kind: passport
///     expires: 2031-05-01
///   - file: degree.pdf
///     kind: degree
///     issued: 2012-07-01
///     issuing_country: GB
///     authentication: apostille
///     translation: degree-zh.pdf
/// ```
public struct EvidenceManifest: Sendable, Hashable {
    public static let fileName = "evidence.yaml"
    public var documents: [EvidenceDocument]

    public init(documents: [EvidenceDocument]) { self.documents = documents }

    /// Reads `evidence.yaml` from an evidence folder.
    public static func load(folder: URL) throws -> EvidenceManifest {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError("\(url.path) not found: draft one with `rencai dossier init \(folder.path)`", status: .noInput)
        }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(url.path): cannot be read as UTF-8 text", status: .noInput)
        }
        return try parse(text, file: url.path)
    }

    /// Parses the text of an `evidence.yaml`; `file` names it in errors.
    public static func parse(_ text: String, file: String = fileName) throws -> EvidenceManifest {
        guard let root = try YAMLFields.root(text, file: file) else { return EvidenceManifest(documents: []) }
        let top = try YAMLFields(file: file, node: root, what: "the manifest")
        try top.unknownKeys(allowed: ["documents"])
        guard let list = top.node("documents") else { return EvidenceManifest(documents: []) }
        guard let sequence = list.sequence else {
            throw InputError("\(file) line \(top.lineOf("documents")): documents must be a list of '- file: …' entries")
        }
        var documents: [EvidenceDocument] = []
        for node in sequence {
            let fields = try YAMLFields(file: file, node: node, what: "each document")
            try fields.unknownKeys(allowed: ["file", "kind", "issued", "expires", "issuing_country", "language",
                                             "authentication", "translation", "note"])
            let path = try fields.requiredString("file", hint: "give the document's file name in the folder")
            guard let kind = try fields.enumValue("kind", EvidenceKind.self) else {
                throw InputError("\(file) line \(fields.line): '\(path)' has no kind: set kind: to one of \(EvidenceKind.allCases.map(\.rawValue).joined(separator: " | "))")
            }
            let country = fields.string("issuing_country")
            if let country, country.count != 2 || !country.allSatisfy(\.isLetter) {
                throw InputError("\(file) line \(fields.lineOf("issuing_country")): issuing_country '\(country)' is not a two-letter country code (CN, GB, US …)")
            }
            documents.append(EvidenceDocument(
                file: path, kind: kind, issued: try fields.day("issued"), expires: try fields.day("expires"),
                issuingCountry: country, language: fields.string("language")?.lowercased(),
                authentication: try fields.enumValue("authentication", Authentication.self),
                translation: fields.string("translation"), note: fields.string("note"), line: fields.line))
        }
        return EvidenceManifest(documents: documents)
    }
}
