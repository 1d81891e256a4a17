/// The exact text a model reads for a document, with a map from every byte
/// range back to the block it came from so that answers can cite blocks.
public struct RenderedText: Codable, Hashable, Sendable {
    /// One block's place in `text`.
    public struct Span: Codable, Hashable, Sendable {
        public var blockID: Int
        /// UTF-8 byte offsets `start..<end` in `text` of the rendered block.
        public var start: Int
        public var end: Int
        /// Heading path of the section holding the block.
        public var sectionPath: [String]
    }

    public var text: String
    /// Spans in increasing offset order, one per block.
    public var spans: [Span]

    /// The block rendered at UTF-8 offset `offset`, or the nearest one before
    /// it (offsets inside headings or separators map to the preceding block).
    public func blockID(atUTF8Offset offset: Int) -> Int? {
        var lo = 0, hi = spans.count - 1, best: Int?
        while lo <= hi {
            let mid = (lo + hi) / 2
            if spans[mid].start <= offset { best = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        return best.map { spans[$0].blockID } ?? spans.first?.blockID
    }
}

extension Document {
    /// The text the model reads: a title line, Markdown-style headings, list
    /// labels, table rows as `| a | b |`, notes as `[^n]`, and transcript turns
    /// as `[m:ss] Speaker: text`.
    public func renderedText() -> String { rendered().text }

    /// `renderedText()` together with the block map.
    public func rendered() -> RenderedText {
        var r = TextRenderer()
        r.header(metadata)
        r.section(root)
        return RenderedText(text: r.out, spans: r.spans)
    }

    /// A short human-readable reference to a block, e.g.
    /// `Chapter 2 › Terms, ¶ 14 (bytes 1200–1480)` or `[1:02–1:40] Ana (cues 4–6)`.
    public func citation(forBlock id: Int) -> String? {
        var result: String?
        root.forEachBlock { section, block in
            guard block.id == id else { return }
            var parts: [String] = []
            if !section.path.isEmpty { parts.append(section.path.joined(separator: " › ")) }
            if case .turn(let speaker, let start, let end) = block.kind {
                let times = [start, end].compactMap { $0 }.map(Timecode.compact).joined(separator: "–")
                parts.append([times.isEmpty ? nil : "[\(times)]", speaker].compactMap { $0 }.joined(separator: " "))
            }
            parts.append("¶ \(block.id + 1) (\(block.span.description))")
            result = parts.filter { !$0.isEmpty }.joined(separator: ", ")
        }
        return result
    }
}

extension SourceSpan: CustomStringConvertible {
    public var description: String {
        switch self {
        case .bytes(let part, let s, let e): return (part.map { "\($0) " } ?? "") + "bytes \(s)–\(e)"
        case .element(let part, let i): return "\(part) element \(i)"
        case .page(let p): return "page \(p)"
        case .cues(let f, let l): return f == l ? "cue \(f)" : "cues \(f)–\(l)"
        }
    }
}

/// Writes sections and blocks as text while recording block offsets.
private struct TextRenderer {
    var out = ""
    var spans: [RenderedText.Span] = []
    private var offset = 0
    private var previousKind: String?

    mutating func header(_ m: Metadata) {
        if let title = m.title { emit("Title: \(title)\n") }
        if !m.authors.isEmpty { emit("By: \(m.authors.joined(separator: ", "))\n") }
        if m.title != nil || !m.authors.isEmpty { previousKind = "header" }
    }

    mutating func section(_ s: Section) {
        if let h = s.heading {
            separate()
            emit(String(repeating: "#", count: min(max(s.level, 1), 6)) + " " + h + "\n")
            previousKind = "heading"
        }
        for block in s.blocks { self.block(block, path: s.path) }
        for child in s.children { section(child) }
    }

    private mutating func block(_ b: Block, path: [String]) {
        let kind = Self.group(b.kind)
        if kind == "paragraph" || kind != previousKind { separate() }
        let start = offset
        emit(Self.line(b) + "\n")
        spans.append(.init(blockID: b.id, start: start, end: offset - 1, sectionPath: path))
        previousKind = kind
    }

    private mutating func separate() {
        if !out.isEmpty && previousKind != nil { emit("\n") }
    }

    private mutating func emit(_ s: String) {
        out += s
        offset += s.utf8.count
    }

    private static func group(_ k: BlockKind) -> String {
        switch k {
        case .paragraph, .note: return "paragraph"
        case .listItem: return "list"
        case .tableRow: return "table"
        case .turn: return "turn"
        }
    }

    static func line(_ b: Block) -> String {
        switch b.kind {
        case .paragraph: return b.text
        case .listItem(let label, let depth):
            return String(repeating: "  ", count: min(depth, 8)) + (label ?? "-") + " " + b.text
        case .tableRow(let cells): return "| " + cells.joined(separator: " | ") + " |"
        case .note(let label): return "[^\(label ?? "note")] " + b.text
        case .turn(let speaker, let start, _):
            let stamp = start.map { "[\(Timecode.compact($0))] " } ?? ""
            return stamp + (speaker.map { "\($0): " } ?? "") + b.text
        }
    }
}
