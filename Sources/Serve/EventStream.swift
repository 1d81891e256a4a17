import Hummingbird

/// Server-sent events (`text/event-stream`): what streamed answers are sent as.
enum EventStream {
    /// One event: an optional name, and its data on one line.
    static func event(_ name: String? = nil, data: String) -> ByteBuffer {
        ByteBuffer(string: (name.map { "event: \($0)\n" } ?? "") + "data: \(data)\n\n")
    }

    /// A streaming response whose body `write` produces.
    static func response(_ write: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void) -> Response {
        Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                 body: ResponseBody { writer in
                     try await write(&writer)
                     try await writer.finish(nil)
                 })
    }
}

extension EventStream {
    /// Passes `stream`'s events to `send`, and nil every second meanwhile
    /// (send `keepAlive`, an SSE comment, then): a client that has gone is
    /// found by the failed write even while the answer waits in the queue or
    /// its passage is prefilled, and the job is stopped or dropped.
    static func relay(_ stream: QueuedStream<AnswerEvent>, _ send: (AnswerEvent?) async throws -> Void) async throws {
        enum Item: Sendable { case event(AnswerEvent), tick }
        let (items, continuation) = AsyncThrowingStream<Item, any Error>.makeStream()
        let forward = Task {
            do {
                for try await event in stream.events { continuation.yield(.event(event)) }
                continuation.finish()
            } catch { continuation.finish(throwing: error) }
        }
        let ticks = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                continuation.yield(.tick)
            }
        }
        defer {
            stream.stop.set()
            forward.cancel()
            ticks.cancel()
        }
        for try await item in items {
            switch item {
            case .event(let event): try await send(event)
            case .tick: try await send(nil)
            }
        }
    }

    static let keepAlive = ByteBuffer(string: ": waiting\n\n")
}

/// A generation's events gathered into per-source answers (non-streamed responses).
struct CollectedAnswers {
    var answers: [SourcedAnswer] = []
    /// Text of a chat without sources.
    private var text = ""
    private var end: AnswerEnd?

    static func collect(_ stream: QueuedStream<AnswerEvent>) async throws -> CollectedAnswers {
        defer { stream.stop.set() }
        var collected = CollectedAnswers()
        for try await event in stream.events { collected.add(event) }
        return collected
    }

    mutating func add(_ event: AnswerEvent) {
        switch event {
        case .source(let source): answers.append(SourcedAnswer(source: source, answer: "", end: nil))
        case .text(let piece):
            if answers.isEmpty { text += piece } else { answers[answers.count - 1].answer += piece }
        case .finished(let finished):
            if answers.isEmpty { end = finished } else { answers[answers.count - 1].end = finished }
        }
    }

    /// The answer text: the chat's, or each source's, headed by its citation when there are several.
    var content: String {
        guard !answers.isEmpty else { return text }
        guard answers.count > 1 else { return answers[0].answer }
        return answers.map { "[\($0.source.citation)] \($0.answer)" }.joined(separator: "\n\n")
    }

    var finishReason: String { (answers.last?.end ?? end)?.finishReason ?? "stop" }

    var usage: Usage {
        let ends = answers.isEmpty ? [end].compactMap { $0 } : answers.compactMap(\.end)
        return Usage(promptTokens: ends.reduce(0) { $0 + $1.promptTokens },
                     completionTokens: ends.reduce(0) { $0 + $1.completionTokens })
    }
}
