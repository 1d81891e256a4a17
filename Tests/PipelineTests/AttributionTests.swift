import Foundation
import Ingest
import Testing
@testable import Pipeline

/// Citations from the retrieval heads' attention, on the default model:
/// a fact stated in exactly one block is traced to that block.
@Suite("Attention attribution", .serialized, .enabled(if: ReadingTests.modelPath != nil, "default model not installed (run `precis model fetch`)"))
struct AttributionTests {
    static let notes = """
        # Island notes

        The harbour master keeps the tide tables in a green ledger by the door.

        The bakery on Quay Street opens at six and sells out of rye bread by nine.

        The ferry to Halloran Island leaves at 7:40 every Tuesday and returns at noon.

        The lighthouse was repainted white and red in the spring of last year.

        The school choir rehearses in the chapel on Thursday evenings.
        """

    @Test("the answer about a fact cites the one block that states it, by attention alone")
    func attentionFindsTheBlock() throws {
        let reading = try ReadingTests.reading(chunk: 256)
        let document = try Ingester().ingest(data: Data(Self.notes.utf8), name: "notes.md")
        let index = SourceIndex(document)
        let segment = try #require(reading.segments(of: document).first)
        let reader = DocumentReader(reading: reading, store: nil)
        let prefilled = try reader.read(segment.text, source: "notes.md")
        var writer = GroundedWriter(reading: reading, units: CitableUnit.blocks(of: index),
                                    source: Claims.Source(Self.notes), sampling: .greedy)
        writer.method = .attention
        writer.policy = .keep
        let units = GroundedWriter.documentUnits(reading: reading, text: segment.text,
                                                 spans: TokenPlacement.spans(segment.blockSpans ?? [], in: index))
        let request = WritingRequest(text: "When does the ferry to Halloran Island leave? Answer in one sentence.",
                                     scope: Set(index.entries.indices), words: 20, maxTokens: 48)
        let (text, answer) = try writer.write(request, after: prefilled, documentUnits: units)
        let ferry = try #require(index.entries.first { $0.block.text.contains("Halloran") }).block.id
        let point = try #require(text.points.first, "answer: \(answer.text)")
        #expect(point.attribution == "attention")
        #expect(point.citations.first?.block == ferry, "answer '\(answer.text)' cited \(point.citations)")
    }

    @Test func unsupportedPointsAreDroppedMarkedOrKept() {
        let good = SummaryPoint(text: "The fee is 18,000 euros.", citations: [Citation(block: 1, location: "3.1")])
        var bad = SummaryPoint(text: "The fee is 99 euros.")
        bad.support = .unsupported
        bad.reason = "numbers not in the source: 99"
        let dropped = GroundedWriter.apply(.drop, to: [good, bad])
        #expect(dropped.points == [good] && dropped.dropped == [bad])
        let marked = GroundedWriter.apply(.mark, to: [good, bad])
        #expect(marked.points == [good, bad] && marked.dropped.isEmpty)
        #expect(SummaryMarkdown.points(marked, policy: .mark).contains("[unsupported: numbers not in the source: 99]"))
        #expect(!SummaryMarkdown.points(marked, policy: .keep).contains("unsupported"))
    }
}
