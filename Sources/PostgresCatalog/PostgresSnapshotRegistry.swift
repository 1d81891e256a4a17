import Foundation
import PostgresNIO
import Snapshot

/// The snapshot index as a table of the shared PostgreSQL catalog, for a
/// snapshot directory on a filesystem that several machines share.
struct PostgresSnapshotRegistry: SnapshotRegistry {
    let link: PostgresLink

    var location: String { link.url.redacted }

    func save(_ record: SnapshotRecord) throws {
        try registry { try link.upsert(record, into: "snapshot", key: ["id"]) }
    }

    func record(id: String) throws -> SnapshotRecord? {
        try registry { try link.fetchOne(SnapshotRecord.self, #"SELECT row_to_json(s)::text FROM "snapshot" s WHERE "id" = \#(id)"#) }
    }

    func delete(id: String) throws {
        _ = try registry { try link.query(#"DELETE FROM "snapshot" WHERE "id" = \#(id)"#) }
    }

    func all() throws -> [SnapshotRecord] {
        try registry {
            try link.fetch(SnapshotRecord.self, #"SELECT row_to_json(s)::text FROM "snapshot" s ORDER BY "lastUsed" DESC"#)
        }
    }

    func ids() throws -> Set<String> {
        try registry { Set(try link.query(#"SELECT "id" FROM "snapshot""#).map { try $0.decode(String.self) }) }
    }

    func markUsed(id: String, fresh: SnapshotRecord, now: Date, source: String?) throws -> SnapshotRecord {
        try registry {
            try link.transaction { tx in
                var record = try tx.fetchOne(SnapshotRecord.self,
                                             #"SELECT row_to_json(s)::text FROM "snapshot" s WHERE "id" = \#(id) FOR UPDATE"#) ?? fresh
                record.lastUsed = now
                if let source { record.source = source }
                try tx.upsert(record, into: "snapshot", key: ["id"])
                return record
            }
        }
    }

    func reconcile(dropping missing: Set<String>, adding found: [SnapshotRecord]) throws {
        try registry {
            try link.transaction { tx in
                for id in missing { try tx.query(#"DELETE FROM "snapshot" WHERE "id" = \#(id)"#) }
                for record in found { try tx.upsert(record, into: "snapshot", key: ["id"]) }
            }
        }
    }

    /// Runs `body`, reporting a failure as the snapshot store expects.
    private func registry<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let failure as PostgresFailure {
            throw SnapshotRegistryError(location: failure.location, reason: failure.reason)
        }
    }
}
