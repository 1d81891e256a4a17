import Foundation
import GGUF
import Testing
@testable import Pipeline

/// `precis ask --json`: answers from several sources stay apart.
@Suite("Answer reports")
struct AnswerReportTests {
    static func answer(_ document: String, _ citation: String, _ text: String) -> PassageAnswer {
        PassageAnswer(passage: Passage(document: document, citation: citation, text: "", position: 0, of: 1),
                      answer: Answer(text: text, tokens: [1, 2, 3], questionTokens: 9, seconds: 0.5, stopReason: .endOfGeneration),
                      fromSnapshot: true, prefillSeconds: 0.25)
    }

    static func json(_ report: AnswerReport) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: JSONFormat.encoder.encode(report)) as? [String: Any] ?? [:]
    }

    @Test("each source of a --top 2 answer has its own answer, and no merged answer is given")
    func perSourceAnswers() throws {
        let report = AnswerReport(question: "Who pays?", answers: [Self.answer("a.docx", "§2 Fees", "The Trust pays."),
                                                                   Self.answer("b.srt", "00:01", "Ben orders pipes.")])
        let object = try Self.json(report)
        let sources = object["sources"] as? [[String: Any]] ?? []
        #expect(sources.map { $0["answer"] as? String } == ["The Trust pays.", "Ben orders pipes."])
        #expect(sources.map { $0["document"] as? String } == ["a.docx", "b.srt"])
        #expect(sources.allSatisfy { $0["tokens"] as? Int == 3 && $0["stop_reason"] as? String == "endOfGeneration" })
        #expect(object["answer"] == nil)
        #expect(object["tokens"] as? Int == 6 && object["from_snapshot"] as? Bool == true)
    }

    @Test("a single-source answer keeps its answer at the top and names its source")
    func singleSource() throws {
        let object = try Self.json(AnswerReport(question: "Who pays?", answers: [Self.answer("a.docx", "§2 Fees", "The Trust pays.")]))
        #expect(object["answer"] as? String == "The Trust pays.")
        let sources = object["sources"] as? [[String: Any]] ?? []
        #expect(sources.count == 1 && sources.first?["citation"] as? String == "§2 Fees")
    }
}
