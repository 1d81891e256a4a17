import Foundation

/// Finds the units (source blocks, or earlier points) each point of a
/// generated text comes from, and decides whether the source backs it.
///
/// Attention first: while the point's tokens were generated, the retrieval
/// heads' attention over the units says where the model was reading; the
/// units holding most of that mass are the candidates. Each candidate is
/// cross-checked lexically (it must share content with the point); when
/// attention gives nothing that passes, the unit sharing the most content
/// is taken instead. A point is unsupported when no unit holds its content
/// or it states a number or name the source does not have.
struct PointGrounder {
    /// The units, and the ones this text may cite (a section's blocks, say).
    let units: [CitableUnit]
    let scope: Set<Int>
    /// What the whole source states, for the numbers-and-names check.
    let source: Claims.Source
    var method = AttributionMethod.combined
    /// Least share of a point's content words a candidate unit must hold.
    var minimumOverlap = 0.25
    /// Least share of a point's content words its cited units together must
    /// hold (with every number it states) for the point to be supported.
    var minimumSupport = 0.5
    /// Most units one point cites.
    var maxCitations = 2

    /// The same grounder with another attribution method.
    func with(_ method: AttributionMethod) -> PointGrounder {
        var copy = self
        copy.method = method
        return copy
    }

    /// `mass[u]`: the attention the point's tokens paid to unit `u` (any scale; nil without attention).
    func ground(_ draft: DraftPoint, mass: [Float]?) -> SummaryPoint {
        var point = draft.point
        let words = Lexicon.contentWords(draft.point.text)
        let numbers = NumberReader.values(in: draft.point.text)
        let holds = { (chosen: [Int]) in CitableUnit.hold(words, numbers: numbers, in: chosen.map { units[$0] }, share: minimumSupport) }
        var chosen = method == .lexical ? [] : attentionCandidates(mass, words: words)
        var how = chosen.isEmpty ? nil : "attention"
        if method != .attention, !holds(chosen), let best = lexicalBest(words), holds([best]) || chosen.isEmpty {
            chosen = [best]
            how = "lexical"
        }
        let held = holds(chosen)
        var citations: [Citation] = []
        for unit in chosen { for c in units[unit].citations where !citations.contains(c) { citations.append(c) } }
        point.citations = citations
        point.attribution = how
        let missing = source.missing(Claims(point.text + " " + (point.label ?? "")))
        var reasons: [String] = []
        if citations.isEmpty || !held { reasons.append("no source block holds its content") }
        if !missing.numbers.isEmpty { reasons.append("numbers not in the source: " + missing.numbers.map(Self.format).joined(separator: ", ")) }
        if !missing.names.isEmpty { reasons.append("names not in the source: " + missing.names.joined(separator: ", ")) }
        point.support = reasons.isEmpty ? .supported : .unsupported
        point.reason = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        return point
    }

    /// In-scope units with most of the attention mass that also share content with the point.
    func attentionCandidates(_ mass: [Float]?, words: Set<String>) -> [Int] {
        guard let mass else { return [] }
        let ranked = scope.filter { $0 < mass.count && mass[$0] > 0 }.sorted { mass[$0] > mass[$1] }
        let total = ranked.reduce(Float(0)) { $0 + mass[$1] }
        guard total > 0 else { return [] }
        var out: [Int] = []
        for unit in ranked.prefix(6) where mass[unit] / total >= 0.08 {
            if method == .attention || units[unit].overlap(words) >= minimumOverlap { out.append(unit) }
            if out.count == maxCitations { break }
        }
        return out
    }

    /// The in-scope unit sharing the most content with the point, if it shares enough.
    func lexicalBest(_ words: Set<String>) -> Int? {
        var best: (unit: Int, score: Double)?
        for unit in scope.sorted() {
            let score = units[unit].overlap(words)
            if score >= minimumOverlap, score > (best?.score ?? 0) { best = (unit, score) }
        }
        return best?.unit
    }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}

/// How points are traced to their sources (pipeline key `citations:`).
public enum AttributionMethod: String, Codable, Sendable, Hashable, CaseIterable {
    /// Retrieval-head attention, each candidate cross-checked lexically; lexical when attention finds none.
    case combined
    /// Retrieval-head attention alone.
    case attention
    /// Word overlap alone.
    case lexical
}
