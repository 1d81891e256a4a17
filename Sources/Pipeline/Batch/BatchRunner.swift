import Foundation
import GGUF
import Ingest
import Snapshot

/// What a running batch is doing, for progress displays and logs.
public enum BatchEvent: Sendable {
    /// `bytes`: each document's size, in run order (for estimating the time left).
    case discovered(total: Int, bytes: [Int])
    case documentStarted(index: Int, total: Int, document: String)
    case phase(document: String, SummaryPhase)
    case documentFinished(index: Int, total: Int, entry: BatchEntry)
}

/// Runs a pipeline over its documents in this process: begins the run
/// (discovery; see `RunCoordinator`), works through it as its only worker
/// (skip what is unchanged since a successful result, ingest, summarize,
/// write the outputs, commit each document; see `BatchWorker`), and ends it
/// with the report. A failing document is recorded and the run goes on.
public struct BatchRunner {
    /// The run's only worker: what it summarizes with (force, segment size,
    /// ingest limits, interrupt) is set on it.
    public var worker: BatchWorker

    /// Version of the summarizer's behaviour; part of every settings key.
    public static let summarizerVersion = 2

    public init(config: PipelineConfig, reading: ReadingModel, catalog: any CatalogStore, store: SnapshotStore) {
        worker = BatchWorker(config: config, reading: reading, catalog: catalog, store: store)
    }

    public var config: PipelineConfig { worker.config }

    /// What a result depends on besides the document's content.
    public var settingsKey: String { worker.settingsKey }

    /// Runs every document, writes the index, and returns the report.
    /// Throws before anything is written when the output directory is not
    /// one Precis may write into (see `OutputDirectory`).
    public func run(events: @escaping @Sendable (BatchEvent) -> Void = { _ in }) throws -> BatchReport {
        let coordinator = RunCoordinator(config: config, catalog: worker.catalog, store: worker.store)
        let run = try coordinator.begin(local: true)
        let id = run.id ?? 0
        let items = try worker.catalog.work(runID: id)
        events(.discovered(total: items.count, bytes: items.map(\.bytes)))
        let outcome = try worker.work(runID: id, events: events)
        if let report = outcome.report { return report }
        guard let report = try coordinator.finish(runID: id, interrupted: true) else {
            throw PipelineError.run(id: id, problem: "ended by another process while this one was running it")
        }
        return report
    }

    /// A document's size in bytes; 0 when it cannot be read (it fails later, with the reason).
    static func size(_ document: DiscoveredDocument) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: document.url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// For each document whose relative path (and so its output files)
    /// another input already has, the reason it is not summarized.
    static func collisions(_ documents: [DiscoveredDocument]) -> [String?] {
        var first: [String: URL] = [:]
        return documents.map { d in
            if let other = first[d.relativePath] {
                return "\(d.url.path) has the same relative path as \(other.path), so their summaries would overwrite each other; "
                    + "summarize them into different output directories"
            }
            first[d.relativePath] = d.url
            return nil
        }
    }
}
