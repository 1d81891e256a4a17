import Foundation
import Snapshot
import Testing
@testable import Pipeline

/// `precis eval snapshots`: the questions file and the codec evaluation.
@Suite("Snapshot codec evaluation", .serialized)
struct SnapshotEvaluationTests {
    @Test("a questions file is read with its line numbers, and its errors name the line")
    func questionsFile() throws {
        let file = try QuestionFile.parse("""
            documents:
              - file: a.md
                questions:
                  - ask: What is the rent?
                    answer: "38,400|38400"
            """)
        #expect(file.count == 1 && file.documents[0].file == "a.md")
        let q = file.documents[0].questions[0]
        #expect(q.line == 4 && q.isAnswered(by: "It is GBP 38,400 a year.") && !q.isAnswered(by: "No rent."))
        for (bad, expected) in [
            ("documents:\n  - file: a.md\n    questions:\n      - ask: Why?\n", "missing required key 'answer'"),
            ("documents:\n  - file: a.md\n    questions:\n      - ask: Why?\n        answer: \"(\"\n", "not a valid regular expression"),
            ("documents:\n  - file: a.md\n    questions: []\n  - file: a.md\n    questions: []\n", "listed twice"),
        ] {
            #expect(throws: PipelineError.self) { try QuestionFile.parse(bad) }
            do { _ = try QuestionFile.parse(bad) } catch { #expect("\(error)".contains(expected), "\(error)") }
        }
    }

    @Test("f16 snapshots answer exactly as the in-memory cache; a sparser int2 snapshot is smaller",
          .enabled(if: ReadingTests.modelPath != nil, "the default model is not installed; run `precis model fetch`"))
    func losslessCodecAgrees() throws {
        let reading = try ReadingTests.reading()
        let question = try #require(try QuestionFile.parse("""
            documents:
              - file: doc
                questions:
                  - ask: How much does the Trust pay per quarter?
                    answer: "1,200|1200"
                  - ask: How long does the agreement run?
                    answer: "five years|5 years"
            """).documents.first).questions
        let passage = Passage(document: "doc", citation: "", text: ReadingTests.document, position: 0, of: 1)
        var evaluation = SnapshotCodecEvaluation(reading: reading, codecs: [.init(codec: .f16), .init(name: "int2@0.9")!])
        evaluation.answerTokens = 16
        let report = try evaluation.run(question.map { .init(document: "doc", passage: passage, question: $0) })
        #expect(report.probes == 2 && report.passages == 1 && report.rows.count == 2)
        let f16 = report.rows[0], sparse = report.rows[1]
        #expect(f16.identical == 2 && f16.agreement == 1 && f16.correct == report.baselineCorrect)
        #expect(abs(f16.answerNLL - report.baselineNLL) < 1e-9)
        #expect(sparse.codec == "int2@0.9" && sparse.bytes < f16.bytes / 4, "\(report.rows)")
    }
}
