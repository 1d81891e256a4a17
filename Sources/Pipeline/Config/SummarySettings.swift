/// What summaries a pipeline asks for: their length and prompts, per genre.
public struct SummarySettings: Sendable, Hashable {
    /// Length for genres without an entry in `lengths`.
    public var length: SummaryLength
    /// Per-genre lengths that override `length`.
    public var lengths: [DocumentGenre: SummaryLength]
    /// Per-genre prompts, already merged with the built-in defaults.
    public var prompts: [DocumentGenre: GenrePrompts]
    /// What happens to points the source does not back.
    public var unsupported = UnsupportedPolicy.drop
    /// How points are traced to source blocks.
    public var citations = AttributionMethod.combined
    /// Also record, per point, the blocks every attribution method would cite
    /// (`precis eval summaries --compare-citations`).
    public var compareCitations = false
    /// Runs of this many generated tokens may not repeat (0 = off).
    public var noRepeatNGram = 8
    /// Penalty on recently generated tokens (1 = off).
    public var repetitionPenalty: Float = 1.05

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
