/// Something a point can be traced to: a source block, or (when a summary
/// is merged from part summaries) an earlier point, which passes on its own
/// citations.
struct CitableUnit: Sendable {
    let text: String
    /// Content-word stems, for lexical matching.
    let words: Set<String>
    /// What citing this unit cites.
    let citations: [Citation]

    init(text: String, citations: [Citation]) {
        self.text = text
        words = Lexicon.contentWords(text)
        self.citations = citations
    }

    /// The blocks of `index`, one unit each.
    static func blocks(of index: SourceIndex) -> [CitableUnit] {
        index.entries.map { CitableUnit(text: $0.block.text, citations: [Citation(block: $0.block.id, location: $0.location)]) }
    }

    /// Share of `words` (a point's content words) that this unit contains.
    func overlap(_ words: Set<String>) -> Double {
        words.isEmpty ? 0 : Double(words.intersection(self.words).count) / Double(words.count)
    }
}
