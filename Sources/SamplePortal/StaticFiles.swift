import Foundation
import RencaiCore

/// Serves files under the root with ETag, Last-Modified and 304, catalogue revisions and `.headers` sidecars.
struct StaticFiles {
    let root: URL
    let state: ServerState

    func serve(_ request: HTTPRequestHead, _ writer: ResponseWriter) {
        guard request.method == "GET" || request.method == "HEAD" else {
            writer.send(405, [("Allow", "GET, HEAD")], body: Data())
            return
        }
        guard let file = resolve(request.path) else {
            writer.send(404, [("Content-Type", "text/html; charset=utf-8")], body: Data("<html><body>404 not found</body></html>".utf8))
            return
        }
        guard let body = try? Data(contentsOf: file) else {
            writer.send(500, [], body: Data())
            return
        }
        // stat(2), not FileManager's attributes, which look up the owner's and group's names on every call.
        var info = stat()
        let modified = stat(file.path, &info) == 0
            ? Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9) : Date()
        let lastModified = HTTPDate.format(modified)
        let etag = "\"" + Self.contentTag(body) + "\""
        let sidecar = Self.sidecar(for: file)
        var headers: [(String, String)] = [("ETag", etag), ("Last-Modified", lastModified)]
        if !sidecar.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            headers.append(("Content-Type", Self.contentType(file.pathExtension)))
        }
        headers += sidecar.headers
        let status = sidecar.status ?? 200

        if status == 200, notModified(request, etag: etag, modified: modified) {
            writer.send(304, [("ETag", etag), ("Last-Modified", lastModified)], body: Data())
            return
        }
        writer.send(status, headers, body: body)
    }

    /// RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only otherwise.
    private func notModified(_ request: HTTPRequestHead, etag: String, modified: Date) -> Bool {
        if let match = request.headers["if-none-match"] {
            let tags = match.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return tags.contains("*") || tags.contains { $0 == etag || $0 == "W/" + etag }
        }
        if let since = request.headers["if-modified-since"], let date = HTTPDate.parse(since) {
            return modified.timeIntervalSince1970.rounded(.down) <= date.timeIntervalSince1970
        }
        return false
    }

    /// The file for a path, honouring the revision switch; nil when missing or outside the root.
    private func resolve(_ path: String) -> URL? {
        guard !path.split(separator: "/").contains("..") else { return nil }
        var relative = String(path.dropFirst())
        if let revision = state.revision(for: path) {
            let url = URL(fileURLWithPath: relative)
            let ext = url.pathExtension
            let stem = ext.isEmpty ? relative : String(relative.dropLast(ext.count + 1))
            relative = stem + "." + revision + (ext.isEmpty ? "" : "." + ext)
        }
        var file = root.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            file = file.appendingPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        }
        guard file.standardizedFileURL.path.hasPrefix(root.path) else { return nil }
        return file
    }

    /// `NAME.headers`: `Status: 412` and `Name: value` lines, `#` comments.
    static func sidecar(for file: URL) -> (status: Int?, headers: [(String, String)]) {
        guard let text = try? String(contentsOf: file.appendingPathExtension("headers"), encoding: .utf8) else { return (nil, []) }
        var status: Int?
        var headers: [(String, String)] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let colon = trimmed.firstIndex(of: ":") else { continue }
            let name = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name.lowercased() == "status" { status = Int(value) } else { headers.append((name, value)) }
        }
        return (status, headers)
    }

    static func contentType(_ ext: String) -> String {
        switch ext.lowercased() {
        // No charset for HTML: pages declare theirs in <meta>, as most provincial sites do.
        case "html", "htm": return "text/html"
        case "txt": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "xls": return "application/vnd.ms-excel"
        case "pdf": return "application/pdf"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "gz": return "application/gzip"
        default: return "application/octet-stream"
        }
    }

    /// An entity tag from the content, so that it changes exactly when the bytes do. FNV-1a's step applied
    /// to eight bytes at a time: byte-wise FNV over each 134 KiB bench-watch page was a large part of the
    /// server's CPU.
    static func contentTag(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in
            var k = 0
            while k + 8 <= raw.count {
                hash ^= raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                hash = (hash &* 0x100_0000_01b3) ^ (hash >> 29)
                k += 8
            }
            while k < raw.count {
                hash ^= UInt64(raw[k])
                hash = hash &* 0x100_0000_01b3
                k += 1
            }
        }
        return String(hash ^ UInt64(data.count), radix: 16)
    }
}
