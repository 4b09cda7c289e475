import ArgumentParser
import Foundation
import Portals
import RencaiCore
import SamplePortal

/// `rencai watch fetch URL [--json]`: fetch one URL through the same polite libcurl client the watcher uses,
/// and describe the answer — status, outcome, headers, decoded size, timings — to diagnose a source.
///
/// Exit codes: 0 for content or 304, 1 when a bot wall answered, 75 for an error (network, limit, HTTP error,
/// robots.txt refusal).
struct WatchFetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch one URL through the polite libcurl client and describe the response.",
        discussion: "Exit codes: 0 content or 304, 1 blocked by a bot wall, 75 error (network, limit, HTTP status, robots.txt)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The http(s) URL to fetch (with --sample-portal: a path on the sample portal).", valueName: "url"))
    var url: String

    @Flag(name: .customLong("sample-portal"),
          help: "Serve the bundled sample portal (Fixtures/portals) on 127.0.0.1 for this run and fetch URL as a path on it, e.g. /walls/rivers-412.html.")
    var samplePortal = false

    @Option(help: ArgumentHelp("A stored ETag, sent as If-None-Match.", valueName: "etag"))
    var etag: String?

    @Option(name: .customLong("last-modified"), help: ArgumentHelp("A stored Last-Modified, sent as If-Modified-Since.", valueName: "date"))
    var lastModified: String?

    @Option(name: .customLong("previous-hash"), help: ArgumentHelp("SHA-256 of the last body, to classify unchanged/changed.", valueName: "hex"))
    var previousHash: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Extra trusted CAs (PEM) for this source.", valueName: "file"))
    var caFile: String?

    @Option(name: .customLong("max-bytes"), help: ArgumentHelp("The largest body accepted.", valueName: "n"))
    var maxBytes: Int?

    @Option(help: ArgumentHelp("Seconds allowed for the whole transfer.", valueName: "s"))
    var timeout: Double?

    @Flag(help: "Show the first 400 characters of the decoded text.")
    var preview = false

    func validate() throws {
        if samplePortal {
            guard url.hasPrefix("/") else { throw ValidationError("with --sample-portal give a path such as /shanghai/catalogue.html") }
        } else {
            try validateURL()
        }
        try validateLimits()
    }

    private func validateURL() throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
              parsed.host != nil else {
            throw ValidationError("'\(url)' is not an http(s) URL: give a full address such as https://rsj.sh.gov.cn/")
        }
    }

    private func validateLimits() throws {
        if let maxBytes, maxBytes <= 0 { throw ValidationError("--max-bytes must be positive") }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be positive") }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ValidationError("--ca-file \(caFile): file not found or not readable")
        }
    }

    func run() async throws {
        global.bootstrapLogging()
        let config = try global.loadConfig()
        // One fetch: no per-host delay to wait out, and one retry at most.
        var configuration = try PortalClientConfiguration.load(from: config)
        configuration.perHostMinDelay = 0
        configuration.perHostJitter = 0
        configuration.retry = RetryPolicy(maxAttempts: 2, baseDelay: 1, maxDelay: 5, maxRetryAfter: 10)
        var limits = configuration.defaultLimits
        if let maxBytes { limits.maxBodyBytes = maxBytes }
        if let timeout { limits.totalTimeout = timeout }
        var portal: SamplePortalServer?
        let target: URL
        if samplePortal {
            let root = try global.resources().fixtures?.appendingPathComponent("portals")
            guard let root, FileManager.default.fileExists(atPath: root.path) else {
                throw InputError("the sample portal's pages (Fixtures/portals) were not found: pass --templates DIR of a source checkout", status: .noInput)
            }
            let server = try SamplePortalServer.start(root: root)
            portal = server
            target = server.url(url)
            Output.note("sample portal serving \(root.path) at \(server.baseURL.absoluteString)")
        } else {
            guard let parsed = URL(string: url) else { throw InputError("'\(url)' is not a URL", status: .usage) }
            target = parsed
        }
        defer { portal?.stop() }
        let client = PortalClient(configuration: configuration)
        defer { client.shutdown() }
        let validators = Validators(etag: etag, lastModified: lastModified)
        let request = FetchRequest(url: target, validators: validators, previousContentHash: previousHash,
                                   lastUnconditionalFetch: validators.isEmpty ? nil : Date(), caFile: caFile, limits: limits)
        let result = await client.fetch(request)
        let summary = FetchSummary(result)

        if global.json {
            try Output.json(summary)
        } else {
            print(Self.describe(summary, preview: preview ? result.response?.text?.string : nil))
            print("client".padding(toLength: 14, withPad: " ", startingAt: 0) + configuration.userAgent)
            print("".padding(toLength: 14, withPad: " ", startingAt: 0) + CurlCapabilities.current.summary)
        }
        switch result.outcome {
        case .blocked: throw ExitCode(ExitStatus.notReady.rawValue)
        case .error: throw ExitCode(ExitStatus.tempFailure.rawValue)
        default: return
        }
    }

    static func describe(_ s: FetchSummary, preview: String?) -> String {
        var lines: [String] = []
        func add(_ key: String, _ value: String?) {
            guard let value else { return }
            lines.append(key.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        add("url", s.url)
        add("outcome", s.outcome + (s.blockedBy.map { " by \($0)" } ?? "") + (s.errorMessage.map { ": \($0)" } ?? ""))
        if let evidence = s.evidence { add("evidence", evidence.joined(separator: "; ")) }
        add("status", s.status.map { "\($0) (HTTP/\(s.httpVersion ?? "?"))" })
        if let effective = s.effectiveURL, effective != s.url { add("effective url", "\(effective) after \(s.redirects ?? 0) redirect(s)") }
        add("body", s.bodyBytes.map { "\($0) bytes" + (s.contentHash.map { ", sha256 \($0)" } ?? "") })
        add("charset", s.charset.map { "\($0) (from \(s.charsetSource ?? "?"))" })
        add("decoded", s.decodedCharacters.map { "\($0) characters" } ?? s.decodingProblem)
        add("attempts", String(s.attempts) + (s.retryAfter.map { ", Retry-After \($0) s" } ?? ""))
        if let t = s.timings {
            add("timings", String(format: "dns %.3f  connect %.3f  tls %.3f  first byte %.3f  total %.3f s",
                                  t.nameLookup, t.connect, t.tlsHandshake, t.firstByte, t.total))
        }
        if !s.validators.isEmpty {
            add("validators", [s.validators.etag.map { "etag \($0)" }, s.validators.lastModified.map { "last-modified \($0)" }]
                .compactMap { $0 }.joined(separator: ", "))
        }
        if let headers = s.headers, !headers.isEmpty {
            lines.append("headers")
            for header in headers { lines.append("  \(header.name): \(header.value)") }
        }
        if let preview {
            lines.append("text")
            lines.append(String(preview.prefix(400)))
        }
        return lines.joined(separator: "\n")
    }
}
