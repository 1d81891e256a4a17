/// One unit of text that a summary or answer can cite.
public struct Block: Codable, Hashable, Sendable {
    /// Position of the block in reading order, starting at 0. Stable for a
    /// given source file, so it can be stored alongside answers.
    public var id: Int
    public var kind: BlockKind
    /// The block's text with markup removed and whitespace collapsed.
    public var text: String
    /// Where the block came from in the source.
    public var span: SourceSpan

    public init(id: Int, kind: BlockKind, text: String, span: SourceSpan) {
        self.id = id
        self.kind = kind
        self.text = text
        self.span = span
    }
}

/// What a block is, with the details each kind needs to be rendered.
public enum BlockKind: Codable, Hashable, Sendable {
    case paragraph
    /// A list item with the label a reader sees ("1.", "1.1", "(a)", "•")
    /// and its nesting depth (0 for a top-level list).
    case listItem(label: String?, depth: Int)
    /// One table row; `text` joins the cells with " | ".
    case tableRow(cells: [String])
    /// A footnote or endnote with its marker ("1", "*").
    case note(label: String?)
    /// A transcript turn: one speaker talking without interruption. Times are
    /// in seconds from the start of the recording.
    case turn(speaker: String?, start: Double?, end: Double?)
}

/// Where a block lies in the source, precise enough to quote or re-open it.
public enum SourceSpan: Codable, Hashable, Sendable {
    /// Bytes `start..<end` of the file, or of `part` inside a container.
    case bytes(part: String?, start: Int, end: Int)
    /// The `index`-th element (0-based) of its kind in `part` of a container
    /// whose XML carries no usable offsets (e.g. a DOCX paragraph).
    case element(part: String, index: Int)
    /// A 1-based page of a paged document.
    case page(Int)
    /// 1-based subtitle cue numbers `first...last` in file order.
    case cues(first: Int, last: Int)
}
