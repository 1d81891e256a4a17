import Foundation
import GGUF
import GRDB
import Snapshot

/// The pipeline's SQLite catalog (in the state directory, shared with the
/// snapshot index): documents, runs, per-document results and segments.
/// Every change is one transaction, so a killed run leaves it consistent.
public final class Catalog: Sendable {
    let database: DatabaseQueue

    /// Opens (creating) the catalog at `path`.
    public init(path: String) throws {
        database = try StateDatabase.open(path: path) { migrator in
            SnapshotRecord.registerMigrations(&migrator)
            CatalogSchema.register(&migrator)
        }
    }

    /// A snapshot store indexed in this catalog, within `budget` bytes
    /// (default: `RetentionPolicy.defaultSnapshotBudget()`), telling `warn`
    /// what it could not keep.
    public func snapshotStore(directory: URL, budget: Int? = RetentionPolicy.defaultSnapshotBudget(),
                              warn: @escaping @Sendable (String) -> Void = SnapshotStore.standardError) -> SnapshotStore {
        SnapshotStore(directory: directory, database: database, budget: budget, warn: warn)
    }

    /// Records the start of a run. Runs still marked running whose process
    /// is gone died without recording their end: they are marked killed.
    /// Runs into other output directories may be going on at the same time
    /// (each output directory has its own lock), so a live process's run is
    /// left alone.
    public func startRun(pipeline: String, configHash: String) throws -> RunRecord {
        try database.write { db in
            let running = try RunRecord.filter(Column("status") == RunRecord.Status.running.rawValue).fetchAll(db)
            for var dead in running where !ProcessLiveness.isAlive(dead.processID) {
                dead.status = .killed
                dead.ended = Date()
                try dead.update(db)
            }
            var run = RunRecord(id: nil, pipeline: pipeline, configHash: configHash, started: Date(), ended: nil,
                                status: .running, processID: getpid())
            try run.insert(db)
            return run
        }
    }

    /// Saves a run's counts and status.
    public func update(_ run: RunRecord) throws {
        try database.write { db in try run.update(db) }
    }

    /// The successful result for `path` under `settingsKey`, if its content is unchanged.
    public func successfulResult(path: String, settingsKey: String, contentHash: String) throws -> ResultRecord? {
        try database.read { db in
            try ResultRecord.fetchOne(db, key: ["path": path, "settingsKey": settingsKey])
        }.flatMap { $0.status == .ok && $0.contentHash == contentHash ? $0 : nil }
    }

    /// Records a document, its outcome and (on success) its segments in one transaction.
    public func record(document: DocumentRecord, result: ResultRecord, segments: [SegmentRecord]) throws {
        try database.write { db in
            try document.save(db)
            if let markdown = result.markdownPath {  // the outputs now hold this result, not any other
                try ResultRecord.filter(Column("markdownPath") == markdown).deleteAll(db)
            }
            try result.save(db)
            if result.status == .ok {
                try SegmentRecord.filter(Column("path") == result.path && Column("settingsKey") == result.settingsKey)
                    .deleteAll(db)
                for segment in segments { try segment.insert(db) }
            }
        }
    }

    /// The runs of `pipeline`, newest first.
    public func runs(pipeline: String) throws -> [RunRecord] {
        try database.read { try RunRecord.filter(Column("pipeline") == pipeline).order(Column("id").desc).fetchAll($0) }
    }

    /// The most recent `limit` runs of every pipeline, newest first.
    public func runs(limit: Int) throws -> [RunRecord] {
        try database.read { try RunRecord.order(Column("id").desc).limit(limit).fetchAll($0) }
    }

    /// The run with this id, if recorded.
    public func run(id: Int64) throws -> RunRecord? {
        try database.read { try RunRecord.fetchOne($0, key: id) }
    }

    /// The results whose latest outcome run `runID` recorded (a later run of
    /// the same document and settings replaces it), by path.
    public func results(runID: Int64) throws -> [ResultRecord] {
        try database.read { try ResultRecord.filter(Column("runID") == runID).order(Column("path")).fetchAll($0) }
    }

    /// Every result row (all documents and settings).
    public func results() throws -> [ResultRecord] {
        try database.read { try ResultRecord.order(Column("path")).fetchAll($0) }
    }

    /// The segments recorded for the document at `path` under `settingsKey`, in order.
    public func segments(path: String, settingsKey: String) throws -> [SegmentRecord] {
        try database.read { db in
            try SegmentRecord.filter(Column("path") == path && Column("settingsKey") == settingsKey)
                .order(Column("position")).fetchAll(db)
        }
    }

    /// The segments recorded for documents at or under `path` (a file or a directory),
    /// from their most recent successful result, leaving out documents for
    /// which `isCurrent(path, contentHash)` is false (changed since).
    public func segments(under path: String,
                         isCurrent: (_ path: String, _ contentHash: String) -> Bool = { _, _ in true }) throws -> [SegmentRecord] {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return try database.read { db in
            let latest = try ResultRecord.filter(Column("status") == ResultRecord.Status.ok.rawValue)
                .order(Column("finished").desc).fetchAll(db)
                .filter { $0.path == path || $0.path.hasPrefix(prefix) }
            var seen = Set<String>(), segments: [SegmentRecord] = []
            for result in latest where seen.insert(result.path).inserted && isCurrent(result.path, result.contentHash) {
                segments += try SegmentRecord.filter(Column("path") == result.path && Column("settingsKey") == result.settingsKey)
                    .order(Column("position")).fetchAll(db)
            }
            return segments
        }
    }
}
