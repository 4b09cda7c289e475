import Foundation
import GRDB
import Portals
import RencaiCore

/// Checks catalogue sources: fetches through the polite libcurl ``PortalClient`` (following a notice list
/// to its attachment when the source is one), parses the document, and records a revision only when the
/// rows changed. A block or an error is recorded in the source's state and never touches the baseline.
///
/// ```swift
/// let watcher = CatalogueWatcher(client: client, revisions: RevisionStore(store: store))
/// let report = await watcher.check(source)
/// print(report.source, report.outcome.rawValue, report.detail)   // sh-urgent-need changed +2 −2 ~1
/// ```
public struct CatalogueWatcher: Sendable {
    /// Work to run in the transaction that records a new revision (for example the alerts outbox).
    public typealias Alongside = RevisionStore.Alongside

    /// Gives each source its `alongside` work (the alerts pipeline's `alongside(for:)`), for the scheduler.
    public typealias AlongsideFactory = @Sendable (CatalogueSource) -> Alongside?

    public let client: PortalClient
    public let revisions: RevisionStore
    /// Blocks in a row after which a source is flagged for `rencai watch import`.
    public let manualImportAfter: Int

    /// The default for ``manualImportAfter``.
    public static let defaultManualImportAfter = 3

    public init(client: PortalClient, revisions: RevisionStore, manualImportAfter: Int = CatalogueWatcher.defaultManualImportAfter) {
        self.client = client
        self.revisions = revisions
        self.manualImportAfter = max(1, manualImportAfter)
    }

    /// What a fetch step produced: a final answer for the source, or a document to parse.
    private enum Step {
        case done(WatchReport)
        /// `page` is the document already parsed as HTML, when following a notice list did that.
        case document(FetchResult, CatalogueParser.Format, page: HTMLPage? = nil)
    }

    /// Checks one source once. Never throws: every failure is a report with outcome `error`.
    public func check(_ source: CatalogueSource, alongside: Alongside? = nil) async -> WatchReport {
        let state: SourceState?
        do { state = try revisions.state(of: source.id) } catch {
            return WatchReport(source: source.id, outcome: .error, revision: nil, detail: "\(error)")
        }
        let step: Step
        switch source.kind {
        case .htmlTable, .xlsx, .csv:
            let format: CatalogueParser.Format = source.kind == .xlsx ? .xlsx : source.kind == .csv ? .csv : .html
            step = .document(await client.fetch(request(source.url, state: state)), format)
        case .noticeList:
            step = await followNotices(source, state: state)
        }
        switch step {
        case .done(let report): return report
        case .document(let result, let format, let page):
            return handle(result, format: format, parsed: page, source: source, state: state, alongside: alongside)
        }
    }

    /// Records a page or attachment a user saved from a browser (after a bot wall), as a revision of
    /// `source` with origin `import`. The format comes from the file name, else from the bytes.
    public func importDocument(_ data: Data, name: String, for source: CatalogueSource,
                               alongside: Alongside? = nil) throws -> WatchReport {
        try Self.importDocument(data, name: name, for: source, into: revisions, alongside: alongside)
    }

    /// ``importDocument(_:name:for:alongside:)`` without a client: an import reads a local file.
    public static func importDocument(_ data: Data, name: String, for source: CatalogueSource, into revisions: RevisionStore,
                                      alongside: Alongside? = nil) throws -> WatchReport {
        // A browser can save the wall itself (EdgeOne answers 200 with its script): never record that as the catalogue.
        if let wall = BotWallDetector.detect(status: 200, headers: HTTPHeaders(), body: data) {
            throw CatalogueError.unreadable(source: name, reason: "this is a \(wall.vendor.displayName) bot-wall page, not the catalogue (\(wall.evidence.joined(separator: "; "))): open the page in a browser, let the check pass, then save it again")
        }
        let format = CatalogueParser.Format.guess(contentType: nil, name: name) ?? CatalogueParser.Format.sniff(data)
        let catalogue = try CatalogueParser(keyColumns: source.keyColumns).parse(data, format: format, source: name)
        let document = CapturedDocument(bytes: data, url: name, mediaType: nil, origin: .import)
        let result = try revisions.record(catalogue, document: document, for: source, alongside: alongside)
        return report(result, source: source, catalogue: catalogue, prefix: "imported \(catalogue.rows.count) rows from \(name)")
    }

    // MARK: - Steps

    private func request(_ url: URL, state: SourceState?) -> Portals.FetchRequest {
        Portals.FetchRequest(url: url, validators: Validators(etag: state?.etag, lastModified: state?.lastModified),
                     previousContentHash: state?.contentHash, lastUnconditionalFetch: state?.lastUnconditionalAt)
    }

    /// Notice list → newest matching notice → its attachment (or its own table).
    private func followNotices(_ source: CatalogueSource, state: SourceState?) async -> Step {
        let list = await client.fetch(Portals.FetchRequest(url: source.url))
        guard let listPage = page(list) else { return .done(failure(list, source: source, state: state, step: "notice list")) }
        let parsedList: HTMLPage
        do { parsedList = try HTMLPage(data: listPage.body, contentType: listPage.contentType, url: listPage.effectiveURL ?? source.url) } catch {
            return .done(noteError(source, state: state, detail: "\(error)"))
        }
        guard let notice = NoticeLinks.matchingNotice(in: parsedList, words: source.linkText) else {
            return .done(noteError(source, state: state, detail: CatalogueError.noMatchingNotice(source: source.url.absoluteString, linkText: source.linkText).message))
        }
        if let kind = NoticeLinks.attachmentKind(notice), kind != .html, source.attachment.contains(kind) {
            return .document(await client.fetch(request(notice.url, state: state)), kind == .xlsx ? .xlsx : .csv)
        }
        let noticeResult = await client.fetch(Portals.FetchRequest(url: notice.url))
        guard let noticePage = page(noticeResult) else { return .done(failure(noticeResult, source: source, state: state, step: "notice")) }
        let parsedNotice: HTMLPage
        do { parsedNotice = try HTMLPage(data: noticePage.body, contentType: noticePage.contentType, url: noticePage.effectiveURL ?? notice.url) } catch {
            return .done(noteError(source, state: state, detail: "\(error)"))
        }
        if let (kind, url) = NoticeLinks.attachment(in: parsedNotice, accepted: source.attachment) {
            return .document(await client.fetch(request(url, state: state)), kind == .xlsx ? .xlsx : .csv)
        }
        if source.attachment.contains(.html), !parsedNotice.tables.isEmpty {
            // The notice itself carries the table: classify its bytes against the last document read (the
            // client already hashed them), and hand on the page parsed above rather than parsing it again.
            let hash = noticeResult.baselineHash ?? noticePage.contentHash
            let outcome: FetchOutcome = state?.contentHash == nil ? .firstSeen
                : (state?.contentHash == hash ? .unchanged : .changed)
            let result = FetchResult(request: noticeResult.request, outcome: outcome, response: noticePage,
                                     validators: noticeResult.validators, baselineHash: hash,
                                     attempts: noticeResult.attempts, retryAfter: noticeResult.retryAfter)
            return .document(result, .html, page: parsedNotice)
        }
        return .done(noteError(source, state: state, detail: CatalogueError.noAttachment(source: notice.url.absoluteString,
                                                                                        accepted: source.attachment.map(\.rawValue)).message))
    }

    /// The response of a fetch that brought content, nil for blocks, errors and 304s.
    private func page(_ result: FetchResult) -> FetchResponse? {
        switch result.outcome {
        case .firstSeen, .changed, .unchanged: return result.response
        default: return nil
        }
    }

    /// A block or an error on an intermediate page (notice list, notice).
    private func failure(_ result: FetchResult, source: CatalogueSource, state: SourceState?, step: String) -> WatchReport {
        switch result.outcome {
        case .blocked(let wall): return noteBlocked(source, state: state, wall: wall)
        case .error(let f): return noteError(source, state: state, detail: "\(step): \(f.message)")
        default: return noteError(source, state: state, detail: "\(step): the server answered \(result.outcome.kind.rawValue) to a request without validators")
        }
    }

    private func handle(_ result: FetchResult, format: CatalogueParser.Format, parsed: HTMLPage?, source: CatalogueSource,
                        state: SourceState?, alongside: Alongside?) -> WatchReport {
        do {
            switch result.outcome {
            case .blocked(let wall):
                return noteBlocked(source, state: state, wall: wall)
            case .error(let f):
                return noteError(source, state: state, detail: f.message)
            case .notModified:
                try revisions.noteNotModified(source, validators: result.validators)
                return WatchReport(source: source.id, outcome: .notModified, revision: state?.baseline, detail: "304 Not Modified")
            case .unchanged:
                try revisions.noteUnchanged(source, validators: result.validators,
                                            unconditional: !(result.response?.wasConditional ?? false))
                return WatchReport(source: source.id, outcome: .unchanged, revision: state?.baseline, detail: "same bytes as the last fetch")
            case .firstSeen, .changed:
                guard let response = result.response else {
                    return noteError(source, state: state, detail: "no response body")
                }
                let url = response.effectiveURL ?? result.request.url
                let catalogue: Catalogue
                do {
                    let parser = CatalogueParser(keyColumns: source.keyColumns)
                    if let parsed {
                        catalogue = try parser.parse(page: parsed, source: url.absoluteString)
                    } else {
                        catalogue = try parser.parse(response.body, format: format, contentType: response.contentType, source: url.absoluteString)
                    }
                } catch {
                    return noteError(source, state: state, detail: "\(error)")
                }
                let document = CapturedDocument(bytes: response.body, url: url.absoluteString, mediaType: response.contentType)
                // The client hashed the body (baselineHash): the store need not hash it again.
                let recorded = try revisions.record(catalogue, document: document, for: source, validators: result.validators,
                                                    unconditional: !response.wasConditional, contentHash: result.baselineHash,
                                                    noBaselineYet: state?.baseline == nil, alongside: alongside)
                return Self.report(recorded, source: source, catalogue: catalogue, prefix: nil)
            }
        } catch {
            return WatchReport(source: source.id, outcome: .error, revision: state?.baseline, detail: "\(error)")
        }
    }

    private static func report(_ recorded: RevisionStore.RecordResult, source: CatalogueSource, catalogue: Catalogue,
                        prefix: String?) -> WatchReport {
        let findings = catalogue.findings.isEmpty ? "" : "; \(catalogue.findings.count) data-quality finding\(catalogue.findings.count == 1 ? "" : "s")"
        func detail(_ s: String) -> String { [prefix, s].compactMap { $0 }.joined(separator: ": ") + findings }
        switch recorded {
        case .firstSeen(let id, let diff):
            return WatchReport(source: source.id, outcome: .firstSeen, revision: id, detail: detail("\(catalogue.rows.count) rows"), diff: diff)
        case .changed(let id, let diff):
            return WatchReport(source: source.id, outcome: .changed, revision: id, detail: detail(diff.summary), diff: diff)
        case .unchanged(let id):
            return WatchReport(source: source.id, outcome: .unchanged, revision: id, detail: detail("same rows as revision \(id)"))
        }
    }

    private func noteBlocked(_ source: CatalogueSource, state: SourceState?, wall: BotWall) -> WatchReport {
        let detail = "\(wall.vendor.displayName): \(wall.evidence.joined(separator: "; "))"
        do {
            let count = try revisions.noteBlocked(source, detail: detail)
            let manual = count >= manualImportAfter
            let advice = manual ? "; blocked \(count) times in a row: save the page in a browser and run `rencai watch import \(source.id) FILE`"
                : " (\(count) in a row)"
            return WatchReport(source: source.id, outcome: .blocked, revision: state?.baseline, detail: detail + advice,
                               consecutiveBlocks: count, needsManualImport: manual)
        } catch {
            return WatchReport(source: source.id, outcome: .blocked, revision: state?.baseline, detail: "\(detail) (not recorded: \(error))")
        }
    }

    private func noteError(_ source: CatalogueSource, state: SourceState?, detail: String) -> WatchReport {
        do { try revisions.noteError(source, detail: detail) } catch {
            return WatchReport(source: source.id, outcome: .error, revision: state?.baseline, detail: "\(detail) (not recorded: \(error))")
        }
        return WatchReport(source: source.id, outcome: .error, revision: state?.baseline, detail: detail)
    }
}
