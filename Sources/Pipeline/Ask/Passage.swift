import Ingest

/// A text a question can be answered from — one segment of a document —
/// with where it is, for citing.
public struct Passage: Sendable, Hashable {
    /// The document, as the user named it or as the catalog records it.
    public var document: String
    /// Sections, pages or times of the segment.
    public var citation: String
    /// The segment's text (what is prefilled, or found as a snapshot).
    public var text: String
    /// Position of the segment in its document and the document's segment count.
    public var position: Int, of: Int

    public init(document: String, citation: String, text: String, position: Int, of: Int) {
        self.document = document
        self.citation = citation
        self.text = text
        self.position = position
        self.of = of
    }

    /// The passages of `document`: its segments as `reading` reads them.
    /// Throws `ReadingError.emptyDocument` when it has no text.
    public static func of(_ document: Document, name: String, reading: ReadingModel) throws -> [Passage] {
        let segments = reading.segments(of: document)
        guard !segments.isEmpty else { throw ReadingError.emptyDocument(source: name) }
        return segments.map {
            Passage(document: name, citation: $0.citation, text: $0.text, position: $0.index, of: segments.count)
        }
    }

    /// The passages of the segments the catalog recorded for a document.
    public static func of(_ records: [SegmentRecord]) -> [Passage] {
        let counts = Dictionary(grouping: records, by: \.path).mapValues(\.count)
        return records.map {
            Passage(document: $0.path, citation: $0.citation, text: $0.text, position: $0.position, of: counts[$0.path] ?? 1)
        }
    }

    /// The label a snapshot of this passage is indexed under.
    public var source: String { of > 1 ? "\(document) [part \(position + 1)/\(of)]" : document }
}
