import Foundation
import GGUF
import Snapshot

/// Where a pipeline's runs, documents, results and segments are recorded,
/// and where a run's documents are handed out to workers: the embedded
/// SQLite file (`SQLiteCatalog`, the default) or a PostgreSQL database
/// several machines share (`PostgresCatalog`), chosen by `CatalogLocation`.
/// Every change is one transaction, so a killed process leaves it consistent.
public protocol CatalogStore: AnyObject, Sendable {
    /// Where it is, for messages (a file path, or a URL without its password).
    var location: String { get }
    /// The index of the snapshots made for its documents.
    var snapshotRegistry: any SnapshotRegistry { get }

    /// Records the start of a run by this process (`local`: it stays alive
    /// for the run) or one submitted for workers elsewhere. Runs of this
    /// host still marked running whose process is gone are marked killed.
    func startRun(pipeline: String, configHash: String, local: Bool) throws -> RunRecord
    /// Saves a run's counts and status.
    func update(_ run: RunRecord) throws
    /// Ends a run still marked running with `status` and its counts;
    /// false when another process ended it first.
    func close(_ run: RunRecord) throws -> Bool
    /// The run with this id, if recorded.
    func run(id: Int64) throws -> RunRecord?
    /// The runs of `pipeline`, newest first.
    func runs(pipeline: String) throws -> [RunRecord]
    /// The most recent `limit` runs of every pipeline, newest first.
    func runs(limit: Int) throws -> [RunRecord]

    /// The successful result for `path` under `settingsKey`, if its content is unchanged.
    func successfulResult(path: String, settingsKey: String, contentHash: String) throws -> ResultRecord?
    /// Records a document, its outcome and (on success) its segments in one transaction.
    func record(_ commit: ResultCommit) throws
    /// The results whose latest outcome run `runID` recorded, by path.
    func results(runID: Int64) throws -> [ResultRecord]
    /// Every result row (all documents and settings), by path.
    func results() throws -> [ResultRecord]
    /// The successful results, most recently finished first.
    func successfulResults() throws -> [ResultRecord]
    /// The segments recorded for the document at `path` under `settingsKey`, in order.
    func segments(path: String, settingsKey: String) throws -> [SegmentRecord]

    /// Adds a run's documents as pending work.
    func enqueue(_ items: [WorkItem]) throws
    /// Claims the first item of run `runID` that is pending or whose lease
    /// ran out, for `worker`, for `lease` seconds. An item already claimed
    /// `maxAttempts` times whose lease ran out is done as failed instead
    /// (its document kept killing its workers). Nil when none is claimable.
    func claim(runID: Int64, worker: String, lease: TimeInterval, maxAttempts: Int) throws -> WorkClaim?
    /// Extends a claim's lease; false when the claim was lost.
    func renew(_ claim: WorkClaim, lease: TimeInterval) throws -> Bool
    /// Gives a claimed item back as pending (its worker is stopping).
    func release(_ claim: WorkClaim) throws
    /// Commits a claimed item's outcome with what it records, in one
    /// transaction. Throws `WorkRefusal` when the claim was lost or the item
    /// is already done: an outcome is committed once.
    func complete(_ claim: WorkClaim, entry: BatchEntry, commit: ResultCommit?) throws
    /// Every work item of run `runID`, in order.
    func work(runID: Int64) throws -> [WorkItem]
}

extension CatalogStore {
    /// A snapshot store indexed in this catalog, within `budget` bytes
    /// (default: `RetentionPolicy.defaultSnapshotBudget()`), telling `warn`
    /// what it could not keep.
    public func snapshotStore(directory: URL, budget: Int? = RetentionPolicy.defaultSnapshotBudget(),
                              warn: @escaping @Sendable (String) -> Void = SnapshotStore.standardError) -> SnapshotStore {
        SnapshotStore(directory: directory, index: snapshotRegistry, budget: budget, warn: warn)
    }

    /// The segments recorded for documents at or under `path` (a file or a directory),
    /// from their most recent successful result, leaving out documents for
    /// which `isCurrent(path, contentHash)` is false (changed since).
    public func segments(under path: String,
                         isCurrent: (_ path: String, _ contentHash: String) -> Bool = { _, _ in true }) throws -> [SegmentRecord] {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let latest = try successfulResults().filter { $0.path == path || $0.path.hasPrefix(prefix) }
        var seen = Set<String>(), segments: [SegmentRecord] = []
        for result in latest where seen.insert(result.path).inserted && isCurrent(result.path, result.contentHash) {
            segments += try self.segments(path: result.path, settingsKey: result.settingsKey)
        }
        return segments
    }

    /// How far run `runID`'s work has got.
    public func progress(runID: Int64) throws -> WorkProgress { WorkProgress(try work(runID: runID)) }
}

/// This machine's name, for run and worker records.
public enum HostName {
    public static var current: String { TemporaryName.host }

    /// `host:pid` of this process: who holds a claim.
    public static var worker: String { "\(current):\(getpid())" }
}

extension CatalogStore {
    /// Records the start of a run by this process.
    public func startRun(pipeline: String, configHash: String) throws -> RunRecord {
        try startRun(pipeline: pipeline, configHash: configHash, local: true)
    }

    /// Records a document, its outcome and (on success) its segments in one transaction.
    public func record(document: DocumentRecord, result: ResultRecord, segments: [SegmentRecord]) throws {
        try record(ResultCommit(document: document, result: result, segments: segments))
    }
}
