import Ingest

/// A run of consecutive blocks of a document that the model reads in one
/// prefill (and keeps as one snapshot), with what a summary of it cites.
public struct Segment: Sendable, Hashable, Codable {
    /// Position in the document, from 0.
    public var index: Int
    /// Heading paths of the sections the segment covers, in order.
    public var sectionPaths: [[String]]
    /// The top-level section (a book's chapter) the segment lies in, if any.
    public var chapter: String?
    /// Identifiers of the first and last block.
    public var firstBlock: Int, lastBlock: Int
    /// Pages covered, for paged documents.
    public var pages: ClosedRange<Int>?
    /// Seconds covered, for transcripts.
    public var start: Double?, end: Double?
    /// Speakers of transcript turns in the segment, in order of first appearance.
    public var speakers: [String]
    /// The text the model reads.
    public var text: String
    /// Tokens of `text`.
    public var tokens: Int
    /// Where each block lies in `text` (UTF-8 offsets), for attributing attention to blocks.
    public var blockSpans: [RenderedText.Span]?

    /// A short label: the section range, or `Part n` for a document without headings.
    public var label: String {
        let names = sectionPaths.compactMap { $0.last }
        guard let first = names.first, let last = names.last else { return "Part \(index + 1)" }
        return first == last ? sectionPaths[0].joined(separator: " › ") : "\(first) – \(last)"
    }

    /// Where the segment is in the source: sections, pages, times.
    public var citation: String {
        var parts = [label]
        if let pages { parts.append(pages.count == 1 ? "p. \(pages.lowerBound)" : "pp. \(pages.lowerBound)–\(pages.upperBound)") }
        if let start {
            parts.append("[\(Timecode.compact(start))" + (end.map { "–\(Timecode.compact($0))" } ?? "") + "]")
        }
        return parts.joined(separator: ", ")
    }
}
