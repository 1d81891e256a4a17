import Foundation
import GGUF
import Hummingbird
import Inference
import Testing
@testable import Serve

/// The server's request handling that needs no model: tokens, messages,
/// limits, errors, collected answers.
@Suite("Serve: requests")
struct ServeUnitTests {
    @Test("the bearer token compares equal only byte for byte, whatever the lengths")
    func tokenComparison() {
        let token = Array("s3cret-token-0123456789".utf8)
        #expect(BearerTokenMiddleware<BasicRequestContext>.equal(token, token))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.equal(token, Array("s3cret-token-0123456788".utf8)))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.equal(token, Array(token.dropLast())))
        #expect(!BearerTokenMiddleware<BasicRequestContext>.equal([], token))
    }

    @Test("only loopback hosts may be served without a token")
    func loopbackOnly() throws {
        #expect(ServerSettings.isLoopback("127.0.0.1") && ServerSettings.isLoopback("::1") && ServerSettings.isLoopback("localhost"))
        #expect(!ServerSettings.isLoopback("0.0.0.0") && !ServerSettings.isLoopback("192.168.1.4"))
        #expect(!ServerSettings.isLoopback("127.evil.example") && !ServerSettings.isLoopback("127.0.0.1.evil.example"))
        #expect(LoopbackGuardMiddleware<BasicRequestContext>.hostName("127.0.0.1:8080") == "127.0.0.1")
        #expect(LoopbackGuardMiddleware<BasicRequestContext>.hostName("[::1]:80") == "::1")
        #expect(LoopbackGuardMiddleware<BasicRequestContext>.hostName("localhost") == "localhost")
    }

    @Test("what clients are told about files names them, never their paths")
    func redaction() {
        #expect(Redaction.fileNames(in: "/home/ana/library/fees.md: cannot read /tmp/x/y.pdf (no such file)")
                == "fees.md: cannot read y.pdf (no such file)")
        #expect(Redaction.fileNames(in: "fees.md has no block 2") == "fees.md has no block 2")
    }

    @Test("a chat's roles map to the engine's; a tool role or an assistant last is refused")
    func messageRoles() throws {
        typealias M = ChatCompletionRequest.Message
        let decoded = try JSONDecoder().decode([M].self, from: Data("""
            [{"role": "developer", "content": "Be brief."},
             {"role": "user", "content": [{"type": "text", "text": "Hello"}, {"type": "text", "text": "there"}]}]
            """.utf8))
        let messages = try ChatCompletionRoutes.messages(decoded)
        #expect(messages == [ChatMessage(role: .system, content: "Be brief."), ChatMessage(role: .user, content: "Hello\nthere")])
        let tool = try JSONDecoder().decode([M].self, from: Data(#"[{"role": "tool", "content": "x"}]"#.utf8))
        #expect(throws: ServeError.self) { try ChatCompletionRoutes.messages(tool) }
        let last = try JSONDecoder().decode([M].self, from: Data(#"[{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]"#.utf8))
        #expect(throws: ServeError.self) { try ChatCompletionRoutes.messages(last) }
        #expect(throws: ServeError.self) { try ChatCompletionRoutes.messages([]) }
    }

    @Test("a chat about a document becomes earlier turns and the last question")
    func documentTurns() throws {
        let (turns, question) = try ChatCompletionRoutes.turns([
            .system("ignored"), .user("Who pays?"), .assistant("The Trust."), .user("How much"), .user("per quarter?"),
        ])
        #expect(turns.count == 1 && turns[0].question == "Who pays?" && turns[0].answer == "The Trust.")
        #expect(question == "How much\n\nper quarter?")
        #expect(throws: ServeError.self) { try ChatCompletionRoutes.turns([.assistant("hi"), .user("x")]) }
        #expect(throws: ServeError.self) { try ChatCompletionRoutes.turns([.user("  ")]) }
    }

    @Test("sampling and length limits: out-of-range values are refused and name their field")
    func generationLimits() throws {
        var settings = ServerSettings()
        settings.maxTokens = 100
        settings.defaultMaxTokens = 50
        let fields = { (json: String) in try JSONFormat.decoder.decode(GenerationFields.self, from: Data(json.utf8)) }
        let plain = try settings.generation(try fields(#"{"seed": 3}"#), room: 80)
        #expect(plain.maxTokens == 50 && plain.sampling.seed == 3 && plain.stop.isEmpty)
        #expect(try settings.generation(try fields("{}"), room: 20).maxTokens == 20)
        let greedy = try settings.generation(try fields(#"{"temperature": 0, "top_p": 0.5, "max_tokens": 10, "stop": "\n"}"#), room: 80)
        #expect(greedy.sampling.temperature == 0 && greedy.sampling.topP == 0.5 && greedy.stop == ["\n"])
        #expect(try settings.generation(try fields(#"{"max_tokens": 10, "max_completion_tokens": 12}"#), room: 80).maxTokens == 12)
        for (json, param) in [(#"{"temperature": 3}"#, "temperature"), (#"{"top_p": 0}"#, "top_p"),
                              (#"{"max_tokens": 0}"#, "max_tokens"), (#"{"max_tokens": 81}"#, "max_tokens"),
                              (#"{"stop": ["a", "b", "c", "d", "e"]}"#, "stop")] {
            do {
                _ = try settings.generation(try fields(json), room: 80)
                Issue.record("accepted \(json)")
            } catch let error as ServeError {
                #expect(error.param == param)
            }
        }
    }

    @Test("errors take OpenAI's shape and status: refusals, bad JSON, unknown routes, failures")
    func errorShapes() throws {
        let busy = APIErrorMiddleware<BasicRequestContext>.describe(ServeError.busy(waiting: 3))
        #expect(busy.0.code == 429 && busy.1.type == "rate_limit_error")
        let auth = APIErrorMiddleware<BasicRequestContext>.describe(ServeError.unauthorized)
        #expect(auth.0.code == 401 && auth.1.code == "invalid_api_key")
        let bad = APIErrorMiddleware<BasicRequestContext>.describe(
            DecodingError.keyNotFound(Key(stringValue: "messages")!, .init(codingPath: [], debugDescription: "")))
        #expect(bad.0.code == 400 && bad.1.message.contains("messages"))
        let other = APIErrorMiddleware<BasicRequestContext>.describe(CocoaError(.fileReadNoSuchFile))
        #expect(other.0.code == 500 && other.1.type == "server_error")
        let line = try JSONFormat.line(APIErrorBody(error: busy.1))
        #expect(line.contains(#""param":null"#) && line.contains(#""type":"rate_limit_error""#))
    }

    @Test("collected answers keep each source's text and add up usage")
    func collectedAnswers() {
        var collected = CollectedAnswers()
        let source = { (citation: String) in
            AnswerSource(documentID: "d", title: "T", citation: citation, position: 0, of: 2, fromSnapshot: true, prefillSeconds: 0)
        }
        collected.add(.source(source("Fees")))
        collected.add(.text("The Trust"))
        collected.add(.text(" pays."))
        collected.add(.finished(AnswerEnd(.endOfGeneration, promptTokens: 100, completionTokens: 4, seconds: 1)))
        collected.add(.source(source("Term")))
        collected.add(.text("Five years."))
        collected.add(.finished(AnswerEnd(.maxTokens, promptTokens: 90, completionTokens: 3, seconds: 1)))
        #expect(collected.answers.map(\.answer) == ["The Trust pays.", "Five years."])
        #expect(collected.content == "[Fees] The Trust pays.\n\n[Term] Five years.")
        #expect(collected.usage.promptTokens == 190 && collected.usage.completionTokens == 7)
        #expect(collected.finishReason == "length")
    }

    @Test("the inference queue refuses work beyond its capacity and runs jobs in order")
    func queueCapacity() async throws {
        let queue = InferenceQueue(capacity: 1)
        let gate = DispatchSemaphore(value: 0)
        let first = try queue.stream { (emit: @Sendable (Int) -> Void, _) in gate.wait(); emit(1) }
        #expect(throws: ServeError.self) { _ = try queue.stream { (emit: @Sendable (Int) -> Void, _) in emit(2) } }
        gate.signal()
        var seen: [Int] = []
        for try await value in first.events { seen.append(value) }
        #expect(seen == [1])
        let later = try await queue.run { 5 }
        #expect(later == 5 && queue.depth == 0)
    }
}

private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
