import Ingest

/// The text a citation points to — its block, with the section it lies in
/// and the blocks around it — for showing a reader where a point comes from.
public struct CitedPassage: Codable, Sendable, Equatable {
    public struct Neighbour: Codable, Sendable, Equatable {
        public var block: Int
        public var text: String
    }

    public var block: Int
    /// The location a summary's citation gives for the block.
    public var location: String
    /// Headings of the sections the block lies in, outermost first.
    public var section: [String]
    public var text: String
    /// Up to `context` blocks before and after, in reading order.
    public var before: [Neighbour], after: [Neighbour]

    /// The passage of block `id` in `document`, nil when it has no such block.
    public init?(document: Document, block id: Int, context: Int = 2) {
        let index = SourceIndex(document)
        guard let position = index.position(block: id) else { return nil }
        let entry = index.entries[position]
        let neighbour = { (e: SourceIndex.Entry) in Neighbour(block: e.block.id, text: e.block.labelledText) }
        block = id
        location = entry.location
        section = entry.path
        text = entry.block.labelledText
        before = index.entries[max(0, position - context)..<position].map(neighbour)
        after = index.entries[(position + 1)..<min(index.entries.count, position + 1 + context)].map(neighbour)
    }
}
