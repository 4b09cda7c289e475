import Foundation
import Testing
@testable import Catalogues
import Portals
import RencaiCore
import SamplePortal
import Store

/// The sample portal on an ephemeral port, the real libcurl client, and a fresh store file.
struct WatchFixture {
    let portal: SamplePortalServer
    let client: PortalClient
    let store: RencaiStore
    let watcher: CatalogueWatcher

    init(manualImportAfter: Int = 3) throws {
        let root = try #require(SamplePortalServer.fixturesRoot())
        portal = try SamplePortalServer.start(root: root)
        client = PortalClient(configuration: PortalClientConfiguration(
            userAgent: PortalClientConfiguration.userAgent(contact: "tests@example.com"),
            perHostMinDelay: 0, perHostJitter: 0, retry: .none))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-watch-\(UUID().uuidString)")
        store = try RencaiStore.open(at: dir.appendingPathComponent("rencai.sqlite"))
        watcher = CatalogueWatcher(client: client, revisions: RevisionStore(store: store), manualImportAfter: manualImportAfter)
    }

    func source(_ id: String, _ path: String, kind: CatalogueSource.Kind = .htmlTable, province: String = "Shanghai",
                linkText: [String] = [], attachment: [CatalogueSource.AttachmentKind] = CatalogueSource.AttachmentKind.allCases) -> CatalogueSource {
        CatalogueSource(id: id, province: province, url: portal.url(path), kind: kind, interval: 60, linkText: linkText,
                        attachment: attachment)
    }

    func close() {
        client.shutdown()
        portal.stop()
    }
}

@Suite("Watching through libcurl against the sample portal", .serialized)
struct WatcherTests {
    static let shPath = "/catalogues/sh-urgent-need/catalogue.html"

    @Test("a GBK table with rowspans, then a revision that adds, removes and changes rows, then one that only renumbers, then 304")
    func revisions() async throws {
        let f = try WatchFixture()
        defer { f.close() }
        let sh = f.source("sh-urgent-need", Self.shPath)

        let first = await f.watcher.check(sh)
        #expect(first.outcome == .firstSeen, "\(first.detail)")
        #expect(first.detail == "7 rows")
        let r1 = try #require(first.revision)
        #expect(try f.watcher.revisions.catalogue(of: r1).rowsByKey[RowKey(text: "2-02-09-06")!]?["行业类别"] == "信息技术")

        f.portal.setRevision("r2", for: Self.shPath)
        let second = await f.watcher.check(sh)
        #expect(second.outcome == .changed)
        #expect(second.detail == "+2 −2 ~1 (1 possible re-code)")
        #expect(second.diff?.from == r1)
        #expect(second.diff?.changed.first?.fields["岗位要求 / 工作经验"] == .init(old: "3年", new: "5年"))

        f.portal.setRevision("r3", for: Self.shPath)
        let third = await f.watcher.check(sh)
        #expect(third.outcome == .unchanged)
        #expect(third.revision == second.revision)

        let fourth = await f.watcher.check(sh)
        #expect(fourth.outcome == .notModified)
        #expect(f.portal.requests(to: Self.shPath).last?.headers["if-none-match"] != nil)
        #expect(try f.watcher.revisions.revisions(of: sh.id).count == 2)
    }

    @Test("a bot wall between two good revisions: blocked, no revision, the baseline survives and the next diff is against it")
    func botWallKeepsBaseline() async throws {
        let f = try WatchFixture()
        defer { f.close() }
        let sh = f.source("sh-urgent-need", Self.shPath)
        let r1 = try #require(await f.watcher.check(sh).revision)

        f.portal.setRevision("wall", for: Self.shPath)
        let blocked = await f.watcher.check(sh)
        #expect(blocked.outcome == .blocked)
        #expect(blocked.detail.contains("Rivers"), "\(blocked.detail)")
        #expect(blocked.revision == r1)
        #expect(try f.watcher.revisions.state(of: sh.id)?.baseline == r1)
        #expect(try f.watcher.revisions.revisions(of: sh.id).count == 1)

        f.portal.setRevision("r2", for: Self.shPath)
        let after = await f.watcher.check(sh)
        #expect(after.outcome == .changed)
        #expect(after.diff?.from == r1)
        let state = try #require(try f.watcher.revisions.state(of: sh.id))
        #expect(state.lastBlockAt != nil && state.consecutiveBlocks == 0)
    }

    @Test("an XLSX attachment behind a notice list is found by link text and read")
    func noticeList() async throws {
        let f = try WatchFixture()
        defer { f.close() }
        let gd = f.source("gd-notices", "/catalogues/gd-notices/index.html", kind: .noticeList, province: "Guangdong",
                          linkText: ["目录", "catalogue"], attachment: [.xlsx, .csv, .html])
        let report = await f.watcher.check(gd)
        #expect(report.outcome == .firstSeen, "\(report.detail)")
        let id = try #require(report.revision)
        #expect(try f.watcher.revisions.summary(of: id)?.url.hasSuffix("/catalogues/gd-notices/files/gd-catalogue-2025.xlsx") == true)
        #expect(try f.watcher.revisions.catalogue(of: id).rows.map(\.key.text) == ["2-02-07-01", "2-02-07-10", "2-02-10-03", "2-02-10", "2-02-22-01"])
        // The 2024 notice is older and the 2025-07 one does not match: only the matching notice was opened.
        #expect(f.portal.requests(to: "/catalogues/gd-notices/notice-2025-03.html").count == 1)
        #expect(f.portal.requests(to: "/catalogues/gd-notices/notice-2025-07.html").isEmpty)

        let again = await f.watcher.check(gd)
        #expect(again.outcome == .notModified || again.outcome == .unchanged)
        #expect(try f.watcher.revisions.revisions(of: gd.id).count == 1)
    }

    @Test("a notice whose catalogue is its own table (attachment: html); without html accepted it is an error")
    func noticeWithTable() async throws {
        let f = try WatchFixture()
        defer { f.close() }
        let hz = f.source("hz-notices", "/catalogues/hz-notices/index.html", kind: .noticeList, province: "Zhejiang",
                          linkText: ["目录"], attachment: [.xlsx, .html])
        let report = await f.watcher.check(hz)
        #expect(report.outcome == .firstSeen, "\(report.detail)")
        let id = try #require(report.revision)
        #expect(try f.watcher.revisions.catalogue(of: id).rows.map(\.key.text) == ["2-02-10-03", "2-02-10-07"])
        #expect(try f.watcher.revisions.summary(of: id)?.url.hasSuffix("/catalogues/hz-notices/2025/notice.html") == true)
        #expect(await f.watcher.check(hz).outcome == .unchanged)

        let xlsxOnly = f.source("hz-xlsx-only", "/catalogues/hz-notices/index.html", kind: .noticeList, province: "Zhejiang",
                                linkText: ["目录"], attachment: [.xlsx])
        let refused = await f.watcher.check(xlsxOnly)
        #expect(refused.outcome == .error)
        #expect(refused.detail.contains("no xlsx attachment"), "\(refused.detail)")
    }

    @Test("a notice list whose links never match is an error that names link_text, and records nothing")
    func noticeListWithoutMatch() async throws {
        let f = try WatchFixture()
        defer { f.close() }
        let gd = f.source("gd-notices", "/catalogues/gd-notices/index.html", kind: .noticeList, province: "Guangdong",
                          linkText: ["不存在的词"])
        let report = await f.watcher.check(gd)
        #expect(report.outcome == .error)
        #expect(report.detail.contains("不存在的词"))
        #expect(try f.watcher.revisions.revisions(of: gd.id).isEmpty)
    }

    @Test("a GB18030 CSV served with its charset; findings are counted in the detail")
    func gb18030CSV() async throws {
        let f = try WatchFixture()
        defer { f.close() }
        let bj = f.source("bj-csv", "/catalogues/bj-csv/catalogue.csv", kind: .csv, province: "Beijing")
        let report = await f.watcher.check(bj)
        #expect(report.outcome == .firstSeen, "\(report.detail)")
        #expect(report.detail == "4 rows; 2 data-quality findings")
        let id = try #require(report.revision)
        let catalogue = try f.watcher.revisions.catalogue(of: id)
        #expect(catalogue.rows.last?.title == "䶮文字信息处理人员")
    }

    @Test("a page that is not a catalogue is an error and never a revision")
    func notACatalogue() async throws {
        let f = try WatchFixture()
        defer { f.close() }
        let report = await f.watcher.check(f.source("robots-page", "/private/public-notice.html"))
        #expect(report.outcome == .error)
        #expect(try f.watcher.revisions.revisions(of: "robots-page").isEmpty)
    }

    @Test("after N blocks in a row the source is flagged; a file saved from a browser is imported as a revision")
    func manualImport() async throws {
        let f = try WatchFixture(manualImportAfter: 2)
        defer { f.close() }
        let sh = f.source("sh-urgent-need", Self.shPath)
        let r1 = try #require(await f.watcher.check(sh).revision)
        f.portal.setRevision("wall", for: Self.shPath)
        let firstBlock = await f.watcher.check(sh)
        #expect(!firstBlock.needsManualImport)
        let secondBlock = await f.watcher.check(sh)
        #expect(secondBlock.needsManualImport)
        #expect(secondBlock.detail.contains("rencai watch import sh-urgent-need FILE"))

        let saved = try FixturePaths.data("sh-urgent-need/catalogue.r2.html")
        let imported = try f.watcher.importDocument(saved, name: "/home/hr/Downloads/上海目录.html", for: sh)
        #expect(imported.outcome == .changed)
        #expect(imported.diff?.from == r1)
        let importedID = try #require(imported.revision)
        let summary = try #require(try f.watcher.revisions.summary(of: importedID))
        #expect(summary.origin == .import)
        #expect(try f.watcher.revisions.state(of: sh.id)?.consecutiveBlocks == 0)
    }

    @Test("a saved bot-wall page is refused on import, naming the vendor, and the baseline stays")
    func importOfSavedWall() async throws {
        let f = try WatchFixture()
        defer { f.close() }
        let sh = f.source("sh-urgent-need", Self.shPath)
        let r1 = try #require(await f.watcher.check(sh).revision)
        let root = try #require(SamplePortalServer.fixturesRoot())
        let wall = try Data(contentsOf: root.appendingPathComponent("walls/edgeone-200.html"))
        #expect(performing: { try f.watcher.importDocument(wall, name: "saved.html", for: sh) },
                throws: { "\($0)".contains("EdgeOne") && "\($0)".contains("saved.html") })
        #expect(try f.watcher.revisions.state(of: sh.id)?.baseline == r1)
        #expect(try f.watcher.revisions.revisions(of: sh.id).count == 1)
    }

    @Test("the scheduled mode runs due sources and stops on SIGTERM after the fetch in flight")
    func scheduledModeStopsOnSIGTERM() async throws {
        let f = try WatchFixture()
        defer { f.close() }
        let sh = f.source("sh-urgent-need", Self.shPath)
        let stop = StopSignal()
        stop.install(signals: [SIGTERM])
        defer { stop.uninstall() }
        let reports = ReportLog()
        let scheduler = WatchScheduler(watcher: f.watcher, sources: [sh])
        let run = Task { await scheduler.run(until: stop) { reports.append($0) } }
        // Wait for the first round to be recorded, then ask the process to terminate.
        let deadline = Date().addingTimeInterval(20)
        while reports.all.isEmpty && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        kill(getpid(), SIGTERM)
        await run.value
        #expect(stop.signal == SIGTERM)
        #expect(reports.all.map(\.outcome) == [.firstSeen])
        #expect(try f.watcher.revisions.revisions(of: sh.id).count == 1)
    }
}

@Suite("Scheduling")
struct SchedulingTests {
    @Test("sources are interleaved by host so that one portal's politeness delay does not hold the window")
    func interleaving() {
        func source(_ id: String, _ host: String) -> CatalogueSource {
            CatalogueSource(id: id, province: "Shanghai", url: URL(string: "http://\(host)/\(id)")!, kind: .htmlTable)
        }
        let ordered = WatchScheduler.interleavedByHost([source("a1", "a"), source("a2", "a"), source("a3", "a"), source("b1", "b"), source("c1", "c")])
        #expect(ordered.map(\.id) == ["a1", "b1", "c1", "a2", "a3"])
    }

    @Test("after a stop request no new check starts; the one in flight is recorded")
    func stopBetweenChecks() async throws {
        let f = try WatchFixture()
        defer { f.close() }
        let sources = [f.source("sh-urgent-need", WatcherTests.shPath),
                       f.source("bj-csv", "/catalogues/bj-csv/catalogue.csv", kind: .csv, province: "Beijing"),
                       f.source("hz-notices", "/catalogues/hz-notices/index.html", kind: .noticeList, province: "Zhejiang", linkText: ["目录"])]
        let stop = StopSignal()
        let reports = ReportLog()
        await WatchScheduler(watcher: f.watcher, sources: sources, window: 1).run(until: stop) { report in
            reports.append(report)
            stop.stop()
        }
        #expect(reports.all.map(\.source) == ["sh-urgent-need"])
        #expect(try f.watcher.revisions.state(of: "bj-csv") == nil)
        #expect(try f.watcher.revisions.state(of: "hz-notices") == nil)
    }
}

/// Reports collected from a concurrent run.
final class ReportLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [WatchReport] = []
    func append(_ r: WatchReport) { lock.lock(); reports.append(r); lock.unlock() }
    var all: [WatchReport] { lock.lock(); defer { lock.unlock() }; return reports }
}
