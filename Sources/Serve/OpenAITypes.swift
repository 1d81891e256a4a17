import Foundation
import Inference

/// The generation fields chat completions and document questions share.
struct GenerationFields: Decodable, Sendable {
    var stream: Bool?
    var temperature: Float?
    var topP: Float?
    var maxTokens: Int?
    /// OpenAI's newer name for `max_tokens`; wins when both are given.
    var maxCompletionTokens: Int?
    var stop: StopList?
    var seed: UInt64?
}

/// `POST /v1/chat/completions`'s body (the fields Precis reads; others are ignored).
struct ChatCompletionRequest: Decodable, Sendable {
    struct Message: Decodable, Sendable {
        var role: String
        var content: MessageContent?
    }
    var model: String?
    var messages: [Message]
    /// A document to answer from (also `model: "doc:ID"`).
    var document: String?
    /// Passages of the document to answer from (default 1).
    var top: Int?
    var generation: GenerationFields

    private enum CodingKeys: String, CodingKey { case model, messages, document, top }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        messages = try c.decode([Message].self, forKey: .messages)
        document = try c.decodeIfPresent(String.self, forKey: .document)
        top = try c.decodeIfPresent(Int.self, forKey: .top)
        generation = try GenerationFields(from: decoder)
    }
}

/// A message's content: a string, or OpenAI's list of parts (text parts are joined).
struct MessageContent: Decodable, Sendable {
    var text: String

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.text = text
            return
        }
        struct Part: Decodable { var type: String; var text: String? }
        let parts = try decoder.singleValueContainer().decode([Part].self)
        guard parts.allSatisfy({ $0.type == "text" }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "only text content parts are supported"))
        }
        text = parts.compactMap(\.text).joined(separator: "\n")
    }
}

/// `stop`: one string or a list of them.
struct StopList: Decodable, Sendable {
    var strings: [String]

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let one = try? c.decode(String.self) { strings = [one] } else { strings = try c.decode([String].self) }
    }
}

/// A non-streamed completion.
struct ChatCompletion: Encodable {
    struct Choice: Encodable {
        var index: Int
        var message: ResponseMessage
        var finishReason: String
    }
    var id: String
    var object = "chat.completion"
    var created: Int
    var model: String
    var choices: [Choice]
    var usage: Usage
    /// Where the answer comes from (document questions only).
    var sources: [SourcedAnswer]?
}

struct ResponseMessage: Encodable {
    var role = "assistant"
    var content: String
}

struct Usage: Encodable {
    var promptTokens: Int
    var completionTokens: Int
    var totalTokens: Int { promptTokens + completionTokens }

    enum CodingKeys: String, CodingKey { case promptTokens, completionTokens, totalTokens }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(promptTokens, forKey: .promptTokens)
        try c.encode(completionTokens, forKey: .completionTokens)
        try c.encode(totalTokens, forKey: .totalTokens)
    }
}

/// One piece of a streamed completion (`chat.completion.chunk`).
struct ChatCompletionChunk: Encodable {
    struct Delta: Encodable {
        var role: String?
        var content: String?
    }
    struct Choice: Encodable {
        var index: Int
        var delta: Delta
        var finishReason: String?

        func encode(to encoder: any Encoder) throws {  // finish_reason is null until the last chunk
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(index, forKey: .index)
            try c.encode(delta, forKey: .delta)
            try c.encode(finishReason, forKey: .finishReason)
        }

        enum CodingKeys: String, CodingKey { case index, delta, finishReason }
    }
    var id: String
    var object = "chat.completion.chunk"
    var created: Int
    var model: String
    var choices: [Choice]
    var usage: Usage?
    var source: AnswerSource?
}

/// `GET /v1/models`.
struct ModelList: Encodable {
    struct Entry: Encodable {
        var id: String
        var object = "model"
        var created: Int
        var ownedBy = "precis"
    }
    var object = "list"
    var data: [Entry]
}

/// An answer with the passage it was drawn from.
struct SourcedAnswer: Encodable {
    var source: AnswerSource
    var answer: String
    var end: AnswerEnd?
}
