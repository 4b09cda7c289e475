import Foundation
import GRDB
import Logging
import RencaiCore
import Store

/// The entry points `rencai watch run` and the CLI use: impact inside the revision's transaction,
/// delivery after the commit.
///
/// ```swift
/// let pipeline = try AlertPipeline(store: store, config: config, rules: try AlertRules.bundled(resources))
/// try store.write { db in
///     // … record the revision …
///     try pipeline.recordImpact(of: changes, in: db)
/// }
/// let report = pipeline.deliver()
/// ```
public struct AlertPipeline: Sendable {
    public let store: RencaiStore
    public let alerts: AlertsConfig
    public let rules: AlertRules?
    public let logger: Logger
    /// Hires' candidate profiles, to re-run their assessment when a revision changes their listing.
    public let reassessor: ProfileReassessor?

    public init(store: RencaiStore, alerts: AlertsConfig, rules: AlertRules?, reassessor: ProfileReassessor? = nil,
                logger: Logger = Logger(label: "rencai.alerts")) {
        self.store = store
        self.alerts = alerts
        self.rules = rules
        self.reassessor = reassessor
        self.logger = logger
    }

    /// Reads the `alerts:` section of the configuration.
    public init(store: RencaiStore, config: RencaiConfig, rules: AlertRules?, reassessor: ProfileReassessor? = nil,
                logger: Logger = Logger(label: "rencai.alerts")) throws {
        self.init(store: store, alerts: try AlertsConfig.load(from: config), rules: rules, reassessor: reassessor, logger: logger)
    }

    /// Joins the change set with the hires registry (read in the same transaction) and stores the alerts,
    /// routed to the configured channels. Call it inside the transaction that records the revision.
    /// Returns the ids of the alerts created (none when this revision was already analysed).
    @discardableResult
    public func recordImpact(of changes: CatalogueChangeSet, in db: Database, now: Date = Date()) throws -> [Int64] {
        let hires = try Hire.fetchAll(db)
        let result = ImpactAnalyzer(rules: rules, reassessor: reassessor, today: Day(date: now)).analyze(changes, hires: hires)
        if !result.unmatchedRows.isEmpty {
            logger.info("\(changes.sourceID) revision \(changes.revision): \(result.unmatchedRows.count) changed row(s) have no occupation code and match no hire")
        }
        if !result.editionMismatches.isEmpty {
            logger.warning("\(changes.sourceID) revision \(changes.revision): hires \(result.editionMismatches.joined(separator: ", ")) carry occupation codes of another classification edition than the catalogue's \(changes.edition): re-code them to the \(changes.edition) edition to match them")
        }
        return try Outbox.record(result.alerts, routes: alerts.channels, in: db, now: now)
    }

    /// Stores permit-expiry alerts for hires whose permit expires within the window (config
    /// `alerts.expiry_window_days`, else the rules' `expiry_warning.window_days`, else `windowDays`).
    @discardableResult
    public func recordPermitExpiry(today: Day = Day.today(), windowDays: Int? = nil, now: Date = Date()) throws -> [Int64] {
        guard let rules else { throw InputError("the alert rules (rules/alert-rules.yaml) are needed for permit-expiry alerts", status: .noInput) }
        let scanner = PermitExpiryScanner(rules: rules, windowDays: windowDays ?? alerts.expiryWindowDays)
        return try store.write { db in
            try Outbox.record(scanner.scan(try Hire.fetchAll(db), today: today), routes: alerts.channels, in: db, now: now)
        }
    }

    /// One delivery pass over everything due (call after the revision's transaction has committed).
    public func deliver(now: Date = Date()) throws -> Deliverer.Report {
        try deliverer().deliverDue(now: now)
    }

    /// The deliverer for the configured channels (secrets resolved from the environment).
    public func deliverer() throws -> Deliverer {
        Deliverer(store: store, channels: try alerts.channels.map { try $0.resolved() }, policy: alerts.delivery, logger: logger)
    }
}
