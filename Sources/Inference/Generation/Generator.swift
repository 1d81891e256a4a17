import Foundation

/// When generation stops.
public struct StopRules: Sendable {
    public var maxTokens: Int
    /// Tokens that end generation (EOS, end-of-turn…), not included in the output.
    public var stopTokens: Set<Int32>
    /// Text that ends generation; the output is cut before it.
    public var stopStrings: [String]
    /// After this many tokens, end at the next sentence end (a soft budget
    /// that lets the last sentence finish instead of cutting it).
    public var softMaxTokens: Int?
    /// When a token limit or the context ends the generation, keep only the
    /// complete sentences, so no output ends mid-sentence.
    public var endOnSentence = false
    /// End the generation when it repeats itself (see `LoopDetector`),
    /// keeping what came before the loop.
    public var stopOnLoop = false
    /// Asked before each token; when it answers true the generation ends
    /// there (Ctrl-C stopping an answer without leaving the program).
    public var interrupt: (@Sendable () -> Bool)?

    public init(maxTokens: Int, stopTokens: Set<Int32> = [], stopStrings: [String] = []) {
        self.maxTokens = maxTokens
        self.stopTokens = stopTokens
        self.stopStrings = stopStrings
    }

    /// Rules for prose people read: a soft budget of `words` words ended on a
    /// sentence, a hard limit well past it, loops ended.
    public static func prose(words: Int, maxTokens: Int, stopTokens: Set<Int32>) -> StopRules {
        var rules = StopRules(maxTokens: maxTokens, stopTokens: stopTokens)
        rules.softMaxTokens = min(maxTokens, words * 4 / 3 + 8)
        rules.endOnSentence = true
        rules.stopOnLoop = true
        return rules
    }
}

/// What a generation produced and how fast.
public struct Generation: Sendable {
    public enum StopReason: String, Sendable, Codable {
        case endOfGeneration, stopString, maxTokens, contextFull
        /// The soft budget was reached and the sentence in progress finished.
        case budget
        /// The generation started repeating itself.
        case loop
        /// `StopRules.interrupt` asked it to stop.
        case interrupted
    }
    /// Every generated token (including any whose text was cut off).
    public var tokens: [Int32]
    public var text: String
    public var stopReason: StopReason
    /// Characters cut from the end so the text ends on a sentence.
    public var trimmedCharacters = 0
    /// Seconds spent choosing and computing the generated tokens.
    public var decodeSeconds: Double
    public var tokensPerSecond: Double { decodeSeconds > 0 ? Double(tokens.count) / decodeSeconds : 0 }
}

/// Produces text from a prefilled session: sample, feed back, stop by rule,
/// stream the text out as soon as it is complete UTF-8 (and, when the rules
/// end on sentences, complete sentences).
public struct Generator {
    public let tokenizer: any Tokenizer
    public var sampler: Sampler
    public var rules: StopRules
    /// Feeds a token and returns the logits for the next one.
    private let step: (Int32) throws -> [Float]
    /// Whether the context has room for another token.
    private let hasRoom: () -> Bool

    /// A generator continuing `session`.
    public init(session: Session, tokenizer: any Tokenizer, sampling: SamplingOptions, rules: StopRules) {
        self.init(tokenizer: tokenizer, sampling: sampling, rules: rules, step: session.step,
                  hasRoom: { session.position < session.cache.maxTokens })
    }

    /// A generator over any source of logits (a session, or a script in tests).
    public init(tokenizer: any Tokenizer, sampling: SamplingOptions, rules: StopRules,
                step: @escaping (Int32) throws -> [Float], hasRoom: @escaping () -> Bool = { true }) {
        self.tokenizer = tokenizer
        sampler = Sampler(sampling)
        self.rules = rules
        self.step = step
        self.hasRoom = hasRoom
    }

    /// Generates from `logits` (those of the last prompt token); `onText`
    /// receives each new piece of text as it becomes final.
    public mutating func generate(from logits: [Float], history: [Int32] = [],
                                  onText: (String) -> Void = { _ in }) throws -> Generation {
        let started = Date()
        var state = GenerationState(rules: rules, noRepeatNGram: sampler.options.noRepeatNGram,
                                    decoder: StreamingDecoder(tokenizer: tokenizer))
        var logits = logits
        while state.tokens.count < rules.maxTokens {
            if rules.interrupt?() == true { state.stop(.interrupted); break }
            if state.blockRepeats(&logits) { state.stop(.loop); break }
            let next = sampler.sample(logits, history: history + state.tokens)
            if rules.stopTokens.contains(next) { state.stop(.endOfGeneration); break }
            if let reason = state.append(next) { state.stop(reason); break }
            state.emit(onText)
            if state.tokens.count == rules.maxTokens { state.stop(.maxTokens); break }
            if !hasRoom() { state.stop(.contextFull); break }
            logits = try step(next)
        }
        state.finish(onText)
        return Generation(tokens: state.tokens, text: state.text, stopReason: state.reason,
                          trimmedCharacters: state.trimmed, decodeSeconds: Date().timeIntervalSince(started))
    }
}

/// The running text of one generation and the rules applied to it.
private struct GenerationState {
    let rules: StopRules
    var decoder: StreamingDecoder
    var blocker: NGramBlocker?
    var loops = LoopDetector()
    var tokens: [Int32] = []
    var text = ""
    var emitted = 0
    var reason = Generation.StopReason.maxTokens
    var trimmed = 0
    /// Offset just past the last complete sentence of `text`.
    var sentenceEnd = 0
    let holdBack: Int

    init(rules: StopRules, noRepeatNGram: Int, decoder: StreamingDecoder) {
        self.rules = rules
        self.decoder = decoder
        blocker = noRepeatNGram >= 2 ? NGramBlocker(size: noRepeatNGram) : nil
        holdBack = rules.stopStrings.map(\.count).max().map { $0 - 1 } ?? 0
    }

    /// Bans repeated n-grams; true when that makes a loop the rules stop on.
    mutating func blockRepeats(_ logits: inout [Float]) -> Bool {
        guard let blocker, blocker.apply(to: &logits) else { return false }
        return loops.blocked(at: tokens.count) && rules.stopOnLoop
    }

    /// Adds a token; returns a reason to stop now, if any.
    mutating func append(_ token: Int32) -> Generation.StopReason? {
        tokens.append(token)
        blocker?.append(token)
        text += decoder.append(token)
        if let cut = rules.stopStrings.compactMap({ text.range(of: $0)?.lowerBound }).min() {
            text = String(text[..<cut])
            return .stopString
        }
        guard rules.endOnSentence || rules.softMaxTokens != nil || rules.stopOnLoop,
              let end = SentenceBoundary.lastEnd(in: text), end > sentenceEnd else { return nil }
        let sentence = String(text.dropFirst(sentenceEnd).prefix(end - sentenceEnd))
        if rules.stopOnLoop && loops.finished(sentence: sentence) { return .loop }
        sentenceEnd = end
        if let soft = rules.softMaxTokens, tokens.count >= soft { return .budget }
        return nil
    }

    /// Streams what is final: complete UTF-8, past any possible stop string,
    /// and within complete sentences when the rules end on sentences.
    mutating func emit(_ onText: (String) -> Void) {
        var safe = text.count - holdBack
        if rules.endOnSentence || rules.stopOnLoop { safe = min(safe, sentenceEnd) }
        if safe > emitted {
            onText(String(text.dropFirst(emitted).prefix(safe - emitted)))
            emitted = safe
        }
    }

    mutating func stop(_ why: Generation.StopReason) { reason = why }

    /// Applies the sentence rules to the final text and streams the rest of it.
    mutating func finish(_ onText: (String) -> Void) {
        var keep: Int?
        switch reason {
        case .loop, .budget:
            keep = sentenceEnd
        case .maxTokens, .contextFull, .interrupted:
            text += decoder.finish()
            if rules.endOnSentence && !SentenceBoundary.endsComplete(text) { keep = sentenceEnd }
        case .endOfGeneration:
            text += decoder.finish()
        case .stopString:
            break
        }
        if let keep, keep < text.count {
            trimmed = text.count - keep
            text = String(text.prefix(keep))
        }
        if text.count > emitted { onText(String(text.dropFirst(emitted))) }
        emitted = text.count
    }
}
