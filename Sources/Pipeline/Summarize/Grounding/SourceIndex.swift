import Ingest

/// A document's blocks in reading order, each with the section that holds it
/// and the location a citation of it shows: the section path with the
/// clause label, the page, or the cue time and speaker — the block's own
/// place, never "the whole document".
struct SourceIndex: Sendable {
    struct Entry: Sendable {
        let block: Block
        let path: [String]
        let location: String
        /// Lower-cased content words, for lexical matching.
        let words: Set<String>
    }

    let entries: [Entry]
    private let positionOfBlock: [Int: Int]

    init(_ document: Document) {
        var entries: [Entry] = [], paragraphInSection: [[String]: Int] = [:], rowInSection: [[String]: Int] = [:]
        let common = Self.commonTitle(document)
        document.root.forEachBlock { section, block in
            let shown = Array(section.path.dropFirst(common == nil ? 0 : 1))
            var place: String
            switch block.kind {
            case .turn(let speaker, let start, let end):
                let times = [start, end].compactMap { $0 }.map(Timecode.compact)
                place = (times.isEmpty ? "" : "[\(times.joined(separator: "–"))] ") + (speaker ?? "")
            case .listItem(let label?, _) where !label.isEmpty && label != "•" && label != "-":
                place = Self.join(shown, Self.trimmedLabel(label))
            case .tableRow:
                rowInSection[shown, default: 0] += 1
                place = Self.join(shown, "row \(rowInSection[shown]!)")
            case .note(let label):
                place = Self.join(shown, "note \(label ?? "")")
            default:
                paragraphInSection[shown, default: 0] += 1
                place = Self.join(shown, "¶ \(paragraphInSection[shown]!)")
            }
            if case .page(let p) = block.span { place += ", p. \(p)" }
            entries.append(Entry(block: block, path: section.path, location: place.trimmingWhitespace(),
                                 words: Lexicon.contentWords(block.labelledText)))
        }
        self.entries = entries
        positionOfBlock = Dictionary(entries.enumerated().map { ($1.block.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func entry(block id: Int) -> Entry? { positionOfBlock[id].map { entries[$0] } }

    /// The position of block `id` in reading order.
    func position(block id: Int) -> Int? { positionOfBlock[id] }

    func citation(block id: Int) -> Citation? { entry(block: id).map { Citation(block: id, location: $0.location) } }

    /// Entries of blocks `first...last` (by id), in order.
    func entries(from first: Int, to last: Int) -> ArraySlice<Entry> {
        guard let a = positionOfBlock[first], let b = positionOfBlock[last], a <= b else { return [] }
        return entries[a...b]
    }

    /// The heading every block sits under (a title written as the one top-level heading), if any:
    /// it names the document, not a place in it, so locations leave it out.
    static func commonTitle(_ document: Document) -> String? {
        let top = document.root.children.filter { $0.heading != nil }
        guard top.count == 1, document.root.blocks.isEmpty, top[0].children.count >= 2 else { return nil }
        return top[0].heading
    }

    private static func join(_ path: [String], _ tail: String) -> String {
        path.isEmpty ? tail : path.joined(separator: " › ") + ", " + tail
    }

    private static func trimmedLabel(_ label: String) -> String {
        var l = label.trimmingWhitespace()
        if l.hasSuffix(".") { l.removeLast() }
        return l
    }
}

extension Block {
    /// The block's text as a reader sees it, with its list label, note marker or speaker in front.
    public var labelledText: String {
        switch kind {
        case .listItem(let label?, _) where !label.isEmpty: return label + " " + text
        case .turn(let speaker?, _, _): return speaker + ": " + text
        case .note(let label?): return label + " " + text
        default: return text
        }
    }
}
