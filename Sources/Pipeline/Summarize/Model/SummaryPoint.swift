/// A source block a point is drawn from, with the block's own location.
public struct Citation: Codable, Sendable, Hashable {
    /// The block's id in the document (`Block.id`, stable for a source file).
    public var block: Int
    /// Where a reader finds it: section path and clause label, page, or cue time and speaker.
    public var location: String

    public init(block: Int, location: String) {
        self.block = block
        self.location = location
    }
}

/// Whether the source backs a point.
public enum Support: String, Codable, Sendable, Hashable {
    /// A cited block holds its content, and every number and name in it is in the source.
    case supported
    /// No block holds it, or it states numbers or names the source does not have.
    case unsupported
}

/// How a point appeared in what the model wrote.
public enum PointStyle: Codable, Sendable, Hashable {
    /// A list item at `depth` (0 = top level), `number` for an ordered item.
    case item(depth: Int, number: String?)
    /// A sentence of paragraph `paragraph` (sentences of one paragraph share it).
    case sentence(paragraph: Int)
    /// A row of a table the model wrote.
    case row
}

/// One statement of a summary, with the blocks it comes from.
public struct SummaryPoint: Codable, Sendable, Hashable {
    public var text: String
    /// A bold lead-in the model gave it ("Parties").
    public var label: String?
    /// The model's heading this point sits under, if it wrote headings.
    public var heading: String?
    public var style: PointStyle
    public var citations: [Citation]
    public var support: Support
    /// Why the point is unsupported (names and numbers missing from the source, no block).
    public var reason: String?
    /// How the citations were found: "attention", "lexical" or "attention+lexical".
    public var attribution: String?
    /// The blocks each attribution method would cite (`AttributionMethod` raw
    /// values), recorded only when a run compares the methods on the same points.
    public var citedBy: [String: [Int]]?

    public init(text: String, label: String? = nil, heading: String? = nil, style: PointStyle = .item(depth: 0, number: nil),
                citations: [Citation] = [], support: Support = .supported, reason: String? = nil, attribution: String? = nil) {
        self.text = text
        self.label = label
        self.heading = heading
        self.style = style
        self.citations = citations
        self.support = support
        self.reason = reason
        self.attribution = attribution
    }
}

/// What to do with a point the source does not back (pipeline key `unsupported:`).
public enum UnsupportedPolicy: String, Codable, Sendable, Hashable, CaseIterable {
    /// Leave it out (counted in the JSON).
    case drop
    /// Keep it, marked as unsupported.
    case mark
    /// Keep it as written (still flagged in the JSON).
    case keep
}

/// A piece of summary text as structured points, and what was left out.
public struct SummaryText: Codable, Sendable, Hashable {
    public var points: [SummaryPoint]
    /// Unsupported points left out under the `drop` policy.
    public var dropped: [SummaryPoint]

    public init(points: [SummaryPoint] = [], dropped: [SummaryPoint] = []) {
        self.points = points
        self.dropped = dropped
    }

    /// The points as plain text, one per line (what merges and later requests read).
    public var plainText: String {
        points.map { p in (p.label.map { "\($0): " } ?? "") + p.text }.joined(separator: "\n")
    }

    public var isEmpty: Bool { points.isEmpty }
}
