import Foundation
import GGUF
import Ingest
import Snapshot

/// One worker of a run: claims the run's documents from the catalog one at
/// a time under a lease it keeps renewing, summarizes each, and commits the
/// outcome; what any number of workers on any number of machines run over
/// one run. Exactly once: an outcome is committed only under a claim still
/// held, and a document whose worker died is claimed again once its lease
/// runs out.
public struct BatchWorker {
    public let config: PipelineConfig
    public let reading: ReadingModel
    public let catalog: any CatalogStore
    public let store: SnapshotStore
    /// Redo documents even when unchanged.
    public var force = false
    /// Most document tokens per segment (default: what the context allows).
    public var segmentTokens: Int?
    public var ingestOptions = IngestOptions()
    public var interrupt: InterruptFlag?
    /// Seconds a claim holds without renewal; a worker renews every third of it.
    public var lease: TimeInterval = WorkLease.defaultSeconds
    /// Claims of one document before it is failed (its workers keep dying).
    public var maxAttempts = 3
    /// Who claims: `host:pid`.
    public var name = HostName.worker
    /// Keep polling while other workers hold claims, so that one whose worker
    /// died is taken over when its lease runs out, and stop only when the
    /// run is done; false: stop when nothing is claimable now.
    public var waitForOthers = true
    public var warn: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("warning: \($0)\n".utf8)) }

    public init(config: PipelineConfig, reading: ReadingModel, catalog: any CatalogStore, store: SnapshotStore) {
        self.config = config
        self.reading = reading
        self.catalog = catalog
        self.store = store
    }

    /// What a result depends on besides the document's content.
    public var settingsKey: String {
        let i = reading.identity
        let text = "\(config.configHash)\n\(i.modelFingerprint)\n\(i.patternFingerprint)\n"
            + "\(i.sparsity) \(i.sink) \(i.recent) \(i.chunk)\n"
            + "summarizer \(BatchRunner.summarizerVersion) framing \(DocumentFraming.version) segments \(segmentTokens ?? 0)\n"
        return SHA256Hasher.hex(of: Array(text.utf8))
    }

    /// What a worker did: the outcomes it committed and, when it saw the
    /// run's last document done, the run's report.
    public struct Outcome {
        public var entries: [BatchEntry] = []
        public var report: BatchReport?
        /// It stopped on an interrupt, giving its claim back.
        public var interrupted = false
    }

    /// Works on run `runID` until its documents are done (or, without
    /// `waitForOthers`, until none is claimable), or an interrupt arrives.
    public func work(runID: Int64, events: @escaping @Sendable (BatchEvent) -> Void = { _ in }) throws -> Outcome {
        let coordinator = RunCoordinator(config: config, catalog: catalog, store: store)
        let total = try catalog.work(runID: runID).count
        let processor = DocumentProcessor(config: config, reading: reading, catalog: catalog, store: store, settingsKey: settingsKey,
                                          force: force, segmentTokens: segmentTokens, ingestOptions: ingestOptions, interrupt: interrupt)
        var outcome = Outcome()
        while interrupt?.isRaised != true {
            guard let claim = try catalog.claim(runID: runID, worker: name, lease: lease, maxAttempts: maxAttempts) else {
                if let report = try coordinator.finish(runID: runID) {
                    outcome.report = report
                    return outcome
                }
                guard waitForOthers, try catalog.run(id: runID)?.status == .running else { return outcome }
                Thread.sleep(forTimeInterval: min(2, lease / 4))
                continue
            }
            let item = claim.item
            events(.documentStarted(index: item.position, total: total, document: item.relativePath))
            let heartbeat = LeaseHeartbeat(catalog: catalog, claim: claim, lease: lease, warn: warn)
            let (entry, commit) = item.collision.map { (BatchEntry(document: item.relativePath, status: .failed, error: $0), nil) }
                ?? processor.process(item.document, runID: runID, events: events)
            heartbeat.stop()
            if entry.status == .interrupted {
                try catalog.release(claim)
                break
            }
            do {
                try catalog.complete(claim, entry: entry, commit: commit)
            } catch let refusal as WorkRefusal {
                warn(refusal.description)
                continue
            }
            outcome.entries.append(entry)
            events(.documentFinished(index: item.position, total: total, entry: entry))
        }
        outcome.interrupted = true
        return outcome
    }
}

/// How long claims hold.
public enum WorkLease {
    /// Seconds a claim holds without renewal unless a run says otherwise.
    public static let defaultSeconds: TimeInterval = 120
}
