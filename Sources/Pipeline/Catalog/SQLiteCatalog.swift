import Foundation
import GGUF
import GRDB
import Snapshot

/// The catalog as one SQLite file in the state directory, shared with the
/// snapshot index: the embedded default, for the processes of one machine.
public final class SQLiteCatalog: CatalogStore {
    let database: DatabaseQueue

    /// Opens (creating) the catalog at `path`.
    public init(path: String) throws {
        database = try StateDatabase.open(path: path) { migrator in
            SnapshotRecord.registerMigrations(&migrator)
            CatalogSchema.register(&migrator)
        }
    }

    public var location: String { database.path }
    public var snapshotRegistry: any SnapshotRegistry { SQLiteSnapshotRegistry(database: database) }

    public func startRun(pipeline: String, configHash: String, local: Bool) throws -> RunRecord {
        try database.write { db in
            let running = try RunRecord.filter(Column("status") == RunRecord.Status.running.rawValue).fetchAll(db)
            for var dead in running where dead.isLocalProcessGone {
                dead.status = .killed
                dead.ended = Date()
                try dead.update(db)
            }
            var run = RunRecord.starting(pipeline: pipeline, configHash: configHash, local: local)
            try run.insert(db)
            return run
        }
    }

    public func update(_ run: RunRecord) throws {
        try database.write { db in try run.update(db) }
    }

    public func close(_ run: RunRecord) throws -> Bool {
        try database.write { db in
            guard let id = run.id, try RunRecord.fetchOne(db, key: id)?.status == .running else { return false }
            try run.update(db)
            return true
        }
    }

    public func successfulResult(path: String, settingsKey: String, contentHash: String) throws -> ResultRecord? {
        try database.read { db in
            try ResultRecord.fetchOne(db, key: ["path": path, "settingsKey": settingsKey])
        }.flatMap { $0.status == .ok && $0.contentHash == contentHash ? $0 : nil }
    }

    public func record(_ commit: ResultCommit) throws {
        try database.write { db in try Self.record(commit, in: db) }
    }

    static func record(_ commit: ResultCommit, in db: Database) throws {
        let result = commit.result
        try commit.document.save(db)
        if let markdown = result.markdownPath {  // the outputs now hold this result, not any other
            try ResultRecord.filter(Column("markdownPath") == markdown).deleteAll(db)
        }
        try result.save(db)
        if result.status == .ok {
            try SegmentRecord.filter(Column("path") == result.path && Column("settingsKey") == result.settingsKey)
                .deleteAll(db)
            for segment in commit.segments { try segment.insert(db) }
        }
    }

    public func runs(pipeline: String) throws -> [RunRecord] {
        try database.read { try RunRecord.filter(Column("pipeline") == pipeline).order(Column("id").desc).fetchAll($0) }
    }

    public func runs(limit: Int) throws -> [RunRecord] {
        try database.read { try RunRecord.order(Column("id").desc).limit(limit).fetchAll($0) }
    }

    public func run(id: Int64) throws -> RunRecord? {
        try database.read { try RunRecord.fetchOne($0, key: id) }
    }

    public func results(runID: Int64) throws -> [ResultRecord] {
        try database.read { try ResultRecord.filter(Column("runID") == runID).order(Column("path")).fetchAll($0) }
    }

    public func results() throws -> [ResultRecord] {
        try database.read { try ResultRecord.order(Column("path")).fetchAll($0) }
    }

    public func successfulResults() throws -> [ResultRecord] {
        try database.read {
            try ResultRecord.filter(Column("status") == ResultRecord.Status.ok.rawValue).order(Column("finished").desc).fetchAll($0)
        }
    }

    public func segments(path: String, settingsKey: String) throws -> [SegmentRecord] {
        try database.read { db in
            try SegmentRecord.filter(Column("path") == path && Column("settingsKey") == settingsKey)
                .order(Column("position")).fetchAll(db)
        }
    }
}

extension RunRecord {
    /// A run starting now on this host.
    public static func starting(pipeline: String, configHash: String, local: Bool) -> RunRecord {
        RunRecord(id: nil, pipeline: pipeline, configHash: configHash, started: Date(), ended: nil, status: .running,
                  processID: local ? getpid() : 0, host: HostName.current)
    }

    /// Marked running, started by a process of this host that is gone.
    public var isLocalProcessGone: Bool {
        processID != 0 && (host == nil || host == HostName.current) && !ProcessLiveness.isAlive(processID)
    }
}
