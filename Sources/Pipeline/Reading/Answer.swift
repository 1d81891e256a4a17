import Foundation
import Inference

/// What the model answered to one request about a document.
public struct Answer: Sendable {
    public var text: String
    /// Generated token ids (without the end-of-turn token).
    public var tokens: [Int32]
    /// Tokens of the request appended after the document.
    public var questionTokens: Int
    /// Seconds from the request to the end of the answer (prefilling the
    /// request, then generating).
    public var seconds: Double
    public var stopReason: Generation.StopReason
}

/// How an answer is generated: sampling and a length limit.
public struct AnswerSettings: Sendable {
    public var sampling: SamplingOptions
    public var maxTokens: Int
    /// Prose of about this many words: a soft budget ended on a sentence,
    /// loops ended, never a cut-off sentence (see `StopRules.prose`).
    public var words: Int?
    /// Receives the retrieval heads' attention while the answer is generated.
    public var observer: AttentionObserver?
    /// Asked before each token; true ends the answer there (see `StopRules.interrupt`).
    public var interrupt: (@Sendable () -> Bool)?
    /// Texts that end the answer where they appear (left out of it).
    public var stopStrings: [String] = []

    public init(sampling: SamplingOptions = SamplingOptions(), maxTokens: Int = 256) {
        self.sampling = sampling
        self.maxTokens = maxTokens
    }

    /// Greedy decoding: always the most likely token, reproducible.
    public static func greedy(maxTokens: Int = 256) -> AnswerSettings {
        var sampling = SamplingOptions()
        sampling.temperature = 0
        return AnswerSettings(sampling: sampling, maxTokens: maxTokens)
    }
}

extension PrefilledDocument {
    /// Answers `question` from a fork of the document's cache, so every
    /// question starts from the same state and none sees another.
    /// `onText` receives the answer as it is generated.
    public func answer(_ question: String, with reading: ReadingModel, settings: AnswerSettings,
                       onText: (String) -> Void = { _ in }) throws -> Answer {
        var conversation = Conversation(document: self, reading: reading)
        return try conversation.ask(question, settings: settings, onText: onText)
    }
}

/// A conversation about one document: each request sees the document and
/// the earlier requests and answers of this conversation only.
public struct Conversation {
    public let document: PrefilledDocument
    public let reading: ReadingModel
    private let session: Session
    /// Requests and answers so far.
    public private(set) var turns: [(question: String, answer: Answer)] = []
    /// Answer tokens the generator kept but did not feed (it stops before
    /// feeding the last one on a length or stop-string rule); a follow-up
    /// feeds them first so it sees the whole answer.
    private var unseen: [Int32] = []
    /// Every token of the conversation, for the sampler's repetition penalty.
    private var history: [Int32]

    /// Starts a conversation on a fork of `document`'s cache.
    public init(document: PrefilledDocument, reading: ReadingModel) {
        self.document = document
        self.reading = reading
        session = reading.session(cache: document.cache.fork())
        history = document.tokens
    }

    /// Tokens the conversation has used of the context.
    public var position: Int { session.position }

    /// Appends `question` (framed as the next user turn), generates the
    /// answer and keeps both in the conversation.
    public mutating func ask(_ question: String, settings: AnswerSettings,
                             onText: (String) -> Void = { _ in }) throws -> Answer {
        let started = ContinuousClock.now
        let framing = reading.framing
        let prompt = unseen + reading.encode(turns.isEmpty ? framing.question(question) : framing.followUp(question))
        let room = session.cache.maxTokens - session.position
        guard prompt.count < room else { throw ReadingError.questionTooLong(tokens: prompt.count, room: room) }
        let logits = try session.prefill(prompt)
        let eog = reading.tokenizer.eogIDs
        var rules = settings.words.map { StopRules.prose(words: $0, maxTokens: settings.maxTokens, stopTokens: eog) }
            ?? StopRules(maxTokens: settings.maxTokens, stopTokens: eog)
        rules.interrupt = settings.interrupt
        rules.stopStrings += settings.stopStrings
        var generator = Generator(session: session, tokenizer: reading.tokenizer, sampling: settings.sampling, rules: rules)
        session.observer = settings.observer
        defer { session.observer = nil }
        history += prompt.dropFirst(unseen.count)  // the unseen tokens are already in it
        let answerStart = session.position
        let generation = try generator.generate(from: logits, history: history, onText: onText)
        history += generation.tokens
        unseen = Array(generation.tokens.dropFirst(session.position - answerStart))
        let answer = Answer(text: generation.text, tokens: generation.tokens, questionTokens: prompt.count,
                            seconds: started.secondsElapsed, stopReason: generation.stopReason)
        turns.append((question, answer))
        return answer
    }

    /// Appends an earlier request and the answer given to it without
    /// generating (a conversation a client replays), so the next request
    /// sees both.
    public mutating func recall(_ question: String, answer text: String) throws {
        let framing = reading.framing
        let prompt = unseen + reading.encode(turns.isEmpty ? framing.question(question) : framing.followUp(question))
            + reading.encode([.content(text)])
        let room = session.cache.maxTokens - session.position
        guard prompt.count < room else { throw ReadingError.questionTooLong(tokens: prompt.count, room: room) }
        _ = try session.prefill(prompt)
        history += prompt.dropFirst(unseen.count)
        unseen = []
        let answer = Answer(text: text, tokens: reading.encode([.content(text)]), questionTokens: prompt.count,
                            seconds: 0, stopReason: .endOfGeneration)
        turns.append((question, answer))
    }

}
