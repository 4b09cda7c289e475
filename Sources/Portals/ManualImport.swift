import Foundation

/// A page or attachment a user saved from a browser because a bot wall stopped the fetcher
/// (`rencai watch import SOURCE FILE`), turned into the same ``FetchResult`` a fetch produces, so the
/// caller stores it exactly like fetched content.
///
/// The saved file goes through the same checks: a saved wall page is still `blocked`, and the charset is
/// found from BOM and `<meta>` (there is no HTTP header).
///
/// ```swift
/// let result = try ManualImport.load(file: URL(fileURLWithPath: "catalogue.html"),
///                                    sourceURL: source.url, previousContentHash: stored.hash)
/// ```
public enum ManualImport {
    /// Reads `file` and classifies it against the previous hash. Throws ``ManualImportError`` when the file
    /// cannot be read or is empty.
    public static func load(file: URL, sourceURL: URL, previousContentHash: String?,
                            maxBytes: Int = FetchLimits.standard.maxBodyBytes) throws -> FetchResult {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        guard let size = attributes?[.size] as? Int else { throw ManualImportError.unreadable(file.path) }
        guard size > 0 else { throw ManualImportError.empty(file.path) }
        guard size <= maxBytes else { throw ManualImportError.tooLarge(file.path, limit: maxBytes) }
        guard let body = try? Data(contentsOf: file) else { throw ManualImportError.unreadable(file.path) }
        let contentType = contentType(forExtension: file.pathExtension)
        let headers = HTTPHeaders([HTTPHeader(name: "Content-Type", value: contentType)])
        let text = CharsetDetector.isTextual(contentType: contentType) ? CharsetDetector.decode(body, contentType: contentType) : nil
        let response = FetchResponse(status: 200, headers: headers, body: body, text: text, effectiveURL: file,
                                     redirectCount: 0, httpVersion: "", timings: FetchTimings(), wasConditional: false)
        let outcome = FetchOutcome.classify(status: 200, headers: headers, body: body, previousContentHash: previousContentHash)
        let request = FetchRequest(url: sourceURL, previousContentHash: previousContentHash, obeyRobots: false)
        let isContent = outcome.kind != .blocked
        return FetchResult(request: request, outcome: outcome, response: response, validators: .none,
                           baselineHash: isContent ? response.contentHash : previousContentHash, attempts: 0, retryAfter: nil)
    }

    /// The type a server would have sent for a saved file; HTML carries no charset so `<meta>` decides.
    static func contentType(forExtension ext: String) -> String {
        switch ext.lowercased() {
        case "html", "htm", "shtml": return "text/html"
        case "txt": return "text/plain"
        case "csv": return "text/csv"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "xls": return "application/vnd.ms-excel"
        case "pdf": return "application/pdf"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "doc": return "application/msword"
        default: return "application/octet-stream"
        }
    }
}

/// Why a saved file could not be imported.
public enum ManualImportError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(String)
    case empty(String)
    case tooLarge(String, limit: Int)

    public var description: String {
        switch self {
        case .unreadable(let path): return "\(path): cannot read the saved page (check the path and permissions)"
        case .empty(let path): return "\(path): the saved file is empty; save the page again from the browser"
        case .tooLarge(let path, let limit): return "\(path): larger than \(limit) bytes; is this the right file?"
        }
    }
}

/// Counts consecutive blocks for a source; after `threshold` in a row the source needs a manual import.
/// Content (or 304) resets the count; errors leave it as it is (they say nothing about the wall).
///
/// ```swift
/// var streak = stored.streak            // Codable: keep it with the source
/// streak.record(result.outcome)
/// if streak.needsManualImport { flag(source, "save the page in a browser, then rencai watch import") }
/// ```
public struct BlockStreak: Sendable, Hashable, Codable {
    public private(set) var consecutiveBlocks: Int
    public let threshold: Int

    public init(consecutiveBlocks: Int = 0, threshold: Int = 3) {
        self.consecutiveBlocks = consecutiveBlocks
        self.threshold = max(1, threshold)
    }

    public mutating func record(_ outcome: FetchOutcome) {
        switch outcome {
        case .blocked: consecutiveBlocks += 1
        case .firstSeen, .unchanged, .notModified, .changed: consecutiveBlocks = 0
        case .error: break
        }
    }

    public var needsManualImport: Bool { consecutiveBlocks >= threshold }
}
