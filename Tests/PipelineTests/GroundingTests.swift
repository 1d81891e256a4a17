import Foundation
import Ingest
import Testing
@testable import Pipeline

/// Tracing points to the blocks they come from, and the support check.
@Suite("Grounding points")
struct GroundingTests {
    static let contract = """
        # Article 3 Fees

        3.1 The Customer shall pay an annual fee of 18,000 euros, invoiced quarterly.

        3.2 Invoices are payable within thirty days of receipt.

        # Article 4 Term

        4.1 This Agreement starts on 1 March and continues for three years.

        # Article 6 General

        6.1 This Agreement is governed by the laws of Ireland.
        """

    static func document(_ text: String = contract, name: String = "contract.md") throws -> Document {
        try Ingester().ingest(data: Data(text.utf8), name: name)
    }

    func grounder(_ index: SourceIndex, method: AttributionMethod = .combined) -> PointGrounder {
        var g = PointGrounder(units: CitableUnit.blocks(of: index), scope: Set(index.entries.indices),
                              source: Claims.Source(index.entries.map(\.block.text).joined(separator: "\n")))
        g.method = method
        return g
    }

    func draft(_ text: String) -> DraftPoint { DraftPoint(point: SummaryPoint(text: text), range: 0..<text.count) }

    @Test func locationsAreTheBlocksOwn() throws {
        let index = SourceIndex(try Self.document())
        #expect(index.entries.map(\.location).contains("Article 3 Fees, ¶ 1"))
        #expect(index.entries.count == 4)
    }

    @Test func attentionPicksTheBlockTheModelReadFromCheckedLexically() throws {
        let index = SourceIndex(try Self.document())
        let fee = index.entries.firstIndex { $0.block.text.contains("18,000") }!
        let law = index.entries.firstIndex { $0.block.text.contains("Ireland") }!
        var mass = [Float](repeating: 0.01, count: index.entries.count)
        mass[fee] = 0.7
        mass[law] = 0.9   // attention also lands on a block that does not say this: the lexical check drops it
        let point = grounder(index).ground(draft("The Customer pays an annual fee of 18,000 euros."), mass: mass)
        #expect(point.citations.map(\.block) == [index.entries[fee].block.id])
        #expect(point.attribution == "attention")
        #expect(point.support == .supported)
    }

    @Test func comparingMethodsRecordsWhatEachWouldCite() throws {
        let index = SourceIndex(try Self.document())
        let fee = index.entries.firstIndex { $0.block.text.contains("18,000") }!
        let law = index.entries.firstIndex { $0.block.text.contains("Ireland") }!
        var mass = [Float](repeating: 0, count: index.entries.count)
        mass[law] = 1   // attention alone lands on the wrong block; the lexical check corrects it
        let cited = GroundedWriter.citations(of: draft("The Customer pays an annual fee of 18,000 euros."),
                                             by: grounder(index), mass: mass)
        #expect(cited["attention"] == [index.entries[law].block.id])
        #expect(cited["lexical"] == [index.entries[fee].block.id])
        #expect(cited["combined"] == [index.entries[fee].block.id])
    }

    @Test func withoutAttentionTheLexicalBestIsCited() throws {
        let index = SourceIndex(try Self.document())
        let point = grounder(index).ground(draft("The agreement continues for three years from March."), mass: nil)
        #expect(point.citations.first?.location.hasPrefix("Article 4 Term") == true)
        #expect(point.attribution == "lexical")
    }

    @Test func numbersOrNamesMissingFromTheSourceMakeAPointUnsupported() throws {
        let index = SourceIndex(try Self.document())
        let invented = grounder(index).ground(draft("The Customer pays an annual fee of 19,500 euros."), mass: nil)
        #expect(invented.support == .unsupported)
        #expect(invented.reason?.contains("19500") == true)
        let unrelated = grounder(index).ground(draft("Penguins enjoy the cold southern seas."), mass: nil)
        #expect(unrelated.support == .unsupported && unrelated.citations.isEmpty)
        let vague = grounder(index).ground(draft("The Customer enjoys a detailed and engaging relationship with the supplier."), mass: nil)
        #expect(vague.support == .unsupported, "a block sharing a word or two does not hold the point")
        let words = grounder(index).ground(draft("Invoices are payable within 30 days of receipt."), mass: nil)
        #expect(words.support == .supported, "30 is backed by 'thirty'")
    }
}
