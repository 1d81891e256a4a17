import Inference
import Pipeline

/// What a generation streams: the source an answer is drawn from (document
/// questions only), pieces of text, and how each answer ended.
public enum AnswerEvent: Sendable {
    case source(AnswerSource)
    case text(String)
    case finished(AnswerEnd)
}

/// The passage of a document an answer comes from.
public struct AnswerSource: Codable, Sendable, Equatable {
    public var documentID: String
    public var title: String
    /// Sections, pages or times of the passage.
    public var citation: String
    /// The passage's position in its document (from 0) and the document's passage count.
    public var position: Int, of: Int
    /// Whether the passage's cache came from memory or its snapshot (true), or was prefilled.
    public var fromSnapshot: Bool
    public var prefillSeconds: Double
}

/// How one answer ended and what it used.
public struct AnswerEnd: Codable, Sendable, Equatable {
    /// OpenAI's finish reason: `stop` or `length`.
    public var finishReason: String
    /// Why the generator stopped, in Precis's terms.
    public var stopReason: String
    public var promptTokens: Int
    public var completionTokens: Int
    public var seconds: Double

    init(_ reason: Generation.StopReason, promptTokens: Int, completionTokens: Int, seconds: Double) {
        switch reason {
        case .maxTokens, .contextFull, .budget: finishReason = "length"
        default: finishReason = "stop"
        }
        stopReason = reason.rawValue
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.seconds = seconds
    }
}
