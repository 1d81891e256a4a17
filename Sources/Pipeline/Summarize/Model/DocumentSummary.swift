import Foundation

/// A summary of one part of a document (a section, segment or chapter) with where it came from.
public struct PartSummary: Codable, Sendable, Hashable {
    public var label: String
    /// Sections, pages and times the part covers.
    public var location: String
    /// The ids of the part's first and last blocks.
    public var firstBlock: Int, lastBlock: Int
    public var summary: SummaryText
    /// The top-level section (a book's chapter) the part lies in.
    public var chapter: String?
}

/// A transcript speaker: how often and when they spoke.
public struct SpeakerActivity: Codable, Sendable, Hashable {
    public var name: String
    public var turns: Int
    public var firstSpoke: String?
    public var lastSpoke: String?
}

/// How many points the support check passed, flagged and left out.
public struct SupportCounts: Codable, Sendable, Hashable {
    public var points = 0
    public var supported = 0
    /// Unsupported points in the output (kept or marked).
    public var unsupported = 0
    /// Unsupported points left out.
    public var dropped = 0
    public var policy: UnsupportedPolicy = .drop

    public init() {}

    mutating func count(_ text: SummaryText) {
        points += text.points.count + text.dropped.count
        supported += text.points.filter { $0.support == .supported }.count
        unsupported += text.points.filter { $0.support == .unsupported }.count
        dropped += text.dropped.count
    }
}

/// Everything known about a summarized document: structured data first
/// (points with citations and support, sections, genre tables), rendered
/// for people as `.summary.md` and for programs as `.summary.json`.
public struct DocumentSummary: Codable, Sendable {
    public var title: String
    /// Path relative to the input root.
    public var source: String
    public var genre: DocumentGenre
    public var format: String
    /// The summary of the whole document.
    public var summary: SummaryText
    /// Per-section summaries (top-level sections, or segments of a long document without sections).
    public var sections: [PartSummary]
    /// Per-chapter summaries of a book, in order.
    public var chapters: [PartSummary]
    /// Genre tables: key terms of a legal document, decisions and actions of a meeting, a book's characters.
    public var structure: GenreStructure
    /// Transcript speakers, in order of first appearance.
    public var speakers: [SpeakerActivity]
    public var support: SupportCounts
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
