import Foundation
import Inference

/// A request for a piece of summary: the text appended after the document
/// (possibly re-presenting part of it), where units lie in that text, and
/// which units the answer may cite.
struct WritingRequest {
    var text: String
    /// Units re-presented in `text` (UTF-8 offsets within it).
    var spans: [TokenPlacement.Span] = []
    var scope: Set<Int>
    var words: Int
    var maxTokens: Int
}

/// Asks the model for a piece of summary about a prefilled text, watching
/// its retrieval heads, and returns what it wrote as grounded points under
/// the unsupported-point policy.
struct GroundedWriter {
    let reading: ReadingModel
    let units: [CitableUnit]
    let source: Claims.Source
    var policy = UnsupportedPolicy.drop
    var method = AttributionMethod.combined
    /// Record on each point the blocks every method would cite (`SummaryPoint.citedBy`).
    var compareMethods = false
    var sampling: SamplingOptions
    /// A transcript's speakers (their dialogue replayed is not a summary point).
    var speakers: Set<String> = []
    /// Ends a generation in progress (Ctrl-C on a run).
    var interrupt: (@Sendable () -> Bool)?

    /// Writes `request` after `prefilled`, whose tokens belong to `documentUnits` (one entry per cache position).
    func write(_ request: WritingRequest, after prefilled: PrefilledDocument,
               documentUnits: [Int32]) throws -> (text: SummaryText, answer: Answer) {
        let content = reading.encode([.content(request.text)])
        let tail = reading.encode(reading.framing.question(request.text)).count - content.count
        let requestUnits = TokenPlacement.units(of: content, spans: request.spans, tokenizer: reading.tokenizer)
        let observer = method == .lexical && !compareMethods ? nil : AttentionObserver(
            buckets: documentUnits + requestUnits + [Int32](repeating: -1, count: max(0, tail)), bucketCount: units.count)
        var settings = AnswerSettings(sampling: sampling, maxTokens: request.maxTokens)
        settings.words = request.words
        settings.observer = observer
        settings.interrupt = interrupt
        let answer = try prefilled.answer(request.text, with: reading, settings: settings)
        let grounder = PointGrounder(units: units, scope: request.scope, source: source)
        let ends = characterEnds(of: answer.tokens)
        let points = DraftPoints.read(answer.text, speakers: speakers).map { draft in
            let attention = observer.map { self.mass(of: draft.range, ends: ends, steps: $0.steps) }
            var point = grounder.with(method).ground(draft, mass: method == .lexical ? nil : attention)
            if compareMethods {
                point.citedBy = Self.citations(of: draft, by: grounder, mass: attention, except: method)
                point.citedBy?[method.rawValue] = point.citations.map(\.block)
            }
            return point
        }
        return (Self.apply(policy, to: points), answer)
    }

    /// The blocks each attribution method (but `except`, already grounded) cites for `draft`.
    static func citations(of draft: DraftPoint, by grounder: PointGrounder, mass: [Float]?,
                          except: AttributionMethod? = nil) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for method in AttributionMethod.allCases where method != except {
            out[method.rawValue] = grounder.with(method).ground(draft, mass: method == .lexical ? nil : mass).citations.map(\.block)
        }
        return out
    }

    /// The points under `policy`: unsupported ones left out (`drop`), kept
    /// flagged (`mark`), or kept as written (`keep`, still flagged in the JSON).
    static func apply(_ policy: UnsupportedPolicy, to points: [SummaryPoint]) -> SummaryText {
        var text = SummaryText()
        for point in points {
            if point.support == .unsupported && policy == .drop { text.dropped.append(point) } else { text.points.append(point) }
        }
        return text
    }

    /// Character offset of the end of each generated token's text.
    private func characterEnds(of tokens: [Int32]) -> [Int] {
        var decoder = StreamingDecoder(tokenizer: reading.tokenizer), count = 0
        return tokens.map { token in
            count += decoder.append(token).count
            return count
        }
    }

    /// Attention per unit summed over the steps that produced the characters in `range`.
    private func mass(of range: Range<Int>, ends: [Int], steps: [[Float]]) -> [Float] {
        var total = [Float](repeating: 0, count: units.count)
        for (k, end) in ends.enumerated() {
            let start = k == 0 ? 0 : ends[k - 1]
            guard start < range.upperBound, end > range.lowerBound, k >= 1, k - 1 < steps.count else { continue }
            for (u, v) in steps[k - 1].enumerated() where v > 0 { total[u] += v }
        }
        return total
    }
}

extension GroundedWriter {
    /// Unit of every cache position of a document prefilled from `text`:
    /// template positions are −1, content tokens take their block's unit.
    static func documentUnits(reading: ReadingModel, text: String, spans: [TokenPlacement.Span]) -> [Int32] {
        let head = reading.encode([.beginningOfSequence, .template(reading.framing.head)]).count
        let content = reading.encode([.content(text)])
        let middle = reading.encode([.template(reading.framing.middle)]).count
        return [Int32](repeating: -1, count: head)
            + TokenPlacement.units(of: content, spans: spans, tokenizer: reading.tokenizer)
            + [Int32](repeating: -1, count: middle)
    }
}
