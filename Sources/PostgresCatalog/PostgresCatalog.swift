import Foundation
import Pipeline
import PostgresNIO
import Snapshot

/// The catalog in a PostgreSQL database that workers on many machines
/// share: the same tables as `SQLiteCatalog`, each change one transaction,
/// leases timed by the server's clock so workers' clocks need not agree.
public final class PostgresCatalog: CatalogStore, @unchecked Sendable {
    let link: PostgresLink

    /// Connects to `url` (see `PostgresURL`) and applies missing migrations.
    public convenience init(url: String) throws {
        try self.init(url: try PostgresURL(url))
    }

    public init(url: PostgresURL) throws {
        link = try PostgresLink(url: url)
        try PostgresSchema.migrate(link)
    }

    /// Where it connects (with the password, for opening it again).
    public var url: PostgresURL { link.url }

    public var location: String { link.url.redacted }
    public var snapshotRegistry: any SnapshotRegistry { PostgresSnapshotRegistry(link: link) }

    public func startRun(pipeline: String, configHash: String, local: Bool) throws -> RunRecord {
        try link.transaction { tx in
            let running = try tx.fetch(RunRecord.self, #"SELECT row_to_json(r)::text FROM "run" r WHERE "status" = 'running' FOR UPDATE"#)
            for var dead in running where dead.isLocalProcessGone {
                dead.status = .killed
                dead.ended = Date()
                try tx.upsert(dead, into: "run", key: ["id"])
            }
            var run = RunRecord.starting(pipeline: pipeline, configHash: configHash, local: local)
            let json = try PostgresRowCoding.json(run)
            let rows = try tx.query("""
                INSERT INTO "run" SELECT * FROM jsonb_populate_record(NULL::"run",
                  \(json)::jsonb || jsonb_build_object('id', nextval(pg_get_serial_sequence('"run"', 'id'))))
                RETURNING "id"
                """)
            for row in rows { run.id = try row.decode(Int64.self) }
            return run
        }
    }

    public func update(_ run: RunRecord) throws {
        try link.upsert(run, into: "run", key: ["id"])
    }

    public func close(_ run: RunRecord) throws -> Bool {
        guard let id = run.id else { return false }
        return try link.transaction { tx in
            let status = try tx.query(#"SELECT "status" FROM "run" WHERE "id" = \#(id) FOR UPDATE"#).first
                .map { try $0.decode(String.self) }
            guard status == RunRecord.Status.running.rawValue else { return false }
            try tx.upsert(run, into: "run", key: ["id"])
            return true
        }
    }

    public func run(id: Int64) throws -> RunRecord? {
        try link.fetchOne(RunRecord.self, #"SELECT row_to_json(r)::text FROM "run" r WHERE "id" = \#(id)"#)
    }

    public func runs(pipeline: String) throws -> [RunRecord] {
        try link.fetch(RunRecord.self, #"SELECT row_to_json(r)::text FROM "run" r WHERE "pipeline" = \#(pipeline) ORDER BY "id" DESC"#)
    }

    public func runs(limit: Int) throws -> [RunRecord] {
        try link.fetch(RunRecord.self, #"SELECT row_to_json(r)::text FROM "run" r ORDER BY "id" DESC LIMIT \#(limit)"#)
    }

    public func successfulResult(path: String, settingsKey: String, contentHash: String) throws -> ResultRecord? {
        try link.fetchOne(ResultRecord.self, """
            SELECT row_to_json(r)::text FROM "result" r
            WHERE "path" = \(path) AND "settingsKey" = \(settingsKey) AND "status" = 'ok' AND "contentHash" = \(contentHash)
            """)
    }

    public func record(_ commit: ResultCommit) throws {
        try link.transaction { tx in try Self.record(commit, in: tx) }
    }

    /// Records `commit` inside `tx`: the outputs it names hold this result, not any other.
    static func record(_ commit: ResultCommit, in tx: PostgresTransaction) throws {
        let result = commit.result
        try tx.upsert(commit.document, into: "document", key: ["path"])
        if let markdown = result.markdownPath {
            try tx.query(#"DELETE FROM "result" WHERE "markdownPath" = \#(markdown)"#)
        }
        try tx.upsert(result, into: "result", key: ["path", "settingsKey"])
        if result.status == .ok {
            try tx.query(#"DELETE FROM "segment" WHERE "path" = \#(result.path) AND "settingsKey" = \#(result.settingsKey)"#)
            try tx.insert(commit.segments, into: "segment")
        }
    }

    public func results(runID: Int64) throws -> [ResultRecord] {
        try link.fetch(ResultRecord.self, #"SELECT row_to_json(r)::text FROM "result" r WHERE "runID" = \#(runID) ORDER BY "path" COLLATE "C""#)
    }

    public func results() throws -> [ResultRecord] {
        try link.fetch(ResultRecord.self, #"SELECT row_to_json(r)::text FROM "result" r ORDER BY "path" COLLATE "C""#)
    }

    public func successfulResults() throws -> [ResultRecord] {
        try link.fetch(ResultRecord.self,
                       #"SELECT row_to_json(r)::text FROM "result" r WHERE "status" = 'ok' ORDER BY "finished" DESC"#)
    }

    public func segments(path: String, settingsKey: String) throws -> [SegmentRecord] {
        try link.fetch(SegmentRecord.self, """
            SELECT row_to_json(s)::text FROM "segment" s WHERE "path" = \(path) AND "settingsKey" = \(settingsKey)
            ORDER BY "position"
            """)
    }
}
