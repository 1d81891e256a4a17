import Foundation
import Ingest

/// A summarized document's source, read again with the `Ingester`, as the
/// scorer consults it: each block's text (with its list label or speaker),
/// the blocks of every section, and everything a summary may repeat.
public struct EvaluationSource: Sendable {
    struct Entry: Sendable {
        /// The block's text, prefixed by its list label or speaker.
        let text: String
        let words: Set<String>
        let numbers: Set<Double>
    }

    struct SectionBlocks: Sendable {
        /// Headings from the top, joined with " › ", lower-cased and with whitespace collapsed.
        let path: String
        let heading: String
        /// The section's blocks and those of its subsections.
        let blocks: [Int]
    }

    public let document: Document
    private let entries: [Int: Entry]
    private let sections: [SectionBlocks]
    /// Numbers and words of the title, authors, headings, blocks, list labels and speakers.
    public let claims: Claims.Source

    public init(_ document: Document) {
        self.document = document
        var entries: [Int: Entry] = [:], texts: [String] = []
        document.root.forEachBlock { _, block in
            let text = Self.labelled(block)
            entries[block.id] = Entry(text: text, words: Lexicon.contentWords(text), numbers: NumberReader.values(in: text))
            texts.append(text)
        }
        self.entries = entries
        var sections: [SectionBlocks] = []
        func visit(_ s: Section) -> [Int] {
            var ids = s.blocks.map(\.id)
            for child in s.children { ids += visit(child) }
            if let heading = s.heading {
                sections.append(SectionBlocks(path: Self.key(s.path.joined(separator: " › ")), heading: Self.key(heading), blocks: ids))
            }
            return ids
        }
        _ = visit(document.root)
        self.sections = sections
        let m = document.metadata
        claims = Claims.Source(([m.title ?? "", m.authors.joined(separator: ", ")] + document.sections.compactMap(\.heading) + texts)
            .joined(separator: "\n"))
    }

    /// Ids of every block, in reading order.
    public var blockIDs: [Int] { entries.keys.sorted() }

    /// The text of block `id` with its list label or speaker; nil when the document has no such block.
    public func text(block id: Int) -> String? { entries[id]?.text }

    /// Whether the blocks `ids` together hold `text`: at least half of its
    /// content words, and every number it states. False without blocks, or
    /// when none of the ids names a block of the document.
    public func holds(_ text: String, blocks ids: [Int]) -> Bool {
        let cited = ids.compactMap { entries[$0] }
        guard !cited.isEmpty else { return false }
        let words = Lexicon.contentWords(text)
        let have = cited.reduce(into: Set<String>()) { $0.formUnion($1.words) }
        guard 2 * words.intersection(have).count >= words.count else { return false }
        let numbers = cited.reduce(into: Set<Double>()) { $0.formUnion($1.numbers) }
        return NumberReader.values(in: text).isSubset(of: numbers)
    }

    /// The blocks an older output's label citation stands for: those of the
    /// sections whose heading or heading path is the label, else of every
    /// section whose heading path (joined with " › ") starts with or
    /// contains it. Empty when no section matches (a segment label such as
    /// "Part 1, [0:02–9:47]" names no section).
    public func blocks(forLabel label: String) -> [Int] {
        let wanted = Self.key(label)
        guard !wanted.isEmpty else { return [] }
        var matched = sections.filter { $0.path == wanted || $0.heading == wanted }
        if matched.isEmpty { matched = sections.filter { $0.path.contains(wanted) } }
        var seen = Set<Int>()
        return matched.flatMap(\.blocks).filter { seen.insert($0).inserted }.sorted()
    }

    /// The blocks a point cites, resolving label citations.
    public func blocks(of source: PointSource) -> [Int] {
        switch source {
        case .blocks(let ids): return ids
        case .label(let label): return label.map(blocks(forLabel:)) ?? []
        }
    }

    /// The blocks whose text the fact's evidence pattern matches.
    public func evidence(for fact: KeyFact) -> Set<Int> {
        var out = Set<Int>()
        document.root.forEachBlock { _, block in
            if fact.isEvidence(block.text) || fact.isEvidence(entries[block.id]?.text ?? "") { out.insert(block.id) }
        }
        return out
    }

    static func labelled(_ block: Block) -> String { block.labelledText }

    /// Lower-cased with whitespace runs collapsed, for comparing labels.
    static func key(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
