import Foundation
import Ingest
import Snapshot

/// Summarizes one document of a run: skips it when unchanged since a
/// successful result whose outputs still exist, else ingests, summarizes
/// (reading each segment from its snapshot when stored) and writes its
/// outputs. Never throws: a failure is an outcome. What the catalog should
/// record comes back with the outcome, for the caller to commit.
struct DocumentProcessor {
    let config: PipelineConfig
    let reading: ReadingModel
    let catalog: any CatalogStore
    let store: SnapshotStore
    let settingsKey: String
    var force = false
    var segmentTokens: Int?
    var ingestOptions = IngestOptions()
    var interrupt: InterruptFlag?

    /// The outcome for `document` in run `runID`, and what to record.
    func process(_ document: DiscoveredDocument, runID: Int64,
                 events: @escaping @Sendable (BatchEvent) -> Void) -> (BatchEntry, ResultCommit?) {
        let started = Date(), name = document.relativePath, path = document.url.standardizedFileURL.path
        let outputs = SummaryOutput.paths(for: name, in: config.output)
        let summaryLink = outputs.markdown.path.replacingOccurrences(of: config.output.standardizedFileURL.path + "/", with: "")
        if document.linkNotFollowed {
            return (BatchEntry(document: name, status: .ignored,
                               note: "a link to a file outside the inputs, not followed (follow_symlinks: true or --follow-symlinks reads it)"),
                    nil)
        }
        do {
            let ingester = Ingester(options: ingestOptions)
            if !force, try catalog.successfulResult(path: path, settingsKey: settingsKey,
                                                    contentHash: ingester.contentHash(of: document.url)) != nil,
               FileManager.default.fileExists(atPath: outputs.markdown.path), FileManager.default.fileExists(atPath: outputs.json.path) {
                return (BatchEntry(document: name, status: .skipped, summary: summaryLink), nil)
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
            let commit = ResultCommit(
                document: DocumentRecord(path: path, contentHash: ingested.contentHash, format: summary.format,
                                         tokens: summary.documentTokens, lastSeen: Date()),
                result: ResultRecord(path: path, settingsKey: settingsKey, runID: runID, contentHash: ingested.contentHash,
                                     status: .ok, error: nil, markdownPath: outputs.markdown.path, jsonPath: outputs.json.path,
                                     finished: Date()),
                segments: segments.map { SegmentRecord(path: path, settingsKey: settingsKey, position: $0.index, label: $0.label,
                                                       citation: $0.citation, text: $0.text, tokens: $0.tokens) })
            let warnings = ingested.metadata.warnings
            return (BatchEntry(document: name, status: .summarized, summary: summaryLink, warnings: warnings.isEmpty ? nil : warnings,
                               tokens: summary.documentTokens, seconds: Date().timeIntervalSince(started)), commit)
        } catch is SummaryInterrupted {
            return (BatchEntry(document: name, status: .interrupted), nil)
        } catch let error as IngestError where error.isNotADocument && !document.named {
            return (BatchEntry(document: name, status: .ignored, note: "not a document: \(error.reason)"), nil)
        } catch {
            let message = "\(error)"
            let commit = ResultCommit(
                document: DocumentRecord(path: path, contentHash: "", format: "", tokens: 0, lastSeen: Date()),
                result: ResultRecord(path: path, settingsKey: settingsKey, runID: runID, contentHash: "", status: .failed,
                                     error: message, markdownPath: nil, jsonPath: nil, finished: Date()),
                segments: [])
            return (BatchEntry(document: name, status: .failed, error: message, seconds: Date().timeIntervalSince(started)), commit)
        }
    }
}
