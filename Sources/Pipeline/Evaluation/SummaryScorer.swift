import Foundation

/// Scores one document's summary — its `.summary.json` (as an
/// `EvaluatedSummary`) and its `.summary.md` — against the source and the
/// document's key facts. Every figure is a count, so documents add up.
///
/// - Recall: a fact is recalled when its pattern matches a line of the
///   Markdown or a point or genre-table item of the JSON.
/// - Artifacts: `ArtifactScanner` over the JSON's texts and the Markdown.
/// - Repeats: `SentenceRepeats` over the sentences of each summary text.
/// - Cut-offs: `CutOffLines` over the Markdown's prose lines; dangling ends over the JSON's points.
/// - Claims: the numbers and names of every point and table item (`Claims`) the source lacks.
/// - Citations: whether a point's cited blocks hold it (`EvaluationSource.holds`);
///   located accuracy: whether a point stating a fact cites a block its evidence matches.
public struct SummaryScorer: Sendable {
    public let source: EvaluationSource
    public let facts: [KeyFact]

    public init(source: EvaluationSource, facts: [KeyFact]) {
        self.source = source
        self.facts = facts
    }

    /// The scores of `summary` (and of its Markdown, when there is one) for the document at `document`.
    public func score(_ summary: EvaluatedSummary, markdown: String?, document: String) -> DocumentScore {
        var score = DocumentScore(document: document)
        score.format = summary.format
        score.genre = summary.genre
        var f = SummaryFigures()
        recall(summary, markdown: markdown, into: &score, &f)
        let texts = summary.partPoints + summary.structure
        f.artifactsJson = texts.reduce(ArtifactScanner.Counts()) { $0 + ArtifactScanner.scan($1.line) }
        if let markdown {
            f.artifactsMarkdown = ArtifactScanner.scanMarkdown(markdown)
            let lines = CutOffLines.markdown(markdown)
            f.proseLines = lines.lines
            f.cutOffLines = lines.cutOff
            score.cutOff = lines.examples
        }
        let repeats = SentenceRepeats.find(summary.parts.map(\.sentences))
        f.sentences = repeats.sentences
        f.repeatedSentences = repeats.repeated
        f.crossPartRepeats = repeats.crossPart
        score.repeated = repeats.examples
        f.points = summary.partPoints.count
        f.danglingPoints = summary.partPoints.filter { CutOffLines.endsDangling($0.text) }.count
        claims(texts, into: &score, &f)
        for point in summary.partPoints {
            let holds = source.holds(point.text, blocks: source.blocks(of: point.source))
            f.citationAccuracy.add(holds)
            if !holds { score.inaccurateCitations.append(point.text) }
        }
        for point in summary.comparedPoints {
            for (method, blocks) in point.citedBy ?? [:] {
                f.citationAccuracyByMethod[method, default: Ratio()].add(source.holds(point.text, blocks: source.blocks(of: .blocks(blocks))))
            }
        }
        for item in summary.structure { f.structureCitationAccuracy.add(source.holds(item.text, blocks: source.blocks(of: item.source))) }
        located(summary, into: &score, &f)
        f.droppedPoints = summary.droppedPoints ?? 0
        f.documentTokens = summary.documentTokens ?? 0
        f.generatedTokens = summary.generatedTokens ?? 0
        f.prefillSeconds = summary.prefillSeconds ?? 0
        f.generateSeconds = summary.generateSeconds ?? 0
        score.figures = f
        return score
    }

    /// Facts matched by a Markdown line or a JSON text (one item per line).
    func recall(_ summary: EvaluatedSummary, markdown: String?, into score: inout DocumentScore, _ f: inout SummaryFigures) {
        let lines = (markdown.map { $0.split(whereSeparator: \.isNewline).map(String.init) } ?? []) + summary.lines
        for fact in facts {
            let stated = lines.contains { fact.isStated(in: $0) }
            f.recall.add(stated)
            if !stated { score.missedFacts.append(fact.fact) }
        }
    }

    /// Numbers and names of every point and table item, and those the source lacks.
    func claims(_ points: [EvaluatedPoint], into score: inout DocumentScore, _ f: inout SummaryFigures) {
        var numbers = Set<Double>(), names = Set<String>()
        for point in points {
            let claims = Claims(point.stated)
            let missing = source.claims.missing(claims)
            f.unsupportedClaims.total += claims.numbers.count + claims.names.count
            f.unsupportedClaims.count += missing.numbers.count + missing.names.count
            numbers.formUnion(missing.numbers)
            names.formUnion(missing.names)
        }
        score.unsupportedNumbers = numbers.sorted().map(Self.format)
        score.unsupportedNames = names.sorted()
    }

    /// For each fact, the points of the summary, sections and chapters that state it,
    /// and whether each cites a block the fact's evidence matches.
    func located(_ summary: EvaluatedSummary, into score: inout DocumentScore, _ f: inout SummaryFigures) {
        for fact in facts {
            let truth = source.evidence(for: fact)
            guard !truth.isEmpty else {
                score.evidenceNotFound.append(fact.fact)
                continue
            }
            for point in summary.partPoints where fact.isStated(in: point.line) {
                f.locatedAccuracy.add(!truth.isDisjoint(with: source.blocks(of: point.source)))
            }
        }
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
