import GRDB

extension StoreMigration {
    /// Watched catalogue sources: one state row per source (validators, last success/change/block/error,
    /// consecutive blocks, baseline) and the revisions (raw response deflated, parsed catalogue as JSON).
    /// A block or an error only ever touches `catalogue_source`; revisions are written only for content.
    static let catalogues_v1 = StoreMigration(identifier: "040_catalogues") { db in
        try db.create(table: "catalogue_source") { t in
            t.primaryKey("source_id", .text)
            t.column("province", .text).notNull()
            t.column("city", .text)
            t.column("url", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("etag", .text)
            t.column("last_modified", .text)
            t.column("content_hash", .text)
            t.column("last_unconditional_at", .text)
            t.column("last_attempt_at", .text)
            t.column("last_outcome", .text)
            t.column("last_success_at", .text)
            t.column("last_change_at", .text)
            t.column("last_block_at", .text)
            t.column("last_block_detail", .text)
            t.column("last_error_at", .text)
            t.column("last_error_detail", .text)
            t.column("consecutive_blocks", .integer).notNull().defaults(to: 0)
            t.column("baseline_revision", .integer)
        }
        try db.create(table: "catalogue_revision") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("source_id", .text).notNull().indexed()
            t.column("province", .text).notNull()
            t.column("city", .text)
            t.column("previous_id", .integer)
            t.column("created_at", .text).notNull()
            t.column("origin", .text).notNull()
            t.column("url", .text).notNull()
            t.column("media_type", .text)
            t.column("raw_size", .integer).notNull()
            t.column("raw_sha256", .text).notNull()
            t.column("raw_deflate", .blob).notNull()
            t.column("catalogue_json", .blob).notNull()
            t.column("row_count", .integer).notNull()
            t.column("finding_count", .integer).notNull()
            t.column("added", .integer).notNull()
            t.column("removed", .integer).notNull()
            t.column("changed", .integer).notNull()
        }
    }
}
