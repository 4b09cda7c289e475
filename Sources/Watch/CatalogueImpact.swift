import Catalogues
import Foundation
import GRDB
import RencaiCore

extension CatalogueChangeSet {
    /// The change set of a catalogue revision recorded by ``RevisionStore``: the source's place and the
    /// keyed diff's added, removed and changed rows. Rows keyed by title keep their `title:` key (they
    /// match no hire by code and are reported as unmatched).
    ///
    /// `tags` are the routes the source's list underpins (config `alerts.source_routes`), e.g.
    /// `["urgent_need"]` for an urgent-need list.
    public init(source: CatalogueSource, revision: RevisionID, diff: CatalogueDiff, tags: [String] = []) {
        func key(_ rowKey: RowKey) -> String { rowKey.code?.text ?? rowKey.text }
        var changes: [RowChange] = []
        for entry in diff.removed {
            changes.append(RowChange(key: key(entry.key), kind: .removed, title: entry.row.title, row: entry.row.cells))
        }
        for change in diff.changed {
            changes.append(RowChange(key: key(change.key), kind: .changed, title: change.new.title ?? change.old.title,
                                     fields: change.fields.mapValues { FieldChange(old: $0.old, new: $0.new) }))
        }
        for entry in diff.added {
            changes.append(RowChange(key: key(entry.key), kind: .added, title: entry.row.title, row: entry.row.cells))
        }
        self.init(sourceID: source.id, province: source.province, city: source.city, revision: String(revision.rawValue),
                  sourceTitle: nil, tags: tags, changes: changes)
    }
}

extension AlertPipeline {
    /// The impact of a revision recorded by ``RevisionStore/record(_:document:for:validators:at:alongside:)``,
    /// stored in the outbox inside the same transaction. A source's first revision (`diff.from == nil`)
    /// is a baseline, not a change, and produces no alert.
    ///
    /// ```swift
    /// let result = try revisions.record(catalogue, document: doc, for: source, alongside: pipeline.alongside(for: source))
    /// try pipeline.deliver()          // after the commit
    /// ```
    @discardableResult
    public func recordImpact(of diff: CatalogueDiff, revision: RevisionID, source: CatalogueSource, in db: Database,
                             now: Date = Date()) throws -> [Int64] {
        guard diff.from != nil else { return [] }
        let changes = CatalogueChangeSet(source: source, revision: revision, diff: diff, tags: alerts.sourceRoutes[source.id] ?? [])
        return try recordImpact(of: changes, in: db, now: now)
    }

    /// The closure to pass as `alongside:` to ``RevisionStore``'s `record`: records the impact in the
    /// revision's transaction (if it throws, the revision is not recorded either).
    public func alongside(for source: CatalogueSource) -> RevisionStore.Alongside {
        { db, revision, diff in try recordImpact(of: diff, revision: revision, source: source, in: db) }
    }

    /// The per-source factory `WatchScheduler` and `watch run` take (``CatalogueWatcher/AlongsideFactory``).
    ///
    /// ```swift
    /// let scheduler = WatchScheduler(watcher: watcher, sources: sources, alongside: pipeline.alongsideFactory())
    /// ```
    public func alongsideFactory() -> CatalogueWatcher.AlongsideFactory {
        { source in self.alongside(for: source) }
    }
}
