/// What a KV head keeps under DuoAttention.
///
/// All query heads of a GQA group share their KV head's kind, so a
/// streaming KV head's cache really shrinks.
public enum HeadKind: String, Sendable, Equatable, Codable {
    /// Keeps the K/V of every token and attends to all of them.
    case retrieval
    /// Keeps only the first `sink` tokens and the last `recent` tokens.
    case streaming

    /// One-letter code used in maps: `R` or `S`.
    public var letter: Character { self == .retrieval ? "R" : "S" }
}
