import Foundation
import Inference
import Pipeline

/// How a request wants its answer generated.
public struct GenerationRequest: Sendable {
    public var sampling: SamplingOptions
    public var maxTokens: Int
    public var stop: [String]

    public init(sampling: SamplingOptions, maxTokens: Int, stop: [String] = []) {
        self.sampling = sampling
        self.maxTokens = maxTokens
        self.stop = stop
    }
}

/// The one model every request shares, and the work it does for them:
/// chats, and questions answered from documents' caches (kept in memory,
/// else loaded from their snapshots, else prefilled and saved). Every job
/// goes through one `InferenceQueue`.
public final class Assistant: Sendable {
    public let reader: DocumentReader
    public let modelName: String
    public let queue: InferenceQueue
    public let loaded: LoadedDocuments

    public init(reader: DocumentReader, modelName: String, queue: InferenceQueue, loaded: LoadedDocuments) {
        self.reader = reader
        self.modelName = modelName
        self.queue = queue
        self.loaded = loaded
    }

    private let counters = Counters()

    var reading: ReadingModel { reader.reading }

    /// What the server has done so far: `GET /v1/status`.
    public var status: ServerStatus {
        ServerStatus(model: modelName, queued: queue.depth, loadedDocuments: loaded.count, loadedBytes: loaded.bytes,
                     memoryBudget: loaded.budget, answers: counters.answers, stoppedByClient: counters.stopped + queue.droppedJobs)
    }

    /// The most tokens an answer may have: the context left after a document.
    public var answerRoom: Int { max(1, reading.requestRoom - 64) }

    /// A chat with no document: the messages, then the assistant's answer.
    public func chat(_ messages: [ChatMessage], _ request: GenerationRequest, stop: StopFlag = StopFlag()) throws -> QueuedStream<AnswerEvent> {
        let reading = reading, counters = counters, started = ContinuousClock.now
        let prompt = reading.chatTokens(messages)
        guard prompt.count + 1 < reading.contextLength else {
            throw ServeError.invalid("the messages take \(prompt.count) tokens; the model's context holds \(reading.contextLength)",
                                     param: "messages")
        }
        return try queue.stream(stop: stop) { emit, stopped in
            let session = reading.session()
            let logits = try session.prefill(prompt)
            var rules = StopRules(maxTokens: min(request.maxTokens, reading.contextLength - prompt.count - 1),
                                  stopTokens: reading.tokenizer.eogIDs, stopStrings: request.stop)
            rules.interrupt = { stopped.isSet }
            var generator = Generator(session: session, tokenizer: reading.tokenizer, sampling: request.sampling, rules: rules)
            let generation = try generator.generate(from: logits, history: prompt, onText: { emit(.text($0)) })
            counters.count(generation.stopReason)
            emit(.finished(AnswerEnd(generation.stopReason, promptTokens: prompt.count,
                                     completionTokens: generation.tokens.count, seconds: started.secondsElapsed)))
        }
    }

    /// Answers the last question of `turns` from the `top` passages of the
    /// document that match it best; earlier turns (question, answer) are
    /// replayed first, so a follow-up sees them.
    public func ask(documentID: String, passages: [Passage], turns: [(question: String, answer: String)],
                    question: String, top: Int, _ request: GenerationRequest, stop: StopFlag = StopFlag()) throws -> QueuedStream<AnswerEvent> {
        let chosen = QuestionAnswerer.relevant(passages, to: question, count: top)
        return try queue.stream(stop: stop) { [self] emit, stopped in
            for passage in chosen where !stopped.isSet {
                let started = ContinuousClock.now
                let (document, warm) = try prepared(passage)
                emit(.source(AnswerSource(documentID: documentID, title: passage.document, citation: passage.citation,
                                          position: passage.position, of: passage.of,
                                          fromSnapshot: warm || document.fromSnapshot,
                                          prefillSeconds: warm ? started.secondsElapsed : document.seconds)))
                var conversation = Conversation(document: document, reading: reading)
                for turn in turns { try conversation.recall(turn.question, answer: turn.answer) }
                var settings = AnswerSettings(sampling: request.sampling, maxTokens: min(request.maxTokens, answerRoom))
                settings.interrupt = { stopped.isSet }
                settings.stopStrings = request.stop
                let answer = try conversation.ask(question, settings: settings, onText: { emit(.text($0)) })
                counters.count(answer.stopReason)
                emit(.finished(AnswerEnd(answer.stopReason, promptTokens: conversation.position - answer.tokens.count,
                                         completionTokens: answer.tokens.count, seconds: started.secondsElapsed)))
            }
        }
    }

    /// The passage's cache: from memory (true), else its snapshot or a prefill.
    private func prepared(_ passage: Passage) throws -> (PrefilledDocument, Bool) {
        let key = reader.key(for: passage.text).id
        if let document = loaded.document(key) { return (document, true) }
        let document = try reader.read(passage.text, source: passage.source)
        loaded.keep(document, as: key)
        return (document, false)
    }
}

/// `GET /v1/status`: the queue, the documents held in memory, and answers given.
public struct ServerStatus: Codable, Sendable {
    public var model: String
    /// Jobs waiting or running.
    public var queued: Int
    public var loadedDocuments: Int, loadedBytes: Int, memoryBudget: Int
    public var answers: Int
    /// Answers stopped, or never started, because their client went away.
    public var stoppedByClient: Int
}

/// Answers given and answers stopped by a client leaving.
private final class Counters: @unchecked Sendable {
    private let lock = NSLock()
    private var given = 0, interrupted = 0

    var answers: Int { lock.withLock { given } }
    var stopped: Int { lock.withLock { interrupted } }

    func count(_ reason: Generation.StopReason) {
        lock.withLock {
            given += 1
            if reason == .interrupted { interrupted += 1 }
        }
    }
}
