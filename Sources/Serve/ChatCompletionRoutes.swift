import Foundation
import GGUF
import Hummingbird
import Inference
import Pipeline

/// `GET /v1/models` and `POST /v1/chat/completions`, as OpenAI's clients
/// expect them. A chat names a document with `model: "doc:ID"` or a
/// `document` field; it is then answered from that document's snapshot.
struct ChatCompletionRoutes: Sendable {
    let assistant: Assistant
    let library: Library
    let settings: ServerSettings

    func register(on router: Router<BasicRequestContext>) {
        router.get("/v1/models") { _, _ in try await Blocking.run { try self.models() } }
        router.get("/v1/status") { _, _ in try JSONResponse.make(self.assistant.status) }
        router.post("/v1/chat/completions") { request, _ in try await self.complete(request) }
    }

    func models() throws -> Response {
        let now = Int(Date().timeIntervalSince1970)
        let documents = try library.documents().filter { $0.status == "ok" }
        let entries = [ModelList.Entry(id: assistant.modelName, created: now)]
            + documents.map { ModelList.Entry(id: "doc:\($0.id)", created: Int($0.summarized.timeIntervalSince1970)) }
        return try JSONResponse.make(ModelList(data: entries))
    }

    func complete(_ request: Request) async throws -> Response {
        let stop = StopFlag()
        return try await request.watchingClient(stop) { try await complete($0, watched: stop) }
    }

    private func complete(_ requestBody: RequestBody, watched: StopFlag) async throws -> Response {
        let body = try await requestBody.decodeJSON(ChatCompletionRequest.self, limit: settings.maxBodyBytes)
        // Watching the connection ends with the handler, which a streamed answer outlives:
        // it stops instead when a write to the client fails.
        let stop = body.generation.stream == true ? StopFlag() : watched
        let messages = try Self.messages(body.messages)
        let documentID = body.document ?? body.model.flatMap { $0.hasPrefix("doc:") ? String($0.dropFirst(4)) : nil }
        let generation = try settings.generation(body.generation, room: assistant.answerRoom)
        let stream: QueuedStream<AnswerEvent>
        let model: String
        if let documentID {
            let library = library
            let (entry, passages) = try await Blocking.run { try DocumentRoutes.answerable(documentID, in: library) }
            let (turns, question) = try Self.turns(messages)
            let top = try DocumentRoutes.top(body.top, limit: settings.maxTop)
            stream = try assistant.ask(documentID: entry.document.id, passages: passages, turns: turns, question: question,
                                       top: top, generation, stop: stop)
            model = "doc:\(entry.document.id)"
        } else {
            stream = try assistant.chat(messages, generation, stop: stop)
            model = assistant.modelName
        }
        let id = "chatcmpl-" + String(SHA256Hasher.hex(of: Array(UUID().uuidString.utf8)).prefix(24))
        let created = Int(Date().timeIntervalSince1970)
        guard body.generation.stream == true else {
            let collected = try await CollectedAnswers.collect(stream)
            return try JSONResponse.make(ChatCompletion(
                id: id, created: created, model: model,
                choices: [.init(index: 0, message: ResponseMessage(content: collected.content), finishReason: collected.finishReason)],
                usage: collected.usage, sources: documentID == nil ? nil : collected.answers))
        }
        return EventStream.response { writer in
            let chunk = { (delta: ChatCompletionChunk.Delta, finish: String?, usage: Usage?, source: AnswerSource?) in
                EventStream.event(data: try JSONFormat.line(ChatCompletionChunk(
                    id: id, created: created, model: model,
                    choices: [.init(index: 0, delta: delta, finishReason: finish)], usage: usage, source: source)))
            }
            try await writer.write(try chunk(.init(role: "assistant", content: ""), nil, nil, nil))
            var collected = CollectedAnswers()
            do {
                try await EventStream.relay(stream) { event in
                    guard let event else { return try await writer.write(EventStream.keepAlive) }
                    collected.add(event)
                    switch event {
                    case .source(let source):
                        let heading = collected.answers.count > 1 ? "\n\n[\(source.citation)] " : ""
                        try await writer.write(try chunk(.init(content: heading), nil, nil, source))
                    case .text(let piece): try await writer.write(try chunk(.init(content: piece), nil, nil, nil))
                    case .finished: break
                    }
                }
                try await writer.write(try chunk(.init(), collected.finishReason, collected.usage, nil))
            } catch let error where !(error is CancellationError) {  // after a failed write this one throws too
                let (_, detail) = APIErrorMiddleware<BasicRequestContext>.describe(error)
                try await writer.write(EventStream.event(data: try JSONFormat.line(APIErrorBody(error: detail))))
            }
            try await writer.write(EventStream.event(data: "[DONE]"))
        }
    }

    /// The request's messages in the engine's roles (`developer` is a system message).
    static func messages(_ messages: [ChatCompletionRequest.Message]) throws -> [ChatMessage] {
        guard !messages.isEmpty else { throw ServeError.invalid("messages must not be empty", param: "messages") }
        let converted = try messages.enumerated().map { i, m -> ChatMessage in
            let role: ChatMessage.Role
            switch m.role {
            case "system", "developer": role = .system
            case "user": role = .user
            case "assistant": role = .assistant
            default: throw ServeError.invalid("messages[\(i)]: role `\(m.role)` is not supported (system, user, assistant)", param: "messages")
            }
            return ChatMessage(role: role, content: m.content?.text ?? "")
        }
        guard converted.last?.role == .user else {
            throw ServeError.invalid("the last message must be the user's", param: "messages")
        }
        return converted
    }

    /// Earlier (question, answer) pairs and the last question of a chat
    /// about a document; system messages are left out (the document's
    /// framing has its own), consecutive user messages are joined.
    static func turns(_ messages: [ChatMessage]) throws -> ([(question: String, answer: String)], String) {
        var turns: [(question: String, answer: String)] = [], pending: String?
        for message in messages {
            switch message.role {
            case .system: continue
            case .user: pending = pending.map { $0 + "\n\n" + message.content } ?? message.content
            case .assistant:
                guard let question = pending else {
                    throw ServeError.invalid("an assistant message must follow a user message", param: "messages")
                }
                turns.append((question, message.content))
                pending = nil
            }
        }
        guard let question = pending, !question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServeError.invalid("the last user message is empty", param: "messages")
        }
        return (turns, question)
    }
}
