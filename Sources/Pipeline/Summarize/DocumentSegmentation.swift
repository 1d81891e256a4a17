import Ingest

extension ReadingModel {
    /// Context kept free after every segment for a request and its answer:
    /// a quarter of the context, at most 2048 tokens (a `long` summary).
    public var requestRoom: Int { min(2048, contextLength / 4) }

    /// Most tokens of text in one segment, whatever the context: small
    /// models read long contexts poorly and prefill grows with the square
    /// of the length, so a long document is read in parts of this size.
    public static let segmentLimit = 6144

    /// The segments `document` is read in — the same for summaries,
    /// `prefill` and questions, so they share snapshots. A book that fits
    /// one segment is read whole; a longer one never mixes two chapters in
    /// one segment.
    ///
    /// - Parameter budget: most tokens of text per segment (default: the
    ///   context minus the framing and `requestRoom`).
    public func segments(of document: Document, budget: Int? = nil) -> [Segment] {
        let framing = encode(framing.document("")).count
        let budget = budget ?? min(Self.segmentLimit, contextLength - framing - requestRoom)
        let count: (String) -> Int = { [tokenizer] in tokenizer.encode($0, parseSpecial: false).count }
        let whole = Segmenter(budget: budget, breakAtChapters: false, count: count).segments(of: document)
        guard whole.count > 1, DocumentGenre.detect(document) == .book else { return whole }
        return Segmenter(budget: budget, breakAtChapters: true, count: count).segments(of: document)
    }
}
