import Foundation
import GGUF
import Hummingbird
import Pipeline

/// The library: documents from the catalog, their summaries, the passages
/// their citations point to, and questions answered from their snapshots.
struct DocumentRoutes: Sendable {
    let assistant: Assistant
    let library: Library
    let settings: ServerSettings

    struct DocumentList: Encodable { var object = "list"; var data: [LibraryDocument] }
    struct DocumentDetail: Encodable { var document: LibraryDocument; var summary: DocumentSummary? }
    struct SourceDetail: Encodable { var documentID: String; var passage: CitedPassage }

    /// `POST /v1/documents/{id}/ask`'s body.
    struct AskRequest: Decodable {
        var question: String
        var top: Int?
        var generation: GenerationFields

        private enum CodingKeys: String, CodingKey { case question, top }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            question = try c.decode(String.self, forKey: .question)
            top = try c.decodeIfPresent(Int.self, forKey: .top)
            generation = try GenerationFields(from: decoder)
        }
    }

    struct AskResponse: Encodable {
        var question: String
        /// The answer when it comes from one passage.
        var answer: String?
        var sources: [SourcedAnswer]
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/v1/documents") { request, _ in
            let query = request.uri.queryParameters.get("q")
            return try await Blocking.run { try self.list(query: query) }
        }
        router.get("/v1/documents/:id") { _, context in
            let id = try context.parameters.require("id")
            return try await Blocking.run { try self.detail(id) }
        }
        router.get("/v1/documents/:id/source") { request, context in
            let (id, block) = (try context.parameters.require("id"), request.uri.queryParameters.get("block"))
            return try await Blocking.run { try self.source(id, block: block) }
        }
        router.post("/v1/documents/:id/ask") { request, context in
            try await self.ask(try context.parameters.require("id"), request)
        }
    }

    func list(query: String?) throws -> Response {
        var documents = try library.documents()
        if let query = query?.trimmingCharacters(in: .whitespaces), !query.isEmpty {
            documents = documents.filter { $0.title.localizedCaseInsensitiveContains(query) || $0.name.localizedCaseInsensitiveContains(query) }
        }
        return try JSONResponse.make(DocumentList(data: documents))
    }

    func detail(_ id: String) throws -> Response {
        let entry = try Self.entry(id, in: library)
        return try JSONResponse.make(DocumentDetail(document: entry.document, summary: try library.summary(of: entry)))
    }

    func source(_ id: String, block: String?) throws -> Response {
        let entry = try Self.entry(id, in: library)
        guard let block, let number = Int(block), number >= 0 else {
            throw ServeError.invalid("give the cited block as ?block=N (a citation's `block`)", param: "block")
        }
        guard let passage = try library.citedPassage(of: entry, block: number) else {
            throw ServeError.notFound("\(entry.document.name) has no block \(number)")
        }
        return try JSONResponse.make(SourceDetail(documentID: id, passage: passage))
    }

    func ask(_ id: String, _ request: Request) async throws -> Response {
        let stop = StopFlag()
        return try await request.watchingClient(stop) { try await ask(id, $0, watched: stop) }
    }

    private func ask(_ id: String, _ requestBody: RequestBody, watched: StopFlag) async throws -> Response {
        let body = try await requestBody.decodeJSON(AskRequest.self, limit: settings.maxBodyBytes)
        // Watching the connection ends with the handler, which a streamed answer outlives:
        // it stops instead when a write to the client fails.
        let stop = body.generation.stream ?? true ? StopFlag() : watched
        let question = body.question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty else { throw ServeError.invalid("the question is empty", param: "question") }
        let library = library
        let (entry, passages) = try await Blocking.run { try Self.answerable(id, in: library) }
        let generation = try settings.generation(body.generation, room: assistant.answerRoom)
        let stream = try assistant.ask(documentID: entry.document.id, passages: passages, turns: [], question: question,
                                       top: try Self.top(body.top, limit: settings.maxTop), generation, stop: stop)
        guard body.generation.stream ?? true else {
            let collected = try await CollectedAnswers.collect(stream)
            return try JSONResponse.make(AskResponse(question: question,
                                                     answer: collected.answers.count == 1 ? collected.content : nil,
                                                     sources: collected.answers))
        }
        return EventStream.response { writer in
            do {
                try await EventStream.relay(stream) { event in
                    guard let event else { return try await writer.write(EventStream.keepAlive) }
                    switch event {
                    case .source(let source): try await writer.write(EventStream.event("source", data: try JSONFormat.line(source)))
                    case .text(let piece): try await writer.write(EventStream.event("token", data: try JSONFormat.line(["text": piece])))
                    case .finished(let end): try await writer.write(EventStream.event("end", data: try JSONFormat.line(end)))
                    }
                }
            } catch let error where !(error is CancellationError) {  // after a failed write this one throws too, ending the body
                let (_, detail) = APIErrorMiddleware<BasicRequestContext>.describe(error)
                try await writer.write(EventStream.event("error", data: try JSONFormat.line(APIErrorBody(error: detail))))
            }
            try await writer.write(EventStream.event("done", data: "{}"))
        }
    }

    static func entry(_ id: String, in library: Library) throws -> LibraryEntry {
        guard let entry = try library.entry(id: id) else { throw ServeError.notFound("no document with id \(id) in the library") }
        return entry
    }

    /// A document that questions can be asked of, and its passages.
    static func answerable(_ id: String, in library: Library) throws -> (LibraryEntry, [Passage]) {
        let entry = try entry(id, in: library)
        guard entry.document.status == "ok" else {
            throw ServeError.conflict("\(entry.document.name) was not summarized (\(entry.document.error ?? "its run failed")); summarize it again")
        }
        let passages = try library.passages(of: entry)
        guard !passages.isEmpty else { throw ServeError.conflict("\(entry.document.name) has no recorded passages; summarize it again") }
        return (entry, passages)
    }

    static func top(_ top: Int?, limit: Int) throws -> Int {
        let top = top ?? 1
        guard (1...limit).contains(top) else { throw ServeError.invalid("top must be between 1 and \(limit)", param: "top") }
        return top
    }
}
