import Foundation
import Logging
import RencaiCore
import Standards
import Store
import Watch

/// What the alerts subcommands share: the store, the `alerts:` config section and the rules.
struct AlertsEnvironment {
    let store: RencaiStore
    let pipeline: AlertPipeline

    init(global: GlobalOptions, needRules: Bool = false) throws {
        global.bootstrapLogging()
        let config = try global.loadConfig()
        store = try RencaiStore.open(at: global.storeURL(config: config))
        pipeline = try Self.pipeline(store: store, config: config, global: global, needRules: needRules)
    }

    /// The alerts pipeline over `store` as the configuration sets it up: channels, the rules (bundled
    /// or `alerts.rules_file`), and the hires' profiles for re-assessment (`alerts.profiles`).
    /// `watch run` and `watch import` use it too, so that impact is recorded with each revision.
    static func pipeline(store: RencaiStore, config: RencaiConfig, global: GlobalOptions, needRules: Bool = false) throws -> AlertPipeline {
        let alerts = try AlertsConfig.load(from: config)
        // Paths in the config are relative to the config file, like the store path.
        let base = config.url?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func resolve(_ path: String) -> URL {
            let expanded = (path as NSString).expandingTildeInPath
            return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : base.appendingPathComponent(expanded)
        }
        var rules: AlertRules? = nil
        let resources = try? global.resources()
        if let file = alerts.rulesFile {
            rules = try AlertRules.load(from: resolve(file))
        } else if let resources {
            rules = try AlertRules.bundled(resources)
        } else if needRules {
            rules = try AlertRules.bundled(try global.resources())
        }
        var reassessor: ProfileReassessor? = nil
        if let folder = alerts.profiles {
            reassessor = try ProfileReassessor.load(directory: resolve(folder), assessor: try Assessor.bundled(try global.resources()))
        }
        return AlertPipeline(store: store, alerts: alerts, rules: rules, reassessor: reassessor, logger: Logger(label: "rencai.alerts"))
    }
}

/// The JSON form of an alert for `--json` output: the record channels receive, plus when it was acknowledged
/// and (for `alerts show`) its deliveries.
struct AlertJSON: Encodable {
    let record: AlertRecord
    let ackedAt: String?
    let deliveries: [DeliveryJSON]?

    init(_ alert: Alert, deliveries: [DeliveryState]? = nil) {
        record = AlertRecord(alert)
        ackedAt = alert.ackedAt
        self.deliveries = deliveries.map { $0.map(DeliveryJSON.init) }
    }

    private enum Extra: String, CodingKey { case ackedAt = "acked_at", deliveries }

    /// The record's keys and the extra ones in one object.
    func encode(to encoder: Encoder) throws {
        try record.encode(to: encoder)
        var container = encoder.container(keyedBy: Extra.self)
        try container.encodeIfPresent(ackedAt, forKey: .ackedAt)
        try container.encodeIfPresent(deliveries, forKey: .deliveries)
    }
}

struct DeliveryJSON: Encodable {
    let channel: String
    let status: String
    let attempts: Int
    let next_attempt_at: String?
    let last_error: String?
    let delivered_at: String?

    init(_ state: DeliveryState) {
        channel = state.channel
        status = state.status
        attempts = state.attempts
        next_attempt_at = state.isDelivered ? nil : Date(timeIntervalSince1970: state.nextAttemptAt).ISO8601Format()
        last_error = state.lastError
        delivered_at = state.deliveredAt
    }
}
