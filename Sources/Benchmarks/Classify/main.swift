// bench-classify: accuracy and speed of the occupation classifier.
//
// Accuracy: ../shared/bench/cn-job-titles-dev.csv against ../shared/data/csco22.csv; a prediction is right
// when it equals the label or the label is a coarser group that contains it. Reported twice: with the
// classification alone, and with the dev titles as confirmed examples by 5-fold cross-validation (each
// title is classified by an index that never saw it).
// Speed: titles/s and 2 KB descriptions/s on one core (release build), index build time, resident memory.
import Foundation
import Occupations
import RencaiCore

let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let env = ProcessInfo.processInfo.environment
let shared = URL(fileURLWithPath: env["RENCAI_SHARED"] ?? checkout.deletingLastPathComponent().appendingPathComponent("shared").path)
let classificationURL = shared.appendingPathComponent("data/csco22.csv")
let devURL = shared.appendingPathComponent("bench/cn-job-titles-dev.csv")
let lexiconURL = checkout.appendingPathComponent("Templates/" + Lexicon.relativePath)

func rssMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? -1
        return kb / 1024
    }
    return -1
}

/// Weights from $OCC_TUNE ("termWeight=3,headBonus=1.5"), for tuning experiments; defaults otherwise.
func tuning() -> OccupationClassifier.Tuning {
    var t = OccupationClassifier.Tuning()
    for pair in (ProcessInfo.processInfo.environment["OCC_TUNE"] ?? "").split(separator: ",") {
        let kv = pair.split(separator: "=")
        guard kv.count == 2, let v = Float(kv[1]) else { continue }
        switch kv[0] {
        case "termWeight": t.termWeight = v
        case "headBonus": t.headBonus = v
        case "featureWeight": t.featureWeight = v
        case "exampleWeight": t.exampleWeight = v
        case "groupShare": t.groupShare = v
        case "overlapLoser": t.overlapLoser = v
        case "aliasPrior": t.aliasPrior = v
        case "occupationsFirst": t.occupationsFirst = v != 0
        case "nbWeight": t.nbWeight = v
        case "nbCandidates": t.nbCandidates = Int(v)
        default: print("OCC_TUNE: unknown weight \(kv[0])")
        }
    }
    return t
}

/// Weight of the definitions in the index's similarity features from $OCC_DESC (an experiment; default 0).
let descriptionWeight = env["OCC_DESC"].flatMap(Float.init) ?? 0

func makeIndex(_ c: Classification, _ lexicon: Lexicon, confirmed: [ConfirmedMapping] = []) -> OccupationIndex {
    OccupationIndex(classification: c, lexicon: lexicon, confirmed: confirmed, descriptionWeight: descriptionWeight)
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU seconds used by this process (single-threaded here): speed on one core even when the machine is shared.
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU seconds (user + system) used by finished child processes.
func childrenCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func isRight(_ predicted: String, label: OccupationCode) -> Bool {
    guard let p = OccupationCode(predicted) else { return false }
    let l = label.groupEquivalent
    return l.contains(p) || l.contains(p.groupEquivalent) || p == label
}

func loadAverage() -> Double {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) > 0 ? loads[0] : -1
}

do {
    guard FileManager.default.fileExists(atPath: classificationURL.path), FileManager.default.fileExists(atPath: devURL.path) else {
        print("bench-classify: \(shared.path) has no data/csco22.csv or bench/cn-job-titles-dev.csv; set RENCAI_SHARED")
        exit(66)
    }
    var t0 = now()
    let csco = try ClassificationLoader.load(contentsOf: classificationURL)
    // The user's file plus rencai's own English titles and keywords (as `rencai classify` does), unless OCC_PLAIN is set.
    let bundled = try BundledClassification.load(resources: ResourceLocator(root: checkout.appendingPathComponent("Templates")))
    let loaded = env["OCC_PLAIN"] != nil ? csco
        : LoadedClassification(classification: csco.classification.enriched(with: bundled.classification), issues: csco.issues)
    let lexicon = FileManager.default.fileExists(atPath: lexiconURL.path) ? try Lexicon.load(contentsOf: lexiconURL) : .empty
    let loadTime = now() - t0
    t0 = now()
    let index = makeIndex(loaded.classification, lexicon)
    let buildTime = now() - t0
    let classifier = OccupationClassifier(index: index, tuning: tuning())
    print("classification: \(classificationURL.path): \(loaded.classification.count) entries (\(loaded.classification.occupationCount) occupations), \(loaded.issues.count) duplicate-code issues, \(index.termCount) terms; lexicon \(lexicon.entries.count) phrases")
    print(String(format: "load %.0f ms, index build %.0f ms", loadTime * 1000, buildTime * 1000))

    let dev = try Table.read(contentsOf: devURL)
    let labelled: [(String, OccupationCode)] = dev.rows.compactMap { row in
        guard let code = OccupationCode(row[1]) else { return nil }
        return (row[0], code)
    }

    // Analysis aid: $OCC_DUMP=FILE appends "title<TAB>label<TAB>top-20 codes" for every classification.
    let dump = env["OCC_DUMP"].flatMap { FileHandle(forWritingAtPath: $0) }
    func accuracy(_ items: [(String, OccupationCode)], _ c: OccupationClassifier) -> (top1: Int, top5: Int, review: Int, reviewRight: Int) {
        var t1 = 0, t5 = 0, rv = 0, rvRight = 0
        let scratch = c.makeScratch()
        for (title, label) in items {
            if let dump {
                let wide = c.classify(title, top: 20, scratch: scratch)
                dump.write(Data("\(title)\t\(label.text)\t\(wide.candidates.map(\.code).joined(separator: " "))\n".utf8))
            }
            let r = c.classify(title, top: 5, scratch: scratch)
            if let first = r.candidates.first, isRight(first.code, label: label) { t1 += 1 }
            if r.candidates.contains(where: { isRight($0.code, label: label) }) { t5 += 1 }
            if r.review {
                rv += 1
                if let first = r.candidates.first, isRight(first.code, label: label) { rvRight += 1 }
            }
        }
        return (t1, t5, rv, rvRight)
    }
    let speedOnly = env["OCC_SPEED_ONLY"] != nil  // profiling aid: skip the accuracy passes
    if let n = env["OCC_ERRORS"].flatMap(Int.init) {
        // Debugging aid: print the first n wrong top-1 answers with their explanations.
        var shown = 0
        for (title, label) in labelled where shown < n {
            let r = classifier.classify(title, top: 5)
            if let first = r.candidates.first, isRight(first.code, label: label) { continue }
            shown += 1
            let labelTitle = loaded.classification[label]?.titleZH ?? "?"
            print("\(title) [\(JobTextNormalizer.input(title))] label \(label.text) \(labelTitle) | got \(r.candidates.prefix(2).map { "\($0.code) \($0.title) \($0.matched.prefix(2))" })")
        }
    }
    let n = Double(labelled.count)
    if env["OCC_PLAIN"] == nil && !speedOnly {
        let bare = accuracy(labelled, OccupationClassifier(index: makeIndex(csco.classification, lexicon), tuning: tuning()))
        print(String(format: "accuracy, csco22 alone, without rencai's keywords (%d titles): top-1 %.1f %%, top-5 %.1f %%",
                     labelled.count, Double(bare.top1) / n * 100, Double(bare.top5) / n * 100))
    }
    let plain = speedOnly ? (top1: 0, top5: 0, review: 0, reviewRight: 0) : accuracy(labelled, classifier)
    print(String(format: "accuracy, csco22 + rencai's English titles and keywords, as `rencai classify` uses it (%d titles): top-1 %.1f %%, top-5 %.1f %%",
                 labelled.count, Double(plain.top1) / n * 100, Double(plain.top5) / n * 100))
    print(String(format: "  review flag: %.1f %% of titles flagged; top-1 right on %.1f %% of flagged, %.1f %% of unflagged",
                 Double(plain.review) / n * 100, Double(plain.reviewRight) / Double(max(plain.review, 1)) * 100,
                 Double(plain.top1 - plain.reviewRight) / Double(max(labelled.count - plain.review, 1)) * 100))

    // 5-fold cross-validation with the other folds' titles as confirmed examples (deterministic folds).
    var cv1 = 0, cv5 = 0
    for fold in 0..<(speedOnly ? 0 : 5) {
        let train = labelled.enumerated().filter { $0.offset % 5 != fold }.map { ConfirmedMapping(text: $0.element.0, code: $0.element.1) }
        let test = labelled.enumerated().filter { $0.offset % 5 == fold }.map(\.element)
        let foldIndex = makeIndex(loaded.classification, lexicon, confirmed: train)
        let r = accuracy(test, OccupationClassifier(index: foldIndex, tuning: tuning()))
        cv1 += r.top1; cv5 += r.top5
    }
    print(String(format: "accuracy, the same + dev titles as confirmed examples, 5-fold cross-validation: top-1 %.1f %%, top-5 %.1f %%",
                 Double(cv1) / n * 100, Double(cv5) / n * 100))

    if env["OCC_ACCURACY_ONLY"] != nil { exit(0) }

    // Speed: titles on one core.
    let titles = labelled.map(\.0)
    let scratch = classifier.makeScratch()
    var sink = 0
    for t in titles { sink &+= classifier.classify(t, top: 5, scratch: scratch).candidates.count }
    let rounds = 30
    t0 = now()
    var c0 = cpuNow()
    for _ in 0..<rounds { for t in titles { sink &+= classifier.classify(t, top: 5, scratch: scratch).candidates.count } }
    let titleRate = Double(rounds * titles.count) / (cpuNow() - c0)
    let titleWall = Double(rounds * titles.count) / (now() - t0)
    print(String(format: "speed: %.0f titles/s per CPU-second on one core (top 5, %d classifications; %.0f/s wall-clock on this shared machine, load %.1f)",
                 titleRate, rounds * titles.count, titleWall, loadAverage()))

    // The same with all dev titles as confirmed mappings (a company with a long decision history).
    let withExamples = OccupationClassifier(index: makeIndex(loaded.classification, lexicon,
        confirmed: labelled.map { ConfirmedMapping(text: $0.0, code: $0.1) }), tuning: tuning())
    let scratch2 = withExamples.makeScratch()
    c0 = cpuNow()
    for _ in 0..<rounds { for t in titles { sink &+= withExamples.classify(t, top: 5, scratch: scratch2).candidates.count } }
    print(String(format: "speed: %.0f titles/s per CPU-second with %d confirmed mappings in the index", Double(rounds * titles.count) / (cpuNow() - c0), labelled.count))

    // 2 KB descriptions: dev titles glued into job-ad-like paragraphs of about 2,048 UTF-8 bytes.
    var descriptions: [String] = []
    var i = 0
    while descriptions.count < 500 {
        var d = "岗位职责："
        while d.utf8.count < 2048 { d += titles[i % titles.count] + "，负责团队日常工作与客户沟通；任职要求：本科以上学历。"; i += 1 }
        descriptions.append(String(d.utf8.prefix(2048)) ?? d)
    }
    c0 = cpuNow()
    for d in descriptions { sink &+= classifier.classify(d, top: 5, scratch: scratch).candidates.count }
    let descRate = Double(descriptions.count) / (cpuNow() - c0)
    print(String(format: "speed: %.0f descriptions/s per CPU-second (2 KB each, one core)", descRate))
    print(String(format: "resident memory with csco22 loaded and indexed: %.1f MB", rssMB()))

    // End to end: the built `rencai` next to this binary, one title per process (bundled list, then csco22 imported).
    let rencai = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rencai")
    if FileManager.default.isExecutableFile(atPath: rencai.path) {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("bench-classify-\(getpid()).sqlite")
        defer { for ext in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store.path + ext) } }
        // posix_spawn + waitpid: Foundation.Process polls for exit and would add tens of milliseconds.
        func run(_ args: [String]) throws -> Double {
            let argv = [rencai.path] + args + ["--store", store.path, "--templates", checkout.appendingPathComponent("Templates").path]
            var cArgs = argv.map { strdup($0) } + [nil]
            defer { for a in cArgs { free(a) } }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let t = now()
            let c = childrenCPU()
            var pid: pid_t = 0
            guard posix_spawn(&pid, rencai.path, &actions, nil, &cArgs, environ) == 0 else {
                throw InputError("cannot start \(rencai.path)", status: .unavailable)
            }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            lastCPU = childrenCPU() - c
            return now() - t
        }
        var lastCPU = 0.0
        func median(_ label: String) throws {
            var times: [Double] = []
            var cpu: [Double] = []
            for _ in 0..<7 { times.append(try run(["classify", "Java开发工程师（急招）8k-12k", "--top", "3"])); cpu.append(lastCPU) }
            times.sort(); cpu.sort()
            print(String(format: "end to end, one `rencai classify TEXT` (%@): CPU median %.0f ms; wall-clock median %.0f ms, best %.0f ms of 7 runs",
                         label, cpu[3] * 1000, times[3] * 1000, times[0] * 1000))
        }
        try median("bundled list")
        _ = try run(["occupations", "import", classificationURL.path])
        try median("csco22 imported into the store")
    } else {
        print("end to end: \(rencai.path) not built; run `swift build -c release --product rencai` first")
    }
    if sink == 42 { print("") }
} catch let error as UserFacingError {
    print("bench-classify: \(error.message)")
    exit(error.exitStatus.rawValue)
} catch {
    print("bench-classify: \(error)")
    exit(70)
}
