// bench-watch: 300 catalogue sources, each on its own loopback address (127.0.0.2 …) so that per-host
// politeness does not serialise them, each a 1,000-row HTML catalogue. Three rounds through the real
// libcurl client, parser, keyed diff and SQLite store: the first fetch, a round where nothing changed
// (304), and a round where every catalogue changed. Optionally the same rounds with urlwatch polling the
// same URLs (`--urlwatch PATH` to its executable, installed in a venv outside the repository).
//
// Usage: bench-watch [--sources N] [--rows N] [--urlwatch PATH] [--repeat N] [--stages] [--first-only] [--default-malloc]
//                    [--max-transfers N] [--window N] [--parse-loops N]
//   --repeat N: N runs of the three rounds, each from an empty store (and for urlwatch an empty cache),
//   rencai's and urlwatch's runs taking turns; prints best and median per round and the ratio of medians.
//   --default-malloc: without AllocatorTuning (glibc's own mmap and trim thresholds).
//   --first-only: the first round alone, to profile it: with BENCH_PAUSE=1 in the environment it prints its
//   pid and waits 2 s before the round, time for `perf record -e cpu-clock --call-graph dwarf -p PID`.
//   (or URLWATCH=PATH make bench-watch). urlwatch 2.29 from PyPI, in a venv outside the repository:
//   python3 -m venv /tmp/urlwatch-venv && /tmp/urlwatch-venv/bin/pip install urlwatch==2.29
//   --max-transfers N: the client's transfers at once (default 8, the product's). --window N: the
//   scheduler's checks in flight (default 256, the product's). --parse-loops N: decode, parse and build
//   one page N times and exit (the first round's per-page CPU work alone, for `perf record`).
@_spi(Benchmarks) import Catalogues
import Foundation
import Portals
import RencaiCore
import SamplePortal
import Store

struct Options {
    var sources = 300
    var rows = 1000
    var urlwatch: String?
    var firstOnly = false
    var repeats = 1
    /// Nil: the product's defaults.
    var maxTransfers: Int?
    var window: Int?
    var parseLoops: Int?

    init(_ args: [String]) {
        urlwatch = ProcessInfo.processInfo.environment["URLWATCH"].flatMap { $0.isEmpty ? nil : $0 }
        var i = 1
        while i < args.count {
            let value = i + 1 < args.count ? args[i + 1] : ""
            switch args[i] {
            case "--sources": sources = Int(value) ?? sources; i += 1
            case "--rows": rows = Int(value) ?? rows; i += 1
            case "--urlwatch": urlwatch = value; i += 1
            case "--stages", "--default-malloc": break
            case "--first-only": firstOnly = true
            case "--repeat": repeats = max(1, Int(value) ?? repeats); i += 1
            case "--max-transfers": maxTransfers = Int(value).map { max(1, $0) }; i += 1
            case "--window": window = Int(value).map { max(1, $0) }; i += 1
            case "--parse-loops": parseLoops = Int(value); i += 1
            default: FileHandle.standardError.write(Data("unknown argument \(args[i])\n".utf8)); exit(64)
            }
            i += 1
        }
    }
}

/// Resident memory of this process from /proc (kB): current and peak.
func memory() -> (rss: Int, peak: Int) {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Int {
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) ?? 0
        }
        return 0
    }
    return (field("VmRSS:"), field("VmHWM:"))
}

func mb(_ kb: Int) -> String { String(format: "%.0f MB", Double(kb) / 1024) }

/// A 1,000-row catalogue page: unique codes per source; revision 2 changes a cell in every row.
func page(source: Int, rows: Int, revision: Int) -> String {
    var html = """
    <!DOCTYPE html><html><head><meta charset="utf-8"><title>目录 \(source)</title></head><body>
    <table><tr><td colspan="6">急需紧缺职业目录（\(revision == 1 ? "2024" : "2025")年版）</td></tr>
    <tr><th>序号</th><th>职业代码</th><th>职业名称</th><th>学历</th><th>工作经验</th><th>备注</th></tr>

    """
    html.reserveCapacity(rows * 160)
    for r in 0..<rows {
        let code = "\(1 + r % 8)-\(String(format: "%02d", (r / 8) % 100))-\(String(format: "%02d", (r / 800) % 100 + 1))-\(String(format: "%02d", source % 100))"
        let years = revision == 1 ? 3 + r % 3 : 4 + r % 3
        html += "<tr><td>\(r + 1)</td><td>\(code)</td><td>职业名称\(source)-\(r)工程技术人员</td><td>本科及以上</td><td>\(years)年</td><td>来源\(source)</td></tr>\n"
    }
    return html + "</table></body></html>\n"
}

func loopback(_ i: Int) -> String { "127.0.\((i + 2) / 256).\((i + 2) % 256)" }

/// Runs a command and returns its wall time and peak RSS (kB) from wait4.
func runChild(_ path: String, _ args: [String]) -> (seconds: Double, maxRSS: Int, status: Int32) {
    var pid: pid_t = 0
    let argv = ([path] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let start = Date()
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return (0, 0, -1) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    return (Date().timeIntervalSince(start), usage.ru_maxrss, status)
}

let options = Options(CommandLine.arguments)
// As the `rencai` command does: the rounds measured here are the ones `rencai watch run` makes.
// `--default-malloc` leaves glibc's defaults, to measure what the tuning is worth.
if !CommandLine.arguments.contains("--default-malloc") { AllocatorTuning.apply() }

/// Where one source's time goes in the first and the all-changed rounds, measured on one page (`--stages`).
func stages(rows: Int) throws {
    // CPU time of this thread, so that other processes on the machine do not blur the figures.
    func cpu() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    // The best of five batches: on a shared machine the mean of one batch moves by a quarter between runs.
    func time(_ label: String, _ n: Int = 50, _ body: () throws -> Void) rethrows {
        var best = Double.infinity
        for _ in 0..<5 {
            let start = cpu()
            for _ in 0..<n { try body() }
            best = min(best, (cpu() - start) / Double(n))
        }
        print("  \(label.padding(toLength: 30, withPad: " ", startingAt: 0)) \(String(format: "%7.2f ms CPU", best * 1000))")
    }
    let a = Data(page(source: 1, rows: rows, revision: 1).utf8), b = Data(page(source: 1, rows: rows, revision: 2).utf8)
    var html: HTMLPage? = nil
    try time("decode + parse + grid (page)") { html = try HTMLPage(data: a) }
    var fast = false
    time("  fast reader alone") { fast = HTMLPage.timingRead(a, libxml2: false).fast }
    time("  libxml2 reader alone") { _ = HTMLPage.timingRead(a, libxml2: true) }
    print("  (the page was read by \(fast ? "the fast reader" : "libxml2: the fast reader declined"))")
    var packed = (zstd: 0, deflate: 0)
    try time("zstd page (stored, level 1)") { packed.zstd = try CompressionTiming.zstd(a) }
    try time("deflate page (old, zlib 1)") { packed.deflate = try CompressionTiming.deflate(a) }
    print("  (\(a.count / 1024) KiB page → zstd \(String(format: "%.1f", Double(packed.zstd) / 1024)) KiB, deflate \(String(format: "%.1f", Double(packed.deflate) / 1024)) KiB)")
    var ca: Catalogue? = nil
    try time("build catalogue (keys)") { ca = try CatalogueBuilder().build(html!.tables[0], source: "x") }
    let cb = try CatalogueParser().parse(b, format: .html, source: "y")
    var rowsSize = 0
    try time("encode + zstd rows (stored)") { rowsSize = try CompressionTiming.storedRows(ca!) }
    var plainSize = 0
    time("  encode rows alone") { plainSize = CompressionTiming.encodedRows(ca!) }
    print("  (\(ca!.rows.count) rows → \(plainSize / 1024) KiB encoded → \(String(format: "%.1f", Double(rowsSize) / 1024)) KiB stored)")
    time("diff from nothing (first)") { _ = CatalogueDiff(from: .empty, to: cb) }
    time("diff (all rows changed)") { _ = CatalogueDiff(from: ca!, to: cb) }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-stages-\(UUID().uuidString.prefix(8))")
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try RencaiStore.open(at: dir.appendingPathComponent("s.sqlite"))
    let revisions = RevisionStore(store: store)
    // Five batches of 50, each on sources of its own (a source already holding these rows records nothing).
    let sources = (0..<250).map { CatalogueSource(id: "s\($0)", province: "Shanghai", url: URL(string: "http://127.0.0.2/")!, kind: .htmlTable) }
    // As in a watch round, the client has already hashed the body.
    let hashA = ContentHash.sha256Hex(a), hashB = ContentHash.sha256Hex(b)
    var n = 0
    try time("record first revision", 50) {
        try revisions.record(ca!, document: CapturedDocument(bytes: a, url: "u"), for: sources[n], contentHash: hashA)
        n += 1
    }
    n = 0
    try time("record changed revision", 50) {
        try revisions.record(cb, document: CapturedDocument(bytes: b, url: "u"), for: sources[n], contentHash: hashB)
        n += 1
    }
}
if let loops = options.parseLoops {
    // For a profiler: the first round's per-page CPU work (decode, parse, build) alone, `loops` times.
    let a = Data(page(source: 1, rows: 1000, revision: 1).utf8)
    var rows = 0
    for _ in 0..<loops { rows += try CatalogueParser().parse(a, format: .html, source: "x").rows.count }
    print("parsed \(loops) pages, \(rows) rows")
    exit(0)
}
if CommandLine.arguments.contains("--stages") {
    print("per-source stages on one \(1000)-row page (thread CPU time, best of 5 batches):")
    try stages(rows: 1000)
    exit(0)
}
let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-watch-\(UUID().uuidString.prefix(8))")
let root = work.appendingPathComponent("portal")
defer { try? FileManager.default.removeItem(at: work) }

for s in 0..<options.sources {
    let dir = root.appendingPathComponent("s\(s)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(page(source: s, rows: options.rows, revision: 1).utf8).write(to: dir.appendingPathComponent("catalogue.html"))
    try Data(page(source: s, rows: options.rows, revision: 2).utf8).write(to: dir.appendingPathComponent("catalogue.r2.html"))
}
let pageBytes = (try? Data(contentsOf: root.appendingPathComponent("s0/catalogue.html")).count) ?? 0
let servers = try (0..<options.sources).map { try SamplePortalServer.start(root: root, host: loopback($0)) }
defer { servers.forEach { $0.stop() } }
let sources = (0..<options.sources).map { s in
    CatalogueSource(id: "s\(s)", province: "Shanghai", url: servers[s].url("/s\(s)/catalogue.html"), kind: .htmlTable)
}
func switchRevision(_ revision: String?) {
    for s in 0..<options.sources { servers[s].setRevision(revision, for: "/s\(s)/catalogue.html") }
}

print("bench-watch: \(options.sources) sources on 127.0.0.2 … \(loopback(options.sources - 1)), \(options.rows) rows each (\(pageBytes / 1024) KiB page), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(options.repeats) run\(options.repeats == 1 ? "" : "s")")
let configuration: PortalClientConfiguration = {
    var c = PortalClientConfiguration(userAgent: PortalClientConfiguration.userAgent(contact: "bench@example.com"))
    if let n = options.maxTransfers { c.maxConcurrentTransfers = n }
    return c
}()
print("client: \(options.maxTransfers == nil ? "default " : "")politeness (max \(configuration.maxConcurrentTransfers) transfers at once, \(configuration.perHostMinDelay) s + jitter per host, robots.txt obeyed)")

/// User + system CPU seconds of this process so far.
func processCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// One watch round through `scheduler`, printed; its wall time.
func round(_ label: String, _ scheduler: WatchScheduler) async -> Double {
    let start = Date()
    let cpuStart = processCPU()
    let reports = await scheduler.runOnce()
    let seconds = Date().timeIntervalSince(start)
    let cpu = processCPU() - cpuStart
    var counts: [String: Int] = [:]
    for r in reports { counts[r.outcome.rawValue, default: 0] += 1 }
    let m = memory()
    let outcomes = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print("rencai   \(label.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(format: "%6.2f s", seconds))  [\(outcomes)]  CPU \(String(format: "%.2f s", cpu)) (server threads included)  RSS \(mb(m.rss)), peak \(mb(m.peak))")
    if let failure = reports.first(where: \.isFailure) { print("         first failure: \(failure.source): \(failure.detail)") }
    return seconds
}

// Rounds are hours apart in real use; here the pause only lets each host's politeness delay expire (not timed).
let pause = UInt64((configuration.perHostMinDelay + configuration.perHostJitter + 0.5) * 1e9)
let labels = ["first fetch", "nothing changed", "all changed"]
let revisionOfRound: [String?] = [nil, nil, "r2"]

/// rencai's three rounds from an empty store and a new client (robots.txt not yet read), as a first
/// `rencai watch run --once` and the two after it.
func rencaiRun(_ k: Int, fetchOnly: Bool) async throws -> [Double] {
    let store = try RencaiStore.open(at: work.appendingPathComponent("rencai-\(k).sqlite"))
    let client = PortalClient(configuration: configuration)
    let watcher = CatalogueWatcher(client: client, revisions: RevisionStore(store: store))
    let scheduler = options.window.map { WatchScheduler(watcher: watcher, sources: sources, window: $0) }
        ?? WatchScheduler(watcher: watcher, sources: sources)
    var times: [Double] = []
    for (i, label) in labels.enumerated() {
        switchRevision(revisionOfRound[i])
        try await Task.sleep(nanoseconds: pause)
        if i == 0, options.firstOnly, ProcessInfo.processInfo.environment["BENCH_PAUSE"] != nil {
            // Time for a profiler to attach to this process (`perf record -p PID`) after the setup above.
            FileHandle.standardOutput.write(Data("pid \(getpid()): round starts in 2 s\n".utf8))
            try await Task.sleep(nanoseconds: 2_000_000_000)
        }
        times.append(await round(label, scheduler))
        if options.firstOnly { break }
    }
    if fetchOnly {
        // Where a round's time goes: the same fetches alone (client and servers, no parsing).
        switchRevision(nil)
        try await Task.sleep(nanoseconds: pause)
        let fetchStart = Date()
        let fetchCPUStart = processCPU()
        let fetched = await withTaskGroup(of: Int.self) { group in
            for source in sources { group.addTask { await client.fetch(FetchRequest(url: source.url)).response?.body.count ?? 0 } }
            var total = 0
            for await n in group { total += n }
            return total
        }
        print("fetch only (\(options.sources) unconditional GETs, no parse/store): \(String(format: "%.2f s", Date().timeIntervalSince(fetchStart))), \(fetched / 1_048_576) MiB, CPU \(String(format: "%.2f s", processCPU() - fetchCPUStart)) (server threads included)")
    }
    client.shutdown()
    try store.close()
    return times
}

/// urlwatch's three rounds from an empty cache.
func urlwatchRun(_ k: Int, _ urlwatch: String) async throws -> [Double] {
    let dir = work.appendingPathComponent("urlwatch-\(k)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let urls = sources.map { "name: \($0.id)\nurl: \($0.url.absoluteString)\n" }.joined(separator: "---\n")
    try Data(urls.utf8).write(to: dir.appendingPathComponent("urls.yaml"))
    let args = ["--urls", dir.appendingPathComponent("urls.yaml").path, "--config", dir.appendingPathComponent("urlwatch.yaml").path,
                "--cache", dir.appendingPathComponent("cache.db").path, "--hooks", dir.appendingPathComponent("hooks.py").path]
    var times: [Double] = []
    for (i, label) in labels.enumerated() {
        switchRevision(revisionOfRound[i])
        try await Task.sleep(nanoseconds: pause)
        let r = runChild(urlwatch, args)
        print("urlwatch \(label.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(format: "%6.2f s", r.seconds))  (exit \(r.status >> 8))  max RSS \(mb(r.maxRSS))")
        times.append(r.seconds)
    }
    return times
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

// rencai and urlwatch take turns, so that a machine that speeds up or slows down meanwhile (a shared
// one does) affects both alike.
var mine: [[Double]] = [], theirs: [[Double]] = []
for k in 0..<options.repeats {
    mine.append(try await rencaiRun(k, fetchOnly: k == 0 && !options.firstOnly))
    if let urlwatch = options.urlwatch, !options.firstOnly { theirs.append(try await urlwatchRun(k, urlwatch)) }
}
if options.repeats > 1, !options.firstOnly {
    for (i, label) in labels.enumerated() {
        let times = mine.map { $0[i] }
        print("rencai   \(label.padding(toLength: 16, withPad: " ", startingAt: 0)) best \(String(format: "%.2f", times.min()!)) s, median \(String(format: "%.2f", median(times))) s of \(times.count)"
              + (theirs.isEmpty ? "" : "; urlwatch best \(String(format: "%.2f", theirs.map { $0[i] }.min()!)) s, median \(String(format: "%.2f", median(theirs.map { $0[i] }))) s"))
    }
}
if !theirs.isEmpty {
    func ratios(_ pick: ([Double]) -> Double) -> String {
        labels.indices.map { i in "\(labels[i]) \(String(format: "%.2f", pick(mine.map { $0[i] }) / max(pick(theirs.map { $0[i] }), 0.001)))" }.joined(separator: ", ")
    }
    if options.repeats > 1 {
        print("ratio rencai / urlwatch, medians (target ≤ 0.5): " + ratios(median))
        print("ratio rencai / urlwatch, run by run: " + (0..<mine.count).map { k in
            labels.indices.map { String(format: "%.2f", mine[k][$0] / max(theirs[k][$0], 0.001)) }.joined(separator: "/") }.joined(separator: "  "))
    } else {
        print("ratio rencai / urlwatch (target ≤ 0.5): " + ratios { $0[0] })
    }
}
let m = memory()
print("rencai peak RSS \(mb(m.peak)) (target < 300 MB)")
