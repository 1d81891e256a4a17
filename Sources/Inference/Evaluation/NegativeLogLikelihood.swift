import Foundation

/// Teacher-forced negative log-likelihood of a token sequence.
public struct NLLResult: Sendable, Codable {
    public var tokens: Int
    public var scored: Int
    public var meanNLL: Double
    public var seconds: Double

    enum CodingKeys: String, CodingKey { case tokens, scored, meanNLL = "mean_nll", seconds }
}

public enum NegativeLogLikelihood {
    /// Mean −log p(token[i] | tokens[..<i]) over `i` in `fromToken ..< tokens.count`,
    /// all in one context on `session` (which must start empty).
    public static func evaluate(_ tokens: [Int32], fromToken: Int, session: Session,
                                progress: (Int) -> Void = { _ in }) throws -> NLLResult {
        let start = max(1, fromToken)
        let started = Date()
        var total = 0.0, scored = 0
        try session.prefill(tokens, logitsFor: .all) { first, logits, vocab in
            let rows = logits.count / vocab
            logits.withUnsafeBufferPointer { l in
                for r in 0..<rows {
                    let target = first + r + 1
                    guard target >= start, target < tokens.count else { continue }
                    total += logSoftmaxNegative(l.baseAddress! + r * vocab, vocab, Int(tokens[target]))
                    scored += 1
                }
            }
            progress(first + rows)
        }
        return NLLResult(tokens: tokens.count, scored: scored, meanNLL: scored > 0 ? total / Double(scored) : .nan,
                         seconds: Date().timeIntervalSince(started))
    }

    /// −log softmax(logits)[target], in double precision.
    static func logSoftmaxNegative(_ logits: UnsafePointer<Float>, _ n: Int, _ target: Int) -> Double {
        var m = -Float.infinity
        for i in 0..<n { m = max(m, logits[i]) }
        var s = 0.0
        for i in 0..<n { s += Foundation.exp(Double(logits[i] - m)) }
        return log(s) - Double(logits[target] - m)
    }
}
