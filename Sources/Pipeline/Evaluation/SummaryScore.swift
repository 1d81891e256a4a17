import Foundation

/// `count` of `total`, with their ratio (null in JSON when `total` is 0),
/// so two runs can be compared on ratios while the counts stay visible.
public struct Ratio: Codable, Sendable, Hashable {
    public var count = 0
    public var total = 0

    public init(_ count: Int = 0, of total: Int = 0) {
        self.count = count
        self.total = total
    }

    /// `count / total`, nil when there is nothing to count.
    public var ratio: Double? { total > 0 ? Double(count) / Double(total) : nil }

    public static func + (a: Ratio, b: Ratio) -> Ratio { Ratio(a.count + b.count, of: a.total + b.total) }

    /// Counts one more case, `hit` or not.
    public mutating func add(_ hit: Bool) {
        total += 1
        if hit { count += 1 }
    }

    enum CodingKeys: String, CodingKey { case count, total, ratio }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decode(Int.self, forKey: .count)
        total = try c.decode(Int.self, forKey: .total)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        try c.encode(total, forKey: .total)
        try c.encode(ratio, forKey: .ratio)
    }
}

/// The figures of one document's summary, or their sum over documents:
/// all counts, so totals add up and ratios are taken over the totals.
public struct SummaryFigures: Codable, Sendable, Hashable {
    /// Key facts whose pattern the summary matches, of the facts listed for the document.
    public var recall = Ratio()
    /// Invented markup in the JSON's point texts.
    public var artifactsJson = ArtifactScanner.Counts()
    /// Invented markup in the `.summary.md` (backslash-escaped characters excepted).
    public var artifactsMarkdown = ArtifactScanner.Counts()
    /// Sentences of the summary, section and chapter texts.
    public var sentences = 0
    /// Sentences repeating an earlier one of the same summary text.
    public var repeatedSentences = 0
    /// Sentences repeating one of another part only (informational).
    public var crossPartRepeats = 0
    /// Prose lines of the `.summary.md`.
    public var proseLines = 0
    /// Prose lines not ending a sentence.
    public var cutOffLines = 0
    /// Points of the summary, sections and chapters.
    public var points = 0
    /// Points whose text stops on a dangling word or comma.
    public var danglingPoints = 0
    /// Numbers and names stated that the source does not contain, of all stated.
    public var unsupportedClaims = Ratio()
    /// Points of the summary, sections and chapters whose cited blocks hold them.
    public var citationAccuracy = Ratio()
    /// Genre-table items (key terms, meeting items, characters, events) whose cited blocks hold them.
    public var structureCitationAccuracy = Ratio()
    /// Citation accuracy of each attribution method on the same points (runs with `--compare-citations`).
    public var citationAccuracyByMethod: [String: Ratio] = [:]
    /// Points stating a fact that cite a block where the source states it.
    public var locatedAccuracy = Ratio()
    /// Points left out as unsupported by the summarizer (current format).
    public var droppedPoints = 0
    public var documentTokens = 0
    public var generatedTokens = 0
    public var prefillSeconds = 0.0
    public var generateSeconds = 0.0
    /// Wall time of summarizing, from the output's `index.json` (nil when not recorded).
    public var wallSeconds: Double?

    public init() {}

    public static func + (a: SummaryFigures, b: SummaryFigures) -> SummaryFigures {
        var s = a
        s.recall = a.recall + b.recall
        s.artifactsJson = a.artifactsJson + b.artifactsJson
        s.artifactsMarkdown = a.artifactsMarkdown + b.artifactsMarkdown
        s.sentences += b.sentences
        s.repeatedSentences += b.repeatedSentences
        s.crossPartRepeats += b.crossPartRepeats
        s.proseLines += b.proseLines
        s.cutOffLines += b.cutOffLines
        s.points += b.points
        s.danglingPoints += b.danglingPoints
        s.unsupportedClaims = a.unsupportedClaims + b.unsupportedClaims
        s.citationAccuracy = a.citationAccuracy + b.citationAccuracy
        s.structureCitationAccuracy = a.structureCitationAccuracy + b.structureCitationAccuracy
        s.citationAccuracyByMethod = a.citationAccuracyByMethod.merging(b.citationAccuracyByMethod, uniquingKeysWith: +)
        s.locatedAccuracy = a.locatedAccuracy + b.locatedAccuracy
        s.droppedPoints += b.droppedPoints
        s.documentTokens += b.documentTokens
        s.generatedTokens += b.generatedTokens
        s.prefillSeconds += b.prefillSeconds
        s.generateSeconds += b.generateSeconds
        if let w = b.wallSeconds { s.wallSeconds = (a.wallSeconds ?? 0) + w }
        return s
    }
}

/// One document's scores and the findings behind them.
public struct DocumentScore: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// Scored from its outputs.
        case scored
        /// Listed in the facts file or found in the outputs, but its `.summary.json` is missing.
        case missing
        /// Its outputs or source could not be read.
        case failed
    }

    /// Path relative to the documents directory.
    public var document: String
    public var status: Status
    public var error: String?
    public var format: EvaluatedSummary.Format?
    public var genre: String?
    public var figures = SummaryFigures()
    /// The facts the summary does not state.
    public var missedFacts: [String] = []
    /// Numbers and names stated that the source does not contain, each once.
    public var unsupportedNumbers: [String] = []
    public var unsupportedNames: [String] = []
    /// Repeated sentences and cut-off lines (first 50 each).
    public var repeated: [String] = []
    public var cutOff: [String] = []
    /// Points whose cited blocks do not hold their content.
    public var inaccurateCitations: [String] = []
    /// Facts whose evidence pattern matches no source block (their points are not counted in located accuracy).
    public var evidenceNotFound: [String] = []

    public init(document: String, status: Status = .scored, error: String? = nil) {
        self.document = document
        self.status = status
        self.error = error
    }
}

/// An evaluation: every document's score and the totals over all of them.
public struct SummaryEvaluationReport: Codable, Sendable {
    public var documentsDirectory: String
    public var outputDirectory: String
    public var factsFile: String
    /// Whether this evaluation summarized the documents (false when scoring existing outputs).
    public var summarized: Bool
    /// Wall time of the whole summarization run, when this evaluation ran it.
    public var summarizeSeconds: Double?
    public var documents: [DocumentScore]
    /// Sums over all documents; every ratio over the summed counts.
    public var totals: SummaryFigures

    public init(documentsDirectory: String, outputDirectory: String, factsFile: String, summarized: Bool,
                summarizeSeconds: Double? = nil, documents: [DocumentScore]) {
        self.documentsDirectory = documentsDirectory
        self.outputDirectory = outputDirectory
        self.factsFile = factsFile
        self.summarized = summarized
        self.summarizeSeconds = summarizeSeconds
        self.documents = documents
        totals = documents.reduce(SummaryFigures()) { $0 + $1.figures }
    }
}
