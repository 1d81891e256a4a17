import Foundation

/// A summary of one part of a document (a section, segment or chapter) with where it came from.
public struct PartSummary: Codable, Sendable, Hashable {
    public var label: String
    /// Sections, pages and times the part covers.
    public var citation: String
    public var summary: String
}

/// One sentence of the document summary and the part it is drawn from.
public struct SummaryPoint: Codable, Sendable, Hashable {
    public var text: String
    /// The citation of the part whose summary shares the most words with this sentence.
    public var citation: String?
}

/// A transcript speaker: how often and when they spoke.
public struct SpeakerActivity: Codable, Sendable, Hashable {
    public var name: String
    public var turns: Int
    public var firstSpoke: String?
    public var lastSpoke: String?
}

/// Everything known about a summarized document: the text for people and
/// the figures for programs (`.summary.md` and `.summary.json`).
public struct DocumentSummary: Codable, Sendable {
    public var title: String
    /// Path relative to the input root.
    public var source: String
    public var genre: DocumentGenre
    public var format: String
    public var summary: String
    public var points: [SummaryPoint]
    /// Per-section summaries (segments of a long document, or the top-level
    /// sections of one that fits the context).
    public var sections: [PartSummary]
    /// Per-chapter summaries of a book.
    public var chapters: [PartSummary]
    /// Transcript speakers, in order of first appearance.
    public var speakers: [SpeakerActivity]
    public var model: String
    public var pattern: String
    public var sparsity: Double
    public var documentTokens: Int
    public var segments: Int
    /// Segments whose cache came from a stored snapshot.
    public var segmentsFromSnapshots: Int
    public var generatedTokens: Int
    public var prefillSeconds: Double
    public var generateSeconds: Double
    public var targetWords: Int
}
