/// Assembles a `Document` from a stream of headings and blocks in reading
/// order, keeping the section stack so parsers only report what they see.
struct DocumentBuilder {
    private(set) var metadata: Metadata
    /// Open sections from the root (index 0) to the current one.
    private var stack: [Section]
    private var nextID = 0

    init(metadata: Metadata) {
        self.metadata = metadata
        self.stack = [Section(heading: nil, level: 0, path: [])]
    }

    var blockCount: Int { nextID }

    /// Text of the first heading opened so far, if any.
    private(set) var firstHeading: String?

    mutating func setTitle(_ title: String?) {
        if let t = title.map(TextCleaner.collapse), !t.isEmpty { metadata.title = t }
    }

    mutating func updateMetadata(_ body: (inout Metadata) -> Void) { body(&metadata) }

    mutating func note(_ message: String) {
        if !metadata.notes.contains(message) { metadata.notes.append(message) }
    }

    /// Opens a section at `level` (1 = top), closing any open sections at the
    /// same or deeper level.
    mutating func heading(_ text: String, level: Int, span: SourceSpan? = nil) {
        let title = TextCleaner.collapse(text)
        guard !title.isEmpty else { return }
        let level = max(1, level)
        while stack.count > 1, stack[stack.count - 1].level >= level { closeTop() }
        if firstHeading == nil { firstHeading = title }
        let path = stack[stack.count - 1].path + [title]
        stack.append(Section(heading: title, level: level, path: path, span: span))
    }

    /// Appends a block to the current section; empty text is ignored.
    mutating func add(_ kind: BlockKind, text: String, span: SourceSpan) {
        let clean = TextCleaner.collapse(text)
        guard !clean.isEmpty else { return }
        stack[stack.count - 1].blocks.append(Block(id: nextID, kind: kind, text: clean, span: span))
        nextID += 1
    }

    /// Appends a block whose text is already normalized (transcript turns keep
    /// their own spacing).
    mutating func addRaw(_ kind: BlockKind, text: String, span: SourceSpan) {
        guard !text.isEmpty else { return }
        stack[stack.count - 1].blocks.append(Block(id: nextID, kind: kind, text: text, span: span))
        nextID += 1
    }

    /// Closes all sections and returns the document.
    mutating func finish(contentHash: String) -> Document {
        while stack.count > 1 { closeTop() }
        return Document(metadata: metadata, root: stack[0], contentHash: contentHash)
    }

    private mutating func closeTop() {
        let done = stack.removeLast()
        stack[stack.count - 1].children.append(done)
    }
}
