/// What summaries a pipeline asks for: their length and prompts, per genre.
public struct SummarySettings: Sendable, Hashable {
    /// Length for genres without an entry in `lengths`.
    public var length: SummaryLength
    /// Per-genre lengths that override `length`.
    public var lengths: [DocumentGenre: SummaryLength]
    /// Per-genre prompts, already merged with the built-in defaults.
    public var prompts: [DocumentGenre: GenrePrompts]

    public init(length: SummaryLength = .default, lengths: [DocumentGenre: SummaryLength] = [:],
                prompts: [DocumentGenre: GenrePrompts] = [:]) {
        self.length = length
        self.lengths = lengths
        self.prompts = prompts
    }

    /// The summary length for a document of `genre`.
    public func length(for genre: DocumentGenre) -> SummaryLength { lengths[genre] ?? length }

    /// The prompts for a document of `genre`.
    public func prompts(for genre: DocumentGenre) -> GenrePrompts { prompts[genre] ?? .defaults(for: genre) }
}
