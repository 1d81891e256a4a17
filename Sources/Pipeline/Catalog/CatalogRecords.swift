import Foundation
import GRDB

/// A document the pipeline has read.
public struct DocumentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "document"
    /// Absolute path.
    public var path: String
    public var contentHash: String
    public var format: String
    public var tokens: Int
    public var lastSeen: Date
}

/// One run of a pipeline.
public struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"
    /// How a run ended.
    public enum Status: String, Codable, Sendable {
        case running, completed, failed, interrupted
        /// The process died without recording an end (found by the next run).
        case killed
    }
    public var id: Int64?
    public var pipeline: String
    public var configHash: String
    public var started: Date
    public var ended: Date?
    public var status: Status
    /// The process that started it (0 for a run submitted to a cluster,
    /// whose workers keep it alive) and its host, so only a run of this
    /// host whose process is gone is found killed.
    public var processID: Int32
    public var host: String? = nil
    public var documents = 0
    public var summarized = 0
    public var skipped = 0
    public var failed = 0

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The outcome for one document under one set of settings.
public struct ResultRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "result"
    public enum Status: String, Codable, Sendable { case ok, failed }
    public var path: String
    /// Hash of everything that shapes the summary: pipeline settings, model, pattern, summarizer version.
    public var settingsKey: String
    public var runID: Int64
    public var contentHash: String
    public var status: Status
    public var error: String?
    public var markdownPath: String?
    public var jsonPath: String?
    public var finished: Date
}

/// A segment of a summarized document, kept so questions can find the
/// segments they are about and load their snapshots.
public struct SegmentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "segment"
    public var path: String
    public var settingsKey: String
    public var position: Int
    public var label: String
    public var citation: String
    public var text: String
    public var tokens: Int
}

/// Names of the catalog's tables and migrations, shared by every catalog
/// backend so that both hold the same schema.
public enum CatalogSchema {
    /// Migration names, in the order they apply.
    public static let migrations = ["catalog-v1", "catalog-v2"]

    static func register(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("catalog-v1") { db in
            try db.create(table: DocumentRecord.databaseTableName) { t in
                t.primaryKey("path", .text)
                t.column("contentHash", .text).notNull()
                t.column("format", .text).notNull()
                t.column("tokens", .integer).notNull()
                t.column("lastSeen", .datetime).notNull()
            }
            try db.create(table: RunRecord.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("pipeline", .text).notNull().indexed()
                t.column("configHash", .text).notNull()
                t.column("started", .datetime).notNull()
                t.column("ended", .datetime)
                t.column("status", .text).notNull()
                t.column("processID", .integer).notNull()
                for c in ["documents", "summarized", "skipped", "failed"] { t.column(c, .integer).notNull().defaults(to: 0) }
            }
            try db.create(table: ResultRecord.databaseTableName) { t in
                t.column("path", .text).notNull()
                t.column("settingsKey", .text).notNull()
                t.column("runID", .integer).notNull().references(RunRecord.databaseTableName)
                t.column("contentHash", .text).notNull()
                t.column("status", .text).notNull()
                t.column("error", .text)
                t.column("markdownPath", .text)
                t.column("jsonPath", .text)
                t.column("finished", .datetime).notNull()
                t.primaryKey(["path", "settingsKey"])
            }
            try db.create(table: SegmentRecord.databaseTableName) { t in
                t.column("path", .text).notNull()
                t.column("settingsKey", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("label", .text).notNull()
                t.column("citation", .text).notNull()
                t.column("text", .text).notNull()
                t.column("tokens", .integer).notNull()
                t.primaryKey(["path", "settingsKey", "position"])
            }
        }
        migrator.registerMigration("catalog-v2") { db in
            try db.alter(table: RunRecord.databaseTableName) { t in t.add(column: "host", .text) }
            try db.create(table: WorkItem.databaseTableName) { t in
                t.column("runID", .integer).notNull().references(RunRecord.databaseTableName)
                t.column("position", .integer).notNull()
                t.column("path", .text).notNull()
                t.column("root", .text).notNull()
                t.column("relativePath", .text).notNull()
                t.column("named", .boolean).notNull()
                t.column("linkNotFollowed", .boolean).notNull()
                t.column("collision", .text)
                t.column("bytes", .integer).notNull()
                t.column("state", .text).notNull()
                t.column("worker", .text)
                t.column("token", .text)
                t.column("leaseUntil", .double)
                t.column("attempts", .integer).notNull()
                t.column("entry", .text)
                t.primaryKey(["runID", "position"])
            }
        }
    }
}
