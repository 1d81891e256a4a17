import Foundation

/// The answer drawn from one passage.
public struct PassageAnswer: Sendable {
    public var passage: Passage
    public var answer: Answer
    /// Whether the passage's cache came from its snapshot.
    public var fromSnapshot: Bool
    /// Seconds to get the passage ready (load or prefill).
    public var prefillSeconds: Double
}

/// Answers questions from the passages most relevant to them (BM25 over
/// the passages' text), each passage read from its snapshot when stored.
public struct QuestionAnswerer {
    public let reader: DocumentReader

    public init(reader: DocumentReader) {
        self.reader = reader
    }

    /// The `count` passages best matching `question`, in document order;
    /// all of them when there are no more than `count`, the first `count`
    /// when no passage shares a word with the question.
    public static func relevant(_ passages: [Passage], to question: String, count: Int) -> [Passage] {
        guard passages.count > count else { return passages }
        let best = BM25(passages.map(\.text)).best(question, count: count)
        return (best.isEmpty ? Array(0..<count) : best.sorted()).map { passages[$0] }
    }

    /// Answers `question` from each of the `count` most relevant passages.
    /// `onPassage` is told each passage before its answer streams to `onText`.
    public func answer(_ question: String, from passages: [Passage], count: Int = 1, settings: AnswerSettings,
                       progress: PrefillProgress? = nil, onPassage: (Passage) -> Void = { _ in },
                       onText: (String) -> Void = { _ in }) throws -> [PassageAnswer] {
        try Self.relevant(passages, to: question, count: count).map { passage in
            let document = try reader.read(passage.text, source: passage.source, progress: progress)
            onPassage(passage)
            let answer = try document.answer(question, with: reader.reading, settings: settings, onText: onText)
            return PassageAnswer(passage: passage, answer: answer, fromSnapshot: document.fromSnapshot,
                                 prefillSeconds: document.seconds)
        }
    }
}
