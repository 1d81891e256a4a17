/// The kind of document, which picks the summary length and prompts a
/// pipeline uses for it.
public enum DocumentGenre: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Fiction and non-fiction books (EPUB, long Markdown or text).
    case book
    /// Contracts, agreements, policies.
    case legal
    /// Meeting and interview transcripts (SRT, VTT).
    case transcript
    /// Anything else.
    case other

    public var description: String { rawValue }
}
