import Foundation
import GRDB

/// One stored snapshot as the index lists it.
public struct SnapshotRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "snapshot"

    /// `SnapshotKey.id`.
    public var id: String
    /// Path of the `.pkv` file relative to the store's directory.
    public var file: String
    /// What was prefilled, for people: a document path, with a segment label when there is one.
    public var source: String
    public var documentHash: String
    public var modelFingerprint: String
    public var patternFingerprint: String
    public var sparsity: Double
    public var sink: Int
    public var recent: Int
    public var chunk: Int
    public var framingVersion: Int
    public var codec: String
    /// Tokens the snapshot holds.
    public var tokens: Int
    /// Size of the file.
    public var bytes: Int
    public var created: Date
    /// When a question last loaded it (pruning removes the least recently used first).
    public var lastUsed: Date

    /// Registers the index table.
    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("snapshot-index-v1") { db in
            try db.create(table: databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("file", .text).notNull()
                t.column("source", .text).notNull()
                t.column("documentHash", .text).notNull().indexed()
                t.column("modelFingerprint", .text).notNull()
                t.column("patternFingerprint", .text).notNull()
                t.column("sparsity", .double).notNull()
                t.column("sink", .integer).notNull()
                t.column("recent", .integer).notNull()
                t.column("chunk", .integer).notNull()
                t.column("framingVersion", .integer).notNull()
                t.column("codec", .text).notNull()
                t.column("tokens", .integer).notNull()
                t.column("bytes", .integer).notNull()
                t.column("created", .datetime).notNull()
                t.column("lastUsed", .datetime).notNull()
            }
        }
    }
}
