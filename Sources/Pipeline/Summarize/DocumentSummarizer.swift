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
    /// Most top-level sections of a one-segment document summarized on their own.
    public var maxSectionSummaries = 12
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
        var run = SummaryRun(summarizer: self, prompts: settings.prompts(for: genre),
                             request: SummaryRequest(title: title, genre: genre, words: words))
        let segments = reading.segments(of: document, budget: segmentTokens)
        guard !segments.isEmpty else { throw ReadingError.emptyDocument(source: source) }
        let overall: String
        var chapters: [PartSummary] = []
        if segments.count == 1 {
            overall = try run.summarizeWhole(segments[0], document: document, source: source)
        } else {
            try run.summarizeSegments(segments, source: source)
            if genre == .book { chapters = try run.chapterSummaries(segments) }
            overall = try run.merge((chapters.isEmpty ? run.sections : chapters).map { ($0.label, $0.summary) })
        }
        var parts = run.sections
        if genre == .book && chapters.isEmpty {  // a book read whole: its top-level sections are its chapters
            (chapters, parts) = (parts, [])
        }
        let cited = chapters.isEmpty ? parts : chapters
        let summary = DocumentSummary(
            title: title, source: source, genre: genre, format: document.metadata.format.rawValue, summary: overall,
            points: SummaryPoints.cite(overall, parts: cited.isEmpty
                ? [PartSummary(label: segments[0].label, citation: segments[0].citation, summary: overall)] : cited),
            sections: parts,
            chapters: chapters, speakers: SpeakerActivity.of(document), model: reading.identity.modelFingerprint,
            pattern: reading.identity.patternFingerprint, sparsity: reading.identity.sparsity,
            documentTokens: segments.reduce(0) { $0 + $1.tokens }, segments: segments.count,
            segmentsFromSnapshots: run.fromSnapshots, generatedTokens: run.generatedTokens,
            prefillSeconds: run.prefillSeconds, generateSeconds: run.generateSeconds, targetWords: words)
        return (summary, segments)
    }
}
