import Foundation
import GRDB

/// Where a snapshot store records what each `.pkv` file holds and when it
/// was last used: the SQLite state file on one machine
/// (`SQLiteSnapshotRegistry`), or the shared PostgreSQL catalog when several
/// machines share one snapshot directory, so every host sees the same index.
public protocol SnapshotRegistry: Sendable {
    /// Where the index is, for messages (a file path or a URL without its password).
    var location: String { get }
    /// Inserts or replaces the row of `record.id`.
    func save(_ record: SnapshotRecord) throws
    /// The row of `id`, if indexed.
    func record(id: String) throws -> SnapshotRecord?
    /// Drops the row of `id` (nothing when there is none).
    func delete(id: String) throws
    /// Every row, most recently used first.
    func all() throws -> [SnapshotRecord]
    /// Every indexed id.
    func ids() throws -> Set<String>
    /// Marks `id` used at `now` (and by `source` when given), indexing it as
    /// `fresh` when its row was lost; returns the row as saved.
    func markUsed(id: String, fresh: SnapshotRecord, now: Date, source: String?) throws -> SnapshotRecord
    /// Drops the rows of `missing` and adds `found`, in one transaction.
    func reconcile(dropping missing: Set<String>, adding found: [SnapshotRecord]) throws
}

/// The snapshot index as a table of the SQLite state database.
public struct SQLiteSnapshotRegistry: SnapshotRegistry {
    /// The database (already migrated with `SnapshotRecord.registerMigrations`).
    public let database: DatabaseQueue

    public init(database: DatabaseQueue) { self.database = database }

    public var location: String { database.path }

    public func save(_ record: SnapshotRecord) throws { try database.write { try record.save($0) } }

    public func record(id: String) throws -> SnapshotRecord? {
        try database.read { try SnapshotRecord.fetchOne($0, key: id) }
    }

    public func delete(id: String) throws { _ = try database.write { try SnapshotRecord.deleteOne($0, key: id) } }

    public func all() throws -> [SnapshotRecord] {
        try database.read { try SnapshotRecord.order(Column("lastUsed").desc).fetchAll($0) }
    }

    public func ids() throws -> Set<String> {
        try database.read { try String.fetchSet($0, sql: "SELECT id FROM \(SnapshotRecord.databaseTableName)") }
    }

    public func markUsed(id: String, fresh: SnapshotRecord, now: Date, source: String?) throws -> SnapshotRecord {
        try database.write { db in
            var record = try SnapshotRecord.fetchOne(db, key: id) ?? fresh
            record.lastUsed = now
            if let source { record.source = source }
            try record.save(db)
            return record
        }
    }

    public func reconcile(dropping missing: Set<String>, adding found: [SnapshotRecord]) throws {
        try database.write { db in
            for id in missing { try SnapshotRecord.deleteOne(db, key: id) }
            for record in found { try record.save(db) }
        }
    }
}

/// An index other than SQLite that could not be read or written (a lost
/// connection, a refused statement): where it is and why.
public struct SnapshotRegistryError: Error, CustomStringConvertible {
    public let location: String
    public let reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "the snapshot registry at \(location): \(reason)" }
}
