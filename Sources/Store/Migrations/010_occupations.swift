import GRDB

extension StoreMigration {
    /// Occupation coding: the company's confirmed mappings (text → code) and an imported classification
    /// (one active import per edition; entries keep the user's titles, keywords and aliases).
    static let occupations_v1 = StoreMigration(identifier: "010_occupations") { db in
        try db.create(table: "occupation_mapping") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("text", .text).notNull()
            t.column("normalized_text", .text).notNull()
            t.column("edition", .text).notNull().defaults(to: "2022")
            t.column("code", .text).notNull()
            t.column("note", .text)
            t.column("confirmed_at", .text).notNull()
            t.uniqueKey(["normalized_text", "edition"])
        }
        try db.create(table: "occupation_import") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("edition", .text).notNull().unique()
            t.column("source", .text).notNull()
            t.column("imported_at", .text).notNull()
            t.column("entry_count", .integer).notNull()
        }
        try db.create(table: "occupation_entry") { t in
            t.column("import_id", .integer).notNull().references("occupation_import", onDelete: .cascade)
            t.column("code", .text).notNull()
            t.column("title_zh", .text).notNull()
            t.column("title_en", .text)
            t.column("markers", .text).notNull().defaults(to: "")
            t.column("keywords", .text).notNull().defaults(to: "")
            t.column("aliases", .text).notNull().defaults(to: "")
            t.column("description", .text)
            t.primaryKey(["import_id", "code"])
        }
    }
}
