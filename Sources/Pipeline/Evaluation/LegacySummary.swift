import Foundation
import Inference

/// The `.summary.json` of older builds, kept readable so their outputs can
/// serve as a baseline: the summary is a plain string, its points are
/// `{text, citation}` where `citation` names a section or segment label,
/// and sections and chapters are `{label, citation, summary}` with a
/// plain-string summary.
///
/// Only what the scorer needs is decoded; every field but `summary` may be
/// missing.
struct LegacySummary: Decodable {
    struct Point: Decodable {
        var text: String
        var citation: String?
    }

    struct Part: Decodable {
        var label: String
        var citation: String?
        var summary: String
    }

    var title: String?
    var genre: String?
    var summary: String
    var points: [Point]?
    var sections: [Part]?
    var chapters: [Part]?
    var documentTokens: Int?
    var generatedTokens: Int?
    var prefillSeconds: Double?
    var generateSeconds: Double?

    /// The scored view: the overall summary from its points (each citing its
    /// label) or, without points, from the summary's sentences; every part's
    /// summary cut into sentences, each citing the part's label.
    var evaluated: EvaluatedSummary {
        let overall: [EvaluatedPoint]
        if let points, !points.isEmpty {
            overall = points.map { EvaluatedPoint(text: $0.text, source: .label($0.citation)) }
        } else {
            overall = Self.sentencePoints(summary, citation: nil)
        }
        var parts = [EvaluatedPart(kind: .summary, label: "Summary", points: overall)]
        parts += (sections ?? []).map { part in
            EvaluatedPart(kind: .section, label: part.label, points: Self.sentencePoints(part.summary, citation: part.citation ?? part.label))
        }
        parts += (chapters ?? []).map { part in
            EvaluatedPart(kind: .chapter, label: part.label, points: Self.sentencePoints(part.summary, citation: part.citation ?? part.label))
        }
        return EvaluatedSummary(format: .legacy, title: title, genre: genre, parts: parts, structure: [],
                                documentTokens: documentTokens, generatedTokens: generatedTokens,
                                prefillSeconds: prefillSeconds, generateSeconds: generateSeconds)
    }

    /// `text` cut into sentences (line breaks end one too), each a point citing `citation`.
    static func sentencePoints(_ text: String, citation: String?) -> [EvaluatedPoint] {
        SentenceBoundary.sentences(text).map { EvaluatedPoint(text: $0, source: .label(citation)) }
    }
}
