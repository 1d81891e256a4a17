import Foundation
import Ingest
import Inference

/// What a summarizer is doing, for progress displays.
public enum SummaryPhase: Sendable {
    /// Prefilling (or loading) segment `segment` of `of`: `done` of `total` tokens.
    case reading(segment: Int, of: Int, done: Int, total: Int)
    /// Generating the summary of a part.
    case writing(part: String)
    /// Combining part summaries.
    case merging(level: Int)
}

/// Thrown between steps when the caller asked to stop.
public struct SummaryInterrupted: Error, CustomStringConvertible {
    public var description: String { "interrupted" }
}

/// Summarizes one document: reads each segment once (from its snapshot when
/// stored), asks for the summaries of its parts from that state, then merges
/// them hierarchically within the model's context.
public struct DocumentSummarizer {
    public let reader: DocumentReader
    public let settings: SummarySettings
    /// Most tokens of document text per segment (default: what the context
    /// leaves after the framing and the longest request and answer).
    public var segmentTokens: Int?
    public var progress: @Sendable (SummaryPhase) -> Void = { _ in }
    public var isCancelled: @Sendable () -> Bool = { false }

    public init(reader: DocumentReader, settings: SummarySettings) {
        self.reader = reader
        self.settings = settings
    }

    var reading: ReadingModel { reader.reading }

    /// The summary of `document` and the segments it was read in; `source`
    /// names it in outputs and the snapshot index.
    public func summarize(_ document: Document, source: String) throws -> (summary: DocumentSummary, segments: [Segment]) {
        let genre = DocumentGenre.detect(document)
        let words = settings.length(for: genre).targetWords
        let title = document.metadata.title ?? (source as NSString).lastPathComponent
        var named = document
        named.metadata.source = source
        var run = SummaryRun(summarizer: self, prompts: settings.prompts(for: genre),
                             request: SummaryRequest(title: title, genre: genre, words: words), document: named)
        let segments = reading.segments(of: document, budget: segmentTokens)
        guard !segments.isEmpty else { throw ReadingError.emptyDocument(source: source) }
        try run.summarizeParts(segments)
        var parts = run.sections, chapters: [PartSummary] = []
        if genre == .book { (chapters, parts) = (run.chapters(), []) }
        let overall = try run.overall(from: chapters.isEmpty ? parts : chapters, segments: segments)
        var support = SupportCounts()
        support.policy = settings.unsupported
        support.count(overall)
        for part in parts + chapters { support.count(part.summary) }
        let summary = DocumentSummary(
            title: title, source: source, genre: genre, format: document.metadata.format.rawValue, summary: overall,
            sections: parts, chapters: chapters,
            structure: GenreStructure.extract(genre: genre, index: run.index, chapters: chapters),
            speakers: SpeakerActivity.of(document), support: support, model: reading.identity.modelFingerprint,
            pattern: reading.identity.patternFingerprint, sparsity: reading.identity.sparsity,
            documentTokens: segments.reduce(0) { $0 + $1.tokens }, segments: segments.count,
            segmentsFromSnapshots: run.fromSnapshots, generatedTokens: run.generatedTokens,
            prefillSeconds: run.prefillSeconds, generateSeconds: run.generateSeconds, targetWords: words)
        return (summary, segments)
    }
}

extension SpeakerActivity {
    /// The speakers of `document`'s transcript turns, in order of first appearance.
    static func of(_ document: Document) -> [SpeakerActivity] {
        var order: [String] = [], stats: [String: SpeakerActivity] = [:]
        for block in document.blocks {
            guard case let .turn(speaker?, start, _) = block.kind else { continue }
            let time = start.map(Timecode.compact)
            if stats[speaker] == nil {
                order.append(speaker)
                stats[speaker] = SpeakerActivity(name: speaker, turns: 0, firstSpoke: time, lastSpoke: time)
            }
            stats[speaker]?.turns += 1
            if let time { stats[speaker]?.lastSpoke = time }
        }
        return order.compactMap { stats[$0] }
    }
}
