import Foundation

/// One question's answers as `precis ask --json` prints them: every source
/// passage with its own answer, so answers drawn from different places are
/// never merged into one text. Encoded with `JSONFormat.encoder`
/// (snake_case keys).
public struct AnswerReport: Encodable, Sendable {
    /// One passage the question was answered from, and that answer.
    public struct Source: Encodable, Sendable {
        public var document: String
        public var citation: String
        public var answer: String
        public var tokens: Int
        public var stopReason: String
        public var fromSnapshot: Bool
        public var prefillSeconds: Double
        public var answerSeconds: Double
    }

    public var question: String
    /// The answer when there is one source; absent with several (each
    /// source has its own), so no reader takes a concatenation for one answer.
    public var answer: String?
    /// Totals over the sources.
    public var tokens: Int
    public var fromSnapshot: Bool
    public var prefillSeconds: Double
    public var answerSeconds: Double
    /// In document order.
    public var sources: [Source]

    public init(question: String, answers: [PassageAnswer]) {
        self.question = question
        sources = answers.map {
            Source(document: $0.passage.document, citation: $0.passage.citation, answer: $0.answer.text,
                   tokens: $0.answer.tokens.count, stopReason: $0.answer.stopReason.rawValue, fromSnapshot: $0.fromSnapshot,
                   prefillSeconds: $0.prefillSeconds, answerSeconds: $0.answer.seconds)
        }
        answer = sources.count == 1 ? sources[0].answer : nil
        tokens = sources.reduce(0) { $0 + $1.tokens }
        fromSnapshot = sources.allSatisfy(\.fromSnapshot)
        prefillSeconds = sources.reduce(0) { $0 + $1.prefillSeconds }
        answerSeconds = sources.reduce(0) { $0 + $1.answerSeconds }
    }
}
