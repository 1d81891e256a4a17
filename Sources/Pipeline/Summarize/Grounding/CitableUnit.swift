/// Something a point can be traced to: a source block, or (when a summary
/// is merged from part summaries) an earlier point, which passes on its own
/// citations.
struct CitableUnit: Sendable {
    let text: String
    /// Content-word stems, for lexical matching.
    let words: Set<String>
    /// The numbers it states.
    let numbers: Set<Double>
    /// What citing this unit cites.
    let citations: [Citation]

    /// - Parameter evidence: more text that stands behind the unit (for an
    ///   earlier point, the blocks it cites), counted in its words and numbers.
    init(text: String, citations: [Citation], evidence: String = "") {
        self.text = text
        words = Lexicon.contentWords(text + " " + evidence)
        numbers = NumberReader.values(in: text + " " + evidence)
        self.citations = citations
    }

    /// The blocks of `index`, one unit each.
    static func blocks(of index: SourceIndex) -> [CitableUnit] {
        index.entries.map { CitableUnit(text: $0.block.labelledText, citations: [Citation(block: $0.block.id, location: $0.location)]) }
    }

    /// Whether `units` together hold a point: at least `share` of its content
    /// words and every number it states.
    static func hold(_ words: Set<String>, numbers: Set<Double>, in units: [CitableUnit], share: Double) -> Bool {
        guard !units.isEmpty, !words.isEmpty else { return false }
        let have = units.reduce(into: Set<String>()) { $0.formUnion($1.words) }
        let known = units.reduce(into: Set<Double>()) { $0.formUnion($1.numbers) }
        return Double(words.intersection(have).count) >= share * Double(words.count) && numbers.isSubset(of: known)
    }

    /// Share of `words` (a point's content words) that this unit contains.
    func overlap(_ words: Set<String>) -> Double {
        words.isEmpty ? 0 : Double(words.intersection(self.words).count) / Double(words.count)
    }
}
