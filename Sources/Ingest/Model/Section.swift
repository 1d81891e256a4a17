/// A node of the document outline: a heading, the blocks under it, and its
/// subsections.
public struct Section: Codable, Hashable, Sendable {
    /// The heading text; nil only for the document root.
    public var heading: String?
    /// Outline depth: 0 for the root, 1 for top-level chapters, and so on.
    public var level: Int
    /// Headings from the outermost section down to this one, so a block can be
    /// located ("Part I › Chapter 2") without walking the tree.
    public var path: [String]
    /// Where the heading itself came from, when known.
    public var span: SourceSpan?
    public var blocks: [Block]
    public var children: [Section]

    public init(heading: String?, level: Int, path: [String], span: SourceSpan? = nil,
                blocks: [Block] = [], children: [Section] = []) {
        self.heading = heading
        self.level = level
        self.path = path
        self.span = span
        self.blocks = blocks
        self.children = children
    }

    /// Number of blocks in this section and all its subsections.
    public var totalBlockCount: Int {
        blocks.count + children.reduce(0) { $0 + $1.totalBlockCount }
    }

    /// Visits every block in reading order with the section that holds it.
    public func forEachBlock(_ body: (Section, Block) -> Void) {
        for block in blocks { body(self, block) }
        for child in children { child.forEachBlock(body) }
    }
}
