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

/// Runs a pipeline over its documents: discover, skip what is unchanged
/// since a successful result, ingest, summarize (reading each segment from
/// its snapshot when stored), write the outputs, record each document in the
/// catalog. A failing document is recorded and the run goes on.
public struct BatchRunner {
    public let config: PipelineConfig
    public let reading: ReadingModel
    public let catalog: Catalog
    public let store: SnapshotStore
    /// Redo documents even when unchanged.
    public var force = false
    /// Most document tokens per segment (default: what the context allows).
    public var segmentTokens: Int?
    public var ingestOptions = IngestOptions()
    public var interrupt: InterruptFlag?

    /// Version of the summarizer's behaviour; part of every settings key.
    public static let summarizerVersion = 2

    public init(config: PipelineConfig, reading: ReadingModel, catalog: Catalog, store: SnapshotStore) {
        self.config = config
        self.reading = reading
        self.catalog = catalog
        self.store = store
    }

    /// What a result depends on besides the document's content.
    public var settingsKey: String {
        let text = "\(config.configHash)\n\(reading.identity.modelFingerprint)\n\(reading.identity.patternFingerprint)\n"
            + "\(reading.identity.sparsity) \(reading.identity.sink) \(reading.identity.recent) \(reading.identity.chunk)\n"
            + "summarizer \(Self.summarizerVersion) framing \(DocumentFraming.version) segments \(segmentTokens ?? 0)\n"
        return SHA256Hasher.hex(of: Array(text.utf8))
    }

    /// Runs every document, writes the index, and returns the report.
    /// Throws before anything is written when the output directory is not
    /// one Precis may write into (see `OutputDirectory`).
    public func run(events: @escaping @Sendable (BatchEvent) -> Void = { _ in }) throws -> BatchReport {
        try OutputDirectory.claim(config.output, inputs: config.inputs.paths)
        var run = try catalog.startRun(pipeline: config.name, configHash: config.configHash)
        let started = Date()
        let documents: [DiscoveredDocument]
        do {
            documents = try DocumentDiscovery(config: config).discover()
        } catch {
            run.status = .failed
            run.ended = Date()
            try catalog.update(run)
            throw error
        }
        let collisions = Self.collisions(documents)
        events(.discovered(total: documents.count, bytes: documents.map(Self.size)))
        run.documents = documents.count
        try catalog.update(run)
        var entries: [BatchEntry] = []
        for (i, document) in documents.enumerated() {
            if interrupt?.isRaised == true {
                entries.append(BatchEntry(document: document.relativePath, status: .interrupted))
                continue
            }
            events(.documentStarted(index: i, total: documents.count, document: document.relativePath))
            let entry = collisions[i].map { BatchEntry(document: document.relativePath, status: .failed, error: $0) }
                ?? process(document, runID: run.id ?? 0, events: events)
            entries.append(entry)
            switch entry.status {
            case .summarized: run.summarized += 1
            case .skipped: run.skipped += 1
            case .failed: run.failed += 1
            case .ignored, .interrupted: break
            }
            try catalog.update(run)
            events(.documentFinished(index: i, total: documents.count, entry: entry))
        }
        let interrupted = interrupt?.isRaised == true
        run.status = interrupted ? .interrupted : run.failed > 0 ? .failed : .completed
        run.ended = Date()
        try catalog.update(run)
        let seconds = Date().timeIntervalSince(started)
        var report = BatchReport(pipeline: config.name, started: started, seconds: seconds, status: run.status.rawValue,
                                 entries: entries, tokensPerSecond: BatchReport.tokensPerSecond(entries))
        report.snapshots = snapshotSpace(since: started)
        try report.write(to: config.output)
        try applyRetention()
        return report
    }

    /// The snapshots written since `start` and the store's size (before retention prunes it).
    func snapshotSpace(since start: Date) -> SnapshotSpace? {
        guard let all = try? store.list() else { return nil }
        let written = all.filter { $0.created >= start }
        return SnapshotSpace(writtenBytes: written.reduce(0) { $0 + $1.bytes }, writtenTokens: written.reduce(0) { $0 + $1.tokens },
                             storeBytes: all.reduce(0) { $0 + $1.bytes })
    }

    /// One document: skipped, summarized or failed — never thrown.
    func process(_ document: DiscoveredDocument, runID: Int64, events: @escaping @Sendable (BatchEvent) -> Void) -> BatchEntry {
        let started = Date(), name = document.relativePath, path = document.url.standardizedFileURL.path
        let outputs = SummaryOutput.paths(for: name, in: config.output)
        let summaryLink = outputs.markdown.path.replacingOccurrences(of: config.output.standardizedFileURL.path + "/", with: "")
        if document.linkNotFollowed {
            return BatchEntry(document: name, status: .ignored,
                              note: "a link to a file outside the inputs, not followed (follow_symlinks: true or --follow-symlinks reads it)")
        }
        do {
            let ingester = Ingester(options: ingestOptions)
            if !force, try catalog.successfulResult(path: path, settingsKey: settingsKey,
                                                    contentHash: ingester.contentHash(of: document.url)) != nil,
               FileManager.default.fileExists(atPath: outputs.markdown.path), FileManager.default.fileExists(atPath: outputs.json.path) {
                return BatchEntry(document: name, status: .skipped, summary: summaryLink)
            }
            let ingested = try ingester.ingest(document.url)
            var summarizer = DocumentSummarizer(reader: DocumentReader(reading: reading, store: store, codec: config.engine.codec,
                                                                        snapshotSparsity: config.engine.snapshotSparsity),
                                                settings: config.summary)
            summarizer.segmentTokens = segmentTokens
            summarizer.progress = { events(.phase(document: name, $0)) }
            let flag = interrupt
            summarizer.isCancelled = { flag?.isRaised == true }
            var (summary, segments) = try summarizer.summarize(ingested, source: name)
            summary.source = name
            try SummaryOutput.write(summary, relativePath: name, in: config.output)
            try catalog.record(
                document: DocumentRecord(path: path, contentHash: ingested.contentHash, format: summary.format,
                                         tokens: summary.documentTokens, lastSeen: Date()),
                result: ResultRecord(path: path, settingsKey: settingsKey, runID: runID, contentHash: ingested.contentHash,
                                     status: .ok, error: nil, markdownPath: outputs.markdown.path, jsonPath: outputs.json.path,
                                     finished: Date()),
                segments: segments.map { SegmentRecord(path: path, settingsKey: settingsKey, position: $0.index, label: $0.label,
                                                       citation: $0.citation, text: $0.text, tokens: $0.tokens) })
            let warnings = ingested.metadata.warnings
            return BatchEntry(document: name, status: .summarized, summary: summaryLink, warnings: warnings.isEmpty ? nil : warnings,
                              tokens: summary.documentTokens, seconds: Date().timeIntervalSince(started))
        } catch is SummaryInterrupted {
            return BatchEntry(document: name, status: .interrupted)
        } catch let error as IngestError where error.isNotADocument && !document.named {
            return BatchEntry(document: name, status: .ignored, note: "not a document: \(error.reason)")
        } catch {
            let message = "\(error)"
            try? catalog.record(
                document: DocumentRecord(path: path, contentHash: "", format: "", tokens: 0, lastSeen: Date()),
                result: ResultRecord(path: path, settingsKey: settingsKey, runID: runID, contentHash: "", status: .failed,
                                     error: message, markdownPath: nil, jsonPath: nil, finished: Date()),
                segments: [])
            return BatchEntry(document: name, status: .failed, error: message, seconds: Date().timeIntervalSince(started))
        }
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

    private func applyRetention() throws {
        let r = config.retention
        guard r.snapshotsMaxBytes != nil || r.snapshotsOlderThan != nil else { return }
        try store.prune(maxBytes: r.snapshotsMaxBytes.map { Int($0) }, olderThan: r.snapshotsOlderThan)
    }
}
