/// Assembles a `Document` from a stream of headings and blocks in reading
/// order, keeping the section stack so parsers only report what they see.
///
/// It also keeps the document's budget (`IngestOptions.deadline` and
/// `maxTextBytes`): once over, further blocks are dropped, `isOverBudget`
/// tells parsers to stop, and `finish` fails the document.
struct DocumentBuilder {
    private(set) var metadata: Metadata
    /// Open sections from the root (index 0) to the current one.
    private var stack: [Section]
    private var nextID = 0
    private let deadline: ContinuousClock.Instant?
    private let maxTextBytes: Int
    private let maxSeconds: Double
    private var textBytes = 0
    /// Why the document went over its budget, once it has.
    private(set) var overrun: String?

    init(metadata: Metadata, options: IngestOptions) {
        self.metadata = metadata
        self.stack = [Section(heading: nil, level: 0, path: [])]
        deadline = options.deadline
        maxTextBytes = options.maxTextBytes
        maxSeconds = options.maxParseSeconds
    }

    /// Whether the document is over its time or text budget.
    var isOverBudget: Bool { overrun != nil }

    /// Counts `bytes` more text against the budget; false once over it.
    private mutating func charge(_ bytes: Int) -> Bool {
        guard overrun == nil else { return false }
        textBytes += bytes
        if textBytes > maxTextBytes {
            overrun = "it holds more than " + (maxTextBytes >= 1 << 20 ? "\(maxTextBytes >> 20) MB" : "\(maxTextBytes) bytes") + " of text"
        } else if let deadline, ContinuousClock.now > deadline {
            overrun = "reading it took more than \(Int(maxSeconds)) s"
        }
        return overrun == nil
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

    /// Records that text of the file is missing from the document (see
    /// `Metadata.warnings`).
    mutating func warn(_ message: String) {
        if !metadata.warnings.contains(message) { metadata.warnings.append(message) }
    }

    /// Opens a section at `level` (1 = top), closing any open sections at the
    /// same or deeper level.
    mutating func heading(_ text: String, level: Int, span: SourceSpan? = nil) {
        let title = TextCleaner.collapse(text)
        guard !title.isEmpty, charge(title.utf8.count) else { return }
        let level = max(1, level)
        while stack.count > 1, stack[stack.count - 1].level >= level { closeTop() }
        if firstHeading == nil { firstHeading = title }
        let path = stack[stack.count - 1].path + [title]
        stack.append(Section(heading: title, level: level, path: path, span: span))
    }

    /// Appends a block to the current section; empty text is ignored.
    mutating func add(_ kind: BlockKind, text: String, span: SourceSpan) {
        let clean = TextCleaner.collapse(text)
        guard !clean.isEmpty, charge(clean.utf8.count) else { return }
        stack[stack.count - 1].blocks.append(Block(id: nextID, kind: kind, text: clean, span: span))
        nextID += 1
    }

    /// Appends a block whose text is already normalized (transcript turns keep
    /// their own spacing).
    mutating func addRaw(_ kind: BlockKind, text: String, span: SourceSpan) {
        guard !text.isEmpty, charge(text.utf8.count) else { return }
        stack[stack.count - 1].blocks.append(Block(id: nextID, kind: kind, text: text, span: span))
        nextID += 1
    }

    /// Closes all sections and returns the document; throws
    /// `IngestError.overBudget` when it went over its budget.
    mutating func finish(contentHash: String) throws -> Document {
        if let overrun { throw IngestError.overBudget(file: metadata.source, reason: overrun) }
        while stack.count > 1 { closeTop() }
        return Document(metadata: metadata, root: stack[0], contentHash: contentHash)
    }

    private mutating func closeTop() {
        let done = stack.removeLast()
        stack[stack.count - 1].children.append(done)
    }
}
