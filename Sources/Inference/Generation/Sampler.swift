import Foundation

/// How the next token is chosen from logits.
public struct SamplingOptions: Sendable, Equatable, Codable {
    /// 0 means greedy (argmax).
    public var temperature: Float = 0.7
    /// Keep the `topK` most likely tokens (0 = all).
    public var topK: Int = 40
    /// Keep the smallest set whose probability reaches `topP` (1 = all).
    public var topP: Float = 0.95
    /// Drop tokens less likely than `minP` × the most likely one (0 = off).
    public var minP: Float = 0.05
    /// Divide positive (multiply negative) logits of recent tokens by this (1 = off).
    public var repetitionPenalty: Float = 1.0
    /// How many recent tokens the penalty looks at.
    public var repetitionWindow: Int = 64
    /// Never repeat a run of this many generated tokens (0 = off; see `NGramBlocker`).
    public var noRepeatNGram: Int = 0
    public var seed: UInt64 = 0

    public init() {}

    /// Always the most likely token; reproducible and deterministic.
    public static var greedy: SamplingOptions {
        var o = SamplingOptions()
        o.temperature = 0
        return o
    }
}

/// Picks tokens from logits; deterministic for a fixed seed.
public struct Sampler: Sendable {
    public let options: SamplingOptions
    private var rng: SplitMix64

    public init(_ options: SamplingOptions) {
        self.options = options
        rng = SplitMix64(seed: options.seed)
    }

    /// The next token given `logits` and the tokens produced so far.
    public mutating func sample(_ logits: [Float], history: [Int32] = []) -> Int32 {
        var logits = logits
        applyPenalty(&logits, history)
        if options.temperature <= 0 { return Int32(Self.argmax(logits)) }
        let candidates = Self.ranked(logits.map { $0 / options.temperature }, keep: options.topK)
        let probs = Self.softmax(candidates.map(\.logit))
        let kept = cutoff(probs)
        let total = probs[..<kept].reduce(0, +)
        var r = Float(rng.nextUnit()) * total
        for i in 0..<kept {
            r -= probs[i]
            if r <= 0 { return Int32(candidates[i].id) }
        }
        return Int32(candidates[kept - 1].id)
    }

    /// Candidates by falling logit (lower id first on ties), the first `keep`
    /// only when `keep > 0`: a bounded insertion for top-k, so sampling does
    /// not sort the whole vocabulary on every token.
    static func ranked(_ logits: [Float], keep: Int) -> [(id: Int, logit: Float)] {
        guard keep > 0, keep < logits.count else {
            return logits.indices.map { (id: $0, logit: logits[$0]) }
                .sorted { $0.logit > $1.logit || ($0.logit == $1.logit && $0.id < $1.id) }
        }
        var top: [(id: Int, logit: Float)] = []
        top.reserveCapacity(keep + 1)
        for (i, l) in logits.enumerated() {
            if top.count == keep, !(l > top[keep - 1].logit) { continue }
            let position = top.firstIndex { $0.logit < l } ?? top.count
            top.insert((i, l), at: position)
            if top.count > keep { top.removeLast() }
        }
        return top
    }

    /// Number of leading (sorted) candidates kept by top-p and min-p.
    private func cutoff(_ probs: [Float]) -> Int {
        var kept = probs.count
        if options.minP > 0, let top = probs.first {
            kept = min(kept, max(1, probs.firstIndex { $0 < options.minP * top } ?? probs.count))
        }
        if options.topP < 1 {
            var cumulative: Float = 0
            for i in 0..<kept {
                cumulative += probs[i]
                if cumulative >= options.topP { kept = i + 1; break }
            }
        }
        return max(1, kept)
    }

    private func applyPenalty(_ logits: inout [Float], _ history: [Int32]) {
        guard options.repetitionPenalty != 1 else { return }
        for id in Set(history.suffix(options.repetitionWindow)) where Int(id) < logits.count && id >= 0 {
            let l = logits[Int(id)]
            logits[Int(id)] = l > 0 ? l / options.repetitionPenalty : l * options.repetitionPenalty
        }
    }

    /// Index of the largest value (first on ties).
    public static func argmax(_ x: [Float]) -> Int {
        var best = 0
        for i in x.indices where x[i] > x[best] { best = i }
        return best
    }

    static func softmax(_ x: [Float]) -> [Float] {
        guard let m = x.max() else { return [] }
        let e = x.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }
}
