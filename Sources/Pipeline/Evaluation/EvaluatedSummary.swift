import Foundation
import GGUF
import Inference

/// Where a summary point says its content comes from.
public enum PointSource: Sendable, Hashable {
    /// Source blocks by id (`Block.id`), as the current output cites them.
    case blocks([Int])
    /// A section or segment label, as older outputs cite them (nil: no citation).
    case label(String?)
}

/// One statement of a summary as the scorer sees it.
public struct EvaluatedPoint: Sendable, Hashable {
    /// What the point states: checked for claims, citations, repeats and cut-offs.
    public var text: String
    /// The whole item as one line (label, owner and due date included), matched against fact patterns.
    public var line: String
    /// What the output claims (the line less labels Precis wrote itself, such as a key-terms row's subject),
    /// checked for numbers and names the source lacks.
    public var stated: String
    public var source: PointSource
    /// The blocks each attribution method cites, when the run compared them.
    public var citedBy: [String: [Int]]?

    public init(text: String, line: String? = nil, stated: String? = nil, source: PointSource, citedBy: [String: [Int]]? = nil) {
        self.text = text
        self.line = line ?? text
        self.stated = stated ?? line ?? text
        self.source = source
        self.citedBy = citedBy
    }
}

/// One summary text of an output: the overall summary, or one section's or chapter's.
public struct EvaluatedPart: Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case summary, section, chapter }
    public var kind: Kind
    public var label: String
    public var points: [EvaluatedPoint]

    public init(kind: Kind, label: String, points: [EvaluatedPoint]) {
        self.kind = kind
        self.label = label
        self.points = points
    }

    /// The part's sentences in order, each point cut at sentence ends.
    public var sentences: [String] { points.flatMap { SentenceBoundary.sentences($0.text) } }
}

/// A `.summary.json` reduced to what is scored, from either output format:
/// the current `DocumentSummary` (points cite blocks) or the older one
/// (plain-string summaries, points citing a section label), so runs of an
/// older build can serve as a baseline.
public struct EvaluatedSummary: Sendable {
    public enum Format: String, Codable, Sendable {
        /// `DocumentSummary`: structured points citing source blocks.
        case current
        /// Plain-string summaries whose points cite a section or segment label.
        case legacy
    }

    public var format: Format
    public var title: String?
    public var genre: String?
    /// The overall summary first, then sections and chapters.
    public var parts: [EvaluatedPart]
    /// Genre tables: key terms, defined terms, meeting items, characters, events.
    public var structure: [EvaluatedPoint]
    /// Points left out as unsupported (current format only).
    public var droppedPoints: Int?
    /// Every point the model wrote for the summary and its sections, kept or
    /// dropped, that records what each attribution method cites.
    public var comparedPoints: [EvaluatedPoint] = []
    public var documentTokens: Int?
    public var generatedTokens: Int?
    public var prefillSeconds: Double?
    public var generateSeconds: Double?

    public init(format: Format, title: String? = nil, genre: String? = nil, parts: [EvaluatedPart],
                structure: [EvaluatedPoint] = [], droppedPoints: Int? = nil, documentTokens: Int? = nil,
                generatedTokens: Int? = nil, prefillSeconds: Double? = nil, generateSeconds: Double? = nil) {
        self.format = format
        self.title = title
        self.genre = genre
        self.parts = parts
        self.structure = structure
        self.droppedPoints = droppedPoints
        self.documentTokens = documentTokens
        self.generatedTokens = generatedTokens
        self.prefillSeconds = prefillSeconds
        self.generateSeconds = generateSeconds
    }

    /// Every point of the summary, sections and chapters (not the genre tables).
    public var partPoints: [EvaluatedPoint] { parts.flatMap(\.points) }

    /// Every text of the output, one item per line, for fact patterns.
    public var lines: [String] {
        (partPoints + structure).flatMap { $0.line.split(whereSeparator: \.isNewline).map(String.init) }
    }

    /// Decodes a `.summary.json`: the current format, else the legacy one.
    /// The error of the current format is the one reported when neither fits.
    public static func decode(_ data: Data) throws -> EvaluatedSummary {
        let decoder = JSONFormat.decoder
        do {
            return EvaluatedSummary(try decoder.decode(DocumentSummary.self, from: data))
        } catch let current {
            if let legacy = try? decoder.decode(LegacySummary.self, from: data) { return legacy.evaluated }
            throw current
        }
    }

    /// The scored view of a summary produced by this build.
    public init(_ s: DocumentSummary) {
        func points(_ text: SummaryText) -> [EvaluatedPoint] { text.points.map(Self.point) }
        var parts = [EvaluatedPart(kind: .summary, label: "Summary", points: points(s.summary))]
        parts += s.sections.map { EvaluatedPart(kind: .section, label: $0.label, points: points($0.summary)) }
        parts += s.chapters.map { EvaluatedPart(kind: .chapter, label: $0.label, points: points($0.summary)) }
        self.init(format: .current, title: s.title, genre: s.genre.rawValue, parts: parts,
                  structure: Self.structure(s.structure), droppedPoints: s.support.dropped,
                  documentTokens: s.documentTokens, generatedTokens: s.generatedTokens,
                  prefillSeconds: s.prefillSeconds, generateSeconds: s.generateSeconds)
        comparedPoints = ([s.summary] + s.sections.map(\.summary)).flatMap { $0.points + $0.dropped }
            .filter { $0.citedBy != nil }.map(Self.point)
    }

    static func point(_ p: SummaryPoint) -> EvaluatedPoint {
        EvaluatedPoint(text: p.text, line: (p.label.map { "\($0): " } ?? "") + p.text, source: .blocks(p.citations.map(\.block)),
                       citedBy: p.citedBy)
    }

    /// The genre tables as points, each citing the blocks it was taken from.
    static func structure(_ g: GenreStructure) -> [EvaluatedPoint] {
        var out = g.keyTerms.map { t in
            EvaluatedPoint(text: t.value, line: "\(t.term): \(t.value)", stated: t.value, source: .blocks(t.citations.map(\.block)))
        }
        out += g.definedTerms.map { d in
            EvaluatedPoint(text: d.definition, line: "\(d.term): \(d.definition)", source: .blocks([d.citation.block]))
        }
        for item in g.decisions + g.actionItems + g.openQuestions {
            let line = [item.owner, item.text, item.due, item.speaker].compactMap { $0 }.joined(separator: " — ")
            out.append(EvaluatedPoint(text: item.text, line: line, source: .blocks([item.citation.block])))
        }
        out += g.characters.map { c in EvaluatedPoint(text: c.name, source: .blocks(c.citation.map { [$0.block] } ?? [])) }
        out += g.events.map(point)
        return out
    }
}
