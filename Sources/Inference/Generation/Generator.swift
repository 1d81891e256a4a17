import Foundation

/// When generation stops.
public struct StopRules: Sendable {
    public var maxTokens: Int
    /// Tokens that end generation (EOS, end-of-turn…), not included in the output.
    public var stopTokens: Set<Int32>
    /// Text that ends generation; the output is cut before it.
    public var stopStrings: [String]

    public init(maxTokens: Int, stopTokens: Set<Int32> = [], stopStrings: [String] = []) {
        self.maxTokens = maxTokens
        self.stopTokens = stopTokens
        self.stopStrings = stopStrings
    }
}

/// What a generation produced and how fast.
public struct Generation: Sendable {
    public enum StopReason: String, Sendable, Codable { case endOfGeneration, stopString, maxTokens, contextFull }
    public var tokens: [Int32]
    public var text: String
    public var stopReason: StopReason
    /// Seconds spent choosing and computing the generated tokens.
    public var decodeSeconds: Double
    public var tokensPerSecond: Double { decodeSeconds > 0 ? Double(tokens.count) / decodeSeconds : 0 }
}

/// Produces text from a prefilled session: sample, feed back, stop by rule,
/// stream the text out as soon as it is complete UTF-8.
public struct Generator {
    public let session: Session
    public let tokenizer: any Tokenizer
    public var sampler: Sampler
    public var rules: StopRules

    public init(session: Session, tokenizer: any Tokenizer, sampling: SamplingOptions, rules: StopRules) {
        self.session = session
        self.tokenizer = tokenizer
        sampler = Sampler(sampling)
        self.rules = rules
    }

    /// Generates from `logits` (those of the last prompt token); `onText`
    /// receives each new piece of text as it becomes final.
    public mutating func generate(from logits: [Float], history: [Int32] = [],
                                  onText: (String) -> Void = { _ in }) throws -> Generation {
        let started = Date()
        var logits = logits, tokens: [Int32] = [], text = "", emitted = 0
        var decoder = StreamingDecoder(tokenizer: tokenizer)
        var reason = Generation.StopReason.maxTokens
        let holdBack = rules.stopStrings.map(\.count).max().map { $0 - 1 } ?? 0
        while tokens.count < rules.maxTokens {
            let next = sampler.sample(logits, history: history + tokens)
            if rules.stopTokens.contains(next) { reason = .endOfGeneration; break }
            tokens.append(next)
            text += decoder.append(next)
            if let cut = firstStop(in: text) {
                text = String(text[..<cut])
                reason = .stopString
                break
            }
            let safe = text.count - holdBack
            if safe > emitted { onText(String(text.dropFirst(emitted).prefix(safe - emitted))); emitted = safe }
            if tokens.count == rules.maxTokens { break }
            if session.position >= session.cache.maxTokens { reason = .contextFull; break }
            logits = try session.step(next)
        }
        if reason != .stopString { text += decoder.finish() }
        if text.count > emitted { onText(String(text.dropFirst(emitted))) }
        return Generation(tokens: tokens, text: text, stopReason: reason,
                          decodeSeconds: Date().timeIntervalSince(started))
    }

    private func firstStop(in text: String) -> String.Index? {
        rules.stopStrings.compactMap { text.range(of: $0)?.lowerBound }.min()
    }
}
