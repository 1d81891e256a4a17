import Foundation
import Snapshot

/// Begins and ends runs of a pipeline, without the model: begin records the
/// run and its documents as work in the catalog; workers (this process, local
/// worker processes, or cluster tasks) claim and summarize them; finish,
/// once every document is done, records how the run ended, writes its report
/// and the output index, and applies the retention policy. Whichever process
/// sees the last document done finishes the run, once.
public struct RunCoordinator {
    public let config: PipelineConfig
    public let catalog: any CatalogStore
    public let store: SnapshotStore

    public init(config: PipelineConfig, catalog: any CatalogStore, store: SnapshotStore) {
        self.config = config
        self.catalog = catalog
        self.store = store
    }

    /// Records a run (`local`: this process stays for it) and its documents.
    /// Throws before anything is written when the output directory is not one
    /// Precis may write into (see `OutputDirectory`); a failed discovery ends
    /// the run as failed.
    public func begin(local: Bool) throws -> RunRecord {
        try OutputDirectory.claim(config.output, inputs: config.inputs.paths)
        var run = try catalog.startRun(pipeline: config.name, configHash: config.configHash, local: local)
        let documents: [DiscoveredDocument]
        do {
            documents = try DocumentDiscovery(config: config).discover()
        } catch {
            run.status = .failed
            run.ended = Date()
            try catalog.update(run)
            throw error
        }
        let collisions = BatchRunner.collisions(documents)
        let id = run.id ?? 0
        try catalog.enqueue(documents.enumerated().map { i, d in
            WorkItem(runID: id, position: i, document: d, collision: collisions[i], bytes: BatchRunner.size(d))
        })
        run.documents = documents.count
        try catalog.update(run)
        return run
    }

    /// Ends run `id` when every document is done — or, when `interrupted`,
    /// with what is done (the rest reported as interrupted and left pending) —
    /// and returns its report; nil while documents remain or when another
    /// process ended it first.
    public func finish(runID id: Int64, interrupted: Bool = false) throws -> BatchReport? {
        guard var run = try catalog.run(id: id), run.status == .running else { return nil }
        let items = try catalog.work(runID: id)
        guard interrupted || items.allSatisfy({ $0.state == .done }) else { return nil }
        let entries = Self.entries(items)
        run.summarized = entries.filter { $0.status == .summarized }.count
        run.skipped = entries.filter { $0.status == .skipped }.count
        run.failed = entries.filter { $0.status == .failed }.count
        run.status = entries.contains { $0.status == .interrupted } ? .interrupted : run.failed > 0 ? .failed : .completed
        run.ended = Date()
        guard try catalog.close(run) else { return nil }
        let report = self.report(run, entries: entries)
        try report.write(to: config.output)
        try applyRetention()
        return report
    }

    /// The report of run `id` as the catalog holds it now (for a run another
    /// process ended, or one still going); nil when there is no such run.
    public func report(runID id: Int64) throws -> BatchReport? {
        guard let run = try catalog.run(id: id) else { return nil }
        return report(run, entries: Self.entries(try catalog.work(runID: id)))
    }

    private func report(_ run: RunRecord, entries: [BatchEntry]) -> BatchReport {
        var report = BatchReport(pipeline: config.name, started: run.started,
                                 seconds: (run.ended ?? Date()).timeIntervalSince(run.started),
                                 status: run.status.rawValue, entries: entries,
                                 tokensPerSecond: BatchReport.tokensPerSecond(entries))
        report.snapshots = snapshotSpace(since: run.started)
        return report
    }

    /// Each document's outcome; those not done yet as interrupted.
    static func entries(_ items: [WorkItem]) -> [BatchEntry] {
        items.map { $0.outcome ?? BatchEntry(document: $0.relativePath, status: .interrupted) }
    }

    /// The snapshots written since `start` and the store's size (before retention prunes it).
    func snapshotSpace(since start: Date) -> SnapshotSpace? {
        guard let all = try? store.list() else { return nil }
        let written = all.filter { $0.created >= start }
        return SnapshotSpace(writtenBytes: written.reduce(0) { $0 + $1.bytes }, writtenTokens: written.reduce(0) { $0 + $1.tokens },
                             storeBytes: all.reduce(0) { $0 + $1.bytes })
    }

    private func applyRetention() throws {
        let r = config.retention
        guard r.snapshotsMaxBytes != nil || r.snapshotsOlderThan != nil else { return }
        try store.prune(maxBytes: r.snapshotsMaxBytes.map { Int($0) }, olderThan: r.snapshotsOlderThan)
    }
}
