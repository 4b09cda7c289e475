import Foundation
import RencaiCore

/// Drafts an `evidence.yaml` from the files of a folder: the kind from the file name (English or
/// Chinese words), the language and translation pairing from `-zh`/中文/译 in names, and a hint from the
/// PDF's metadata when `pdfinfo` is installed. Unknown fields are left for the user, marked `TODO`.
///
/// ```swift
/// let draft = try EvidenceDraft.draft(folder: URL(fileURLWithPath: "evidence/jane"))
/// print(draft.yaml)
/// ```
public struct EvidenceDraft: Sendable {
    public struct Entry: Sendable {
        public var file: String
        public var kind: EvidenceKind?
        public var language: String?
        public var translation: String?
        public var pdfCreated: String?
        /// The PDF's title, shown as a hint.
        public var pdfTitle: String?
    }

    public var entries: [Entry]
    /// Whether `pdfinfo` was available to read PDF metadata.
    public var usedPDFInfo: Bool

    static let translationMarkers = ["-zh", "_zh", ".zh", "-cn", "_cn", "中文", "译文", "翻译"]

    public static func draft(folder: URL) throws -> EvidenceDraft {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else {
            throw InputError("\(folder.path): no such evidence folder", status: .noInput)
        }
        let files = names.filter { name in
            var info = stat()
            return !name.hasPrefix(".") && name != EvidenceManifest.fileName
                && lstat(folder.appendingPathComponent(name).path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        }.sorted()
        let pdfinfo = PDFRenderer.findTool(["pdfinfo"])
        // A translation is a file whose stem is another file's stem plus a marker: degree-zh.pdf → degree.pdf.
        var translationOf: [String: String] = [:]
        for file in files {
            let stem = (file as NSString).deletingPathExtension
            for marker in translationMarkers where stem.lowercased().hasSuffix(marker) {
                let base = String(stem.dropLast(marker.count))
                if let original = files.first(where: { $0 != file && ($0 as NSString).deletingPathExtension == base }) {
                    translationOf[file] = original
                }
            }
        }
        var entries: [Entry] = []
        for file in files where translationOf[file] == nil {
            let lower = file.lowercased()
            let kind = EvidenceKind.allCases.first { kind in kind.fileNameHints.contains { lower.contains($0.lowercased()) } }
            let chinese = file.unicodeScalars.contains { $0.properties.isIdeographic }
            let translation = translationOf.first { $0.value == file }?.key
            var info: [String: String] = [:]
            if let pdfinfo, lower.hasSuffix(".pdf") { info = pdfMetadata(pdfinfo, folder.appendingPathComponent(file)) }
            // The title can name the document when the file name does not ("Police Certificate" …).
            let titleKind = info["Title"].flatMap { title in
                EvidenceKind.allCases.first { kind in kind.fileNameHints.contains { title.lowercased().contains($0.lowercased()) } }
            }
            entries.append(Entry(file: file, kind: kind ?? titleKind, language: chinese ? "zh" : nil, translation: translation,
                                 pdfCreated: info["CreationDate"].map { String($0.prefix(10)) }, pdfTitle: info["Title"]))
        }
        return EvidenceDraft(entries: entries, usedPDFInfo: pdfinfo != nil)
    }

    /// The manifest text, with TODO comments where the user must fill in.
    public var yaml: String {
        var out = "# evidence.yaml drafted by `rencai dossier init`: check every entry and fill in the TODOs.\n"
        out += "# kind: \(EvidenceKind.allCases.map(\.rawValue).joined(separator: " | "))\n"
        out += "# authentication: apostille | consular | cscse | none   (documents issued outside China)\n"
        if !usedPDFInfo { out += "# (pdfinfo not installed: PDF metadata not read; apt install poppler-utils)\n" }
        out += "documents:\n"
        for e in entries {
            out += "  - file: \(quoted(e.file))\n"
            if let title = e.pdfTitle { out += "    # PDF title: \(title.replacingOccurrences(of: "\n", with: " "))\n" }
            out += e.kind.map { "    kind: \($0.rawValue)\n" } ?? "    kind:                  # TODO: could not tell from the file name\n"
            switch e.kind {
            case .passport?, .visaOrResidencePermit?:
                out += "    expires:               # TODO: YYYY-MM-DD\n"
            default:
                out += "    issued:                # TODO: YYYY-MM-DD" + (e.pdfCreated.map { " (the PDF was created \($0))" } ?? "") + "\n"
            }
            out += "    issuing_country:       # TODO: two-letter code (CN, GB, US …)\n"
            if let language = e.language { out += "    language: \(language)\n" }
            if [.degree, .criminalRecord].contains(e.kind) { out += "    authentication:        # TODO if issued outside China: apostille | consular | cscse\n" }
            if let translation = e.translation { out += "    translation: \(quoted(translation))\n" }
        }
        return out
    }

    private func quoted(_ text: String) -> String {
        text.contains(where: { ":#'\"{}[]&*!|>%@`".contains($0) }) || text.hasPrefix(" ") ? "\"\(text.replacingOccurrences(of: "\"", with: "\\\""))\"" : text
    }

    /// `pdfinfo -isodates` fields (Title, CreationDate …).
    private static func pdfMetadata(_ tool: String, _ file: URL) -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-isodates", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [:] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var fields: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { fields[String(line[..<colon])] = value }
        }
        return fields
    }
}
