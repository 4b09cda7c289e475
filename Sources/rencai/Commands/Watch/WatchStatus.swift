import ArgumentParser
import Catalogues
import Foundation
import RencaiCore

/// `rencai watch status`: per source, when it was last verified, changed, blocked or failed.
struct WatchStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each source's last success, change, block or error.",
        discussion: "\"Verified\" is the last time the portal answered with content or 304 that rencai could read: the catalogue was current then."
    )

    @OptionGroup var global: GlobalOptions

    /// One source's line, also the JSON object.
    struct Line: Encodable {
        let source: String
        let province: String
        let city: String?
        let configured: Bool
        let lastVerifiedAt: Date?
        let lastChangeAt: Date?
        let lastOutcome: String?
        let lastBlockAt: Date?
        let lastBlock: String?
        let lastErrorAt: Date?
        let lastError: String?
        let consecutiveBlocks: Int
        let needsManualImport: Bool
        let baseline: RevisionID?

        enum CodingKeys: String, CodingKey {
            case source, province, city, configured, lastVerifiedAt = "last_verified_at", lastChangeAt = "last_change_at"
            case lastOutcome = "last_outcome", lastBlockAt = "last_block_at", lastBlock = "last_block"
            case lastErrorAt = "last_error_at", lastError = "last_error", consecutiveBlocks = "consecutive_blocks"
            case needsManualImport = "needs_manual_import", baseline
        }

        func encode(to encoder: Encoder) throws {
            // Times as ISO 8601 text (JSONEncoder's default would print seconds since 2001).
            func iso(_ d: Date?) -> String? { d.map { $0.ISO8601Format() } }
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(source, forKey: .source)
            try c.encode(province, forKey: .province)
            try c.encode(city, forKey: .city)
            try c.encode(configured, forKey: .configured)
            try c.encode(iso(lastVerifiedAt), forKey: .lastVerifiedAt)
            try c.encode(iso(lastChangeAt), forKey: .lastChangeAt)
            try c.encode(lastOutcome, forKey: .lastOutcome)
            try c.encode(iso(lastBlockAt), forKey: .lastBlockAt)
            try c.encode(lastBlock, forKey: .lastBlock)
            try c.encode(iso(lastErrorAt), forKey: .lastErrorAt)
            try c.encode(lastError, forKey: .lastError)
            try c.encode(consecutiveBlocks, forKey: .consecutiveBlocks)
            try c.encode(needsManualImport, forKey: .needsManualImport)
            try c.encode(baseline, forKey: .baseline)
        }
    }

    func run() async throws {
        global.bootstrapLogging()
        let context = try CatalogueWatchContext(global)
        defer { context.close() }
        let threshold = try context.manualImportAfter
        let states = Dictionary(try context.revisions.states().map { ($0.sourceID, $0) }, uniquingKeysWith: { a, _ in a })
        var lines: [Line] = []
        for source in context.sources {
            let s = states[source.id]
            lines.append(Line(source: source.id, province: source.province, city: source.city, configured: true,
                              lastVerifiedAt: s?.lastSuccessAt, lastChangeAt: s?.lastChangeAt, lastOutcome: s?.lastOutcome,
                              lastBlockAt: s?.lastBlockAt, lastBlock: s?.lastBlockDetail, lastErrorAt: s?.lastErrorAt,
                              lastError: s?.lastErrorDetail, consecutiveBlocks: s?.consecutiveBlocks ?? 0,
                              needsManualImport: s?.needsManualImport(after: threshold) ?? false, baseline: s?.baseline))
        }
        // Sources still in the store but no longer in the config: their history is kept, say so.
        for s in states.values.sorted(by: { $0.sourceID < $1.sourceID }) where !context.sources.contains(where: { $0.id == s.sourceID }) {
            lines.append(Line(source: s.sourceID, province: s.province, city: s.city, configured: false,
                              lastVerifiedAt: s.lastSuccessAt, lastChangeAt: s.lastChangeAt, lastOutcome: s.lastOutcome,
                              lastBlockAt: s.lastBlockAt, lastBlock: s.lastBlockDetail, lastErrorAt: s.lastErrorAt,
                              lastError: s.lastErrorDetail, consecutiveBlocks: s.consecutiveBlocks,
                              needsManualImport: s.needsManualImport(after: threshold), baseline: s.baseline))
        }
        if global.json {
            try Output.json(lines)
            return
        }
        if lines.isEmpty {
            print("no sources configured and none in the store: add sources: to the config (see Templates/config/rencai.example.yaml)")
            return
        }
        print(Output.table(["SOURCE", "PROVINCE", "LAST", "VERIFIED", "CHANGED", "BLOCKED", "ERROR", "BASELINE"], lines.map { l in
            [l.source + (l.configured ? "" : " (not in config)"), l.city.map { "\(l.province)/\($0)" } ?? l.province,
             l.lastOutcome ?? "never run", WatchTime.text(l.lastVerifiedAt), WatchTime.text(l.lastChangeAt),
             WatchTime.text(l.lastBlockAt), WatchTime.text(l.lastErrorAt), l.baseline.map { "r\($0)" } ?? "-"]
        }))
        for l in lines {
            if l.needsManualImport {
                print("\(l.source): blocked \(l.consecutiveBlocks) times in a row (\(l.lastBlock ?? "bot wall")): save the page in a browser and run `rencai watch import \(l.source) FILE`")
            } else if l.lastOutcome == "error", let error = l.lastError {
                print("\(l.source): last error: \(error)")
            } else if l.lastOutcome == "blocked", let block = l.lastBlock {
                print("\(l.source): last block: \(block)")
            }
        }
    }
}
