import Foundation
import Ingest
import GGUF
import Testing
@testable import Pipeline

/// Scoring summaries for `precis eval summaries`: each metric on small
/// hand-made outputs whose right answer is known.
@Suite("Scoring summaries")
struct SummaryScoringTests {
    /// A lease: two articles under a title, a list item with a label, and a paragraph.
    static let lease: Document = {
        let rent = Section(heading: "Article 3. Rent", level: 2, path: ["Lease of Unit 4", "Article 3. Rent"], blocks: [
            Block(id: 1, kind: .paragraph, text: "The rent is payable on the fifteenth of each month.", span: .bytes(part: nil, start: 0, end: 1)),
            Block(id: 2, kind: .listItem(label: "3.2", depth: 0), text: "Late rent bears interest at four percent.",
                  span: .bytes(part: nil, start: 1, end: 2)),
        ])
        let parties = Section(heading: "Article 1. Parties", level: 2, path: ["Lease of Unit 4", "Article 1. Parties"], blocks: [
            Block(id: 0, kind: .paragraph, text: "Maria Okafor signs for the tenant, Hollin Bakery Limited.",
                  span: .bytes(part: nil, start: 2, end: 3)),
        ])
        let title = Section(heading: "Lease of Unit 4", level: 1, path: ["Lease of Unit 4"], children: [parties, rent])
        return Document(metadata: Metadata(source: "lease.md", title: "Lease of Unit 4", format: .markdown),
                        root: Section(heading: nil, level: 0, path: [], children: [title]), contentHash: "x")
    }()

    static let source = EvaluationSource(lease)

    static func point(_ text: String, _ blocks: [Int]) -> EvaluatedPoint { EvaluatedPoint(text: text, source: .blocks(blocks)) }

    static func summary(_ points: [EvaluatedPoint], structure: [EvaluatedPoint] = []) -> EvaluatedSummary {
        EvaluatedSummary(format: .current, parts: [EvaluatedPart(kind: .summary, label: "Summary", points: points)], structure: structure)
    }

    static func score(_ summary: EvaluatedSummary, markdown: String? = nil, facts: [KeyFact] = []) -> DocumentScore {
        SummaryScorer(source: source, facts: facts).score(summary, markdown: markdown, document: "lease.md")
    }

    // MARK: Artifacts

    @Test func tagsAndEntitiesInPointTextAreArtifacts() {
        let c = ArtifactScanner.scan(#"<p class="summary">The rent &copy; 2024 is due monthly.</p> &#169;"#)
        #expect(c.htmlTags == 2)
        #expect(c.entities == 2)
        #expect(c.total == 4)
        let cut = ArtifactScanner.scan(#"<p align="center""# + "\nA <br> b &copy2015 and R&D.")
        #expect(cut.htmlTags == 2)
        #expect(cut.entities == 1)
        #expect(ArtifactScanner.scan("The tenant pays 5 < 6 units & more.").total == 0)
    }

    @Test func controlTokensAndFencesAreCountedOnce() {
        let c = ArtifactScanner.scan("Done.<|im_end|> [INST] next </s>\n```swift")
        #expect(c.controlTokens == 3)
        #expect(c.htmlTags == 0)
        #expect(c.codeFences == 1)
    }

    @Test func escapedMarkupInMarkdownIsNotAnArtifact() {
        let md = "- The model wrote \\<p class=\"x\"\\> and \\[INST\\] here. *(Article 3, ¶ 1)*\n- Then &copy; 2024 <br> appeared.\n"
        let c = ArtifactScanner.scanMarkdown(md)
        #expect(c.htmlTags == 1)
        #expect(c.entities == 1)
        #expect(c.controlTokens == 0)
    }

    @Test func scorerCountsArtifactsInJsonAndMarkdownApart() {
        let s = Self.summary([Self.point("<p>The rent is payable on the fifteenth of each month.</p>", [1])])
        let score = Self.score(s, markdown: "## Summary\n\n- \\<p\\>The rent is payable on the fifteenth of each month.\\</p\\> &copy;\n")
        #expect(score.figures.artifactsJson.htmlTags == 2)
        #expect(score.figures.artifactsMarkdown.htmlTags == 0)
        #expect(score.figures.artifactsMarkdown.entities == 1)
    }

    // MARK: Repeats

    @Test func aSentenceSaidTwiceInOnePartIsRepeated() {
        let r = SentenceRepeats.find([[
            "The landlord may end the lease at any time by notice.",
            "The tenant pays rent monthly.",
            "The landlord may end the lease at any time by letter.",   // 9 of 10 words shared
            "THE TENANT PAYS RENT, MONTHLY!",                            // same letters and digits
            "The tenant pays no rent in August.",
        ]])
        #expect(r.sentences == 5)
        #expect(r.repeated == 2)
        #expect(r.crossPart == 0)
        #expect(r.examples == ["The landlord may end the lease at any time by letter.", "THE TENANT PAYS RENT, MONTHLY!"])
    }

    @Test func aSentenceRepeatedInAnotherPartIsCrossPartOnly() {
        let r = SentenceRepeats.find([["The deposit is held in a separate account."], ["The deposit is held in a separate account.", "Rent rises in June."]])
        #expect(r.repeated == 0)
        #expect(r.crossPart == 1)
        #expect(r.sentences == 3)
    }

    @Test func pointsAreCutIntoSentencesForRepeats() {
        let s = Self.summary([Self.point("Rent is due monthly. Rent is due monthly.", [1])])
        #expect(Self.score(s).figures.repeatedSentences == 1)
    }

    // MARK: Cut-off lines

    @Test func proseLinesMustEndASentence() {
        let md = """
        # Lease of Unit 4

        *lease.md — legal, 900 tokens in 1 segment*

        ## Key terms

        | Term | What the document says | Where |
        | --- | --- | --- |
        | Rent | The rent is payable | Article 3 |

        ## Summary

        - The rent is payable on the fifteenth. *(Lease of Unit 4 › Article 3. Rent, ¶ 1)*
        - The tenant must pay the *(Lease of Unit 4 › Article 3. Rent, ¶ 1)*
        - Interest is charged (see clause 3.2.) **[unsupported: numbers not in the source: 9]**
        - The parties are: *(Article 1)*

        **Payment**

        The tenant said "we will pay." The landlord agreed.

        Rent is due monthly. *(Article 3, ¶ 1)* The tenant then pays the *(Article 3, ¶ 2)*

        ## Speakers

        - **Maria**: 4 turns [0:02–1:10]

        ---
        3 points: 3 supported, 0 unsupported
        """
        let r = CutOffLines.markdown(md)
        #expect(r.lines == 6)
        #expect(r.cutOff == 2)
        #expect(r.examples == ["The tenant must pay the", "Rent is due monthly. *(Article 3, ¶ 1)* The tenant then pays the"])
    }

    @Test func danglingPointEnds() {
        #expect(CutOffLines.endsDangling("The tenant must pay the"))
        #expect(CutOffLines.endsDangling("Rent, deposit and"))
        #expect(CutOffLines.endsDangling("Rent is due monthly,"))
        #expect(!CutOffLines.endsDangling("Rent is due monthly."))
        #expect(!CutOffLines.endsDangling("Rent is paid to the landlord"))
    }

    // MARK: Unsupported numbers and names

    @Test func inventedNumbersAndNamesAreUnsupportedButNumberWordsOfTheSourceAreNot() {
        let s = Self.summary([
            Self.point("Rent is due on the 15th; Maria Okafor signs.", [1]),     // 15 = "fifteenth"; both names in the source
            Self.point("A deposit of 9,500 is held by Gregor Blum.", [1]),        // none of it in the source
        ])
        let score = Self.score(s)
        #expect(score.figures.unsupportedClaims == Ratio(3, of: 6))
        #expect(score.unsupportedNumbers == ["9500"])
        #expect(score.unsupportedNames == ["Blum", "Gregor"])
    }

    @Test func listLabelsAndHeadingsAreSource() {
        let s = Self.summary([Self.point("Clause 3.2 of the Lease of Unit 4 sets interest.", [2])])
        #expect(Self.score(s).figures.unsupportedClaims.count == 0)
    }

    // MARK: Citations

    @Test func aCitationIsAccurateWhenTheCitedBlockHoldsThePoint() {
        let s = Self.summary([
            Self.point("Rent is payable on the fifteenth of every month.", [1]),   // accurate
            Self.point("Rent is payable on the fifteenth of every month.", [0]),   // wrong block
            Self.point("Rent is payable on the fifteenth of every month.", []),    // no citation
            Self.point("Rent of 1,200 is payable each month.", [1]),               // number not in the block
            Self.point("Maria Okafor signs for the tenant.", [7]),                 // no such block
        ])
        let score = Self.score(s)
        #expect(score.figures.citationAccuracy == Ratio(1, of: 5))
        #expect(score.figures.points == 5)
    }

    @Test func everyMethodIsScoredOnEveryPointWrittenKeptOrDropped() {
        var s = Self.summary([Self.point("Rent is payable on the fifteenth of every month.", [1])])
        s.comparedPoints = [
            EvaluatedPoint(text: "Rent is payable on the fifteenth of every month.", source: .blocks([1]),
                           citedBy: ["attention": [0], "lexical": [1], "combined": [1]]),
            EvaluatedPoint(text: "Late rent bears interest at four percent.", source: .blocks([]),   // a dropped point
                           citedBy: ["attention": [2], "lexical": [], "combined": [2]]),
        ]
        let byMethod = Self.score(s).figures.citationAccuracyByMethod
        #expect(byMethod["attention"] == Ratio(1, of: 2))
        #expect(byMethod["lexical"] == Ratio(1, of: 2))
        #expect(byMethod["combined"] == Ratio(2, of: 2))
    }

    @Test func wallTimesComeFromTheIndexOfEitherVersion() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("precis-wall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = #"{"entries": [{"document": "a.md", "seconds": 3.5, "status": "summarized"}, {"document": "b.md", "status": "unchanged"}]}"#
        for index in [#"{"results": [], "last_run": \#(run)}"#, run] {
            try Data(index.utf8).write(to: dir.appendingPathComponent("index.json"))
            #expect(SummaryEvaluation.wallSeconds(in: dir) == ["a.md": 3.5])
        }
    }

    @Test func keyTermSubjectsAreNotClaims() {
        let row = EvaluatedPoint(text: "Not stated in the document.", line: "Confidentiality: Not stated in the document.",
                                 stated: "Not stated in the document.", source: .blocks([]))
        #expect(Self.score(Self.summary([], structure: [row])).figures.unsupportedClaims.count == 0)
    }

    @Test func tableItemsAreScoredApart() {
        let s = Self.summary([Self.point("Rent is payable monthly.", [1])],
                             structure: [Self.point("Late rent bears interest at four percent.", [2]),
                                         Self.point("Late rent bears interest at four percent.", [0])])
        let f = Self.score(s).figures
        #expect(f.citationAccuracy == Ratio(1, of: 1))
        #expect(f.structureCitationAccuracy == Ratio(1, of: 2))
    }

    // MARK: Facts

    @Test func factsAreRecalledFromMarkdownOrJsonAndMissedOnesNamed() throws {
        let facts = [
            try KeyFact(fact: "Rent is due on the 15th", pattern: "(15|fifteenth)", evidence: "payable on the fifteenth"),
            try KeyFact(fact: "Maria Okafor signs", pattern: "Okafor"),
            try KeyFact(fact: "Late rent bears interest", pattern: "interest.{0,40}(4|four)"),
        ]
        let s = Self.summary([Self.point("The rent falls due on the fifteenth.", [1])])
        let md = "## Summary\n\n- Okafor signs.\n- Late rent bears interest\nat four percent.\n"   // `.` does not cross the line break
        let score = Self.score(s, markdown: md, facts: facts)
        #expect(score.figures.recall == Ratio(2, of: 3))
        #expect(score.missedFacts == ["Late rent bears interest"])
    }

    @Test func locatedAccuracyChecksThatPointsStatingAFactCiteItsEvidence() throws {
        let facts = [try KeyFact(fact: "Rent is due on the 15th", pattern: "fifteenth", evidence: "payable on the fifteenth"),
                     try KeyFact(fact: "A fact no block states", pattern: "rent", evidence: "no such words anywhere")]
        let s = Self.summary([
            Self.point("Rent is payable on the fifteenth.", [1]),        // cites the evidence block
            Self.point("The tenant pays on the fifteenth.", [0]),        // cites another block
            Self.point("Interest is four percent.", [2]),                // states no fact
        ])
        let score = Self.score(s, facts: facts)
        #expect(score.figures.locatedAccuracy == Ratio(1, of: 2))
        #expect(score.evidenceNotFound == ["A fact no block states"])
    }

    // MARK: Output formats

    @Test func legacyOutputIsDecodedWithLabelCitations() throws {
        let json = """
        {"title": "Lease of Unit 4", "genre": "legal", "summary": "Rent is payable on the fifteenth. Maria Okafor signs.",
         "points": [{"text": "Rent is payable on the fifteenth.", "citation": "Lease of Unit 4 › Article 3. Rent"},
                    {"text": "Maria Okafor signs.", "citation": "Part 1, [0:02–9:47]"},
                    {"text": "1."}],
         "sections": [{"label": "Article 1. Parties", "citation": "Article 1. Parties",
                       "summary": "Maria Okafor signs for the tenant. The tenant is Hollin Bakery Limited."}],
         "chapters": [], "document_tokens": 900, "generated_tokens": 120, "prefill_seconds": 1.5, "generate_seconds": 4.0}
        """
        let s = try EvaluatedSummary.decode(Data(json.utf8))
        #expect(s.format == .legacy)
        #expect(s.parts.map(\.kind) == [.summary, .section])
        #expect(s.parts[0].points.map(\.source) == [.label("Lease of Unit 4 › Article 3. Rent"), .label("Part 1, [0:02–9:47]"), .label(nil)])
        #expect(s.parts[1].points.map(\.text) == ["Maria Okafor signs for the tenant.", "The tenant is Hollin Bakery Limited."])
        #expect(s.generatedTokens == 120)
        let score = Self.score(s)
        // Point 1 cites the rent article (accurate); point 2 a segment label naming no section; point 3 nothing;
        // both section sentences cite the parties article, which holds them.
        #expect(score.figures.citationAccuracy == Ratio(3, of: 5))
        #expect(score.format == .legacy)
    }

    @Test func legacyLabelsResolveToSectionBlocks() {
        #expect(Self.source.blocks(forLabel: "Lease of Unit 4 › Article 3. Rent") == [1, 2])
        #expect(Self.source.blocks(forLabel: "article 1. parties") == [0])
        #expect(Self.source.blocks(forLabel: "Lease of Unit 4") == [0, 1, 2])
        #expect(Self.source.blocks(forLabel: "Part 1, [0:02–9:47]") == [])
    }

    @Test func currentOutputRoundTripsThroughTheEncoder() throws {
        var summary = DocumentSummary(
            title: "Lease of Unit 4", source: "lease.md", genre: .legal, format: "markdown",
            summary: SummaryText(points: [SummaryPoint(text: "Rent is payable on the fifteenth.", label: "Rent",
                                                       citations: [Citation(block: 1, location: "Article 3, ¶ 1")])]),
            sections: [], chapters: [], structure: GenreStructure(), speakers: [], support: SupportCounts(),
            model: "m", pattern: "p", sparsity: 0.5, documentTokens: 900, segments: 1, segmentsFromSnapshots: 0,
            generatedTokens: 80, prefillSeconds: 1, generateSeconds: 2, targetWords: 150)
        summary.structure.keyTerms = [KeyTerm(term: "Rent", value: "The rent is payable on the fifteenth of each month.",
                                              citations: [Citation(block: 1, location: "Article 3, ¶ 1")])]
        summary.support.dropped = 2
        let s = try EvaluatedSummary.decode(try JSONFormat.encoder.encode(summary))
        #expect(s.format == .current)
        #expect(s.parts[0].points == [EvaluatedPoint(text: "Rent is payable on the fifteenth.", line: "Rent: Rent is payable on the fifteenth.",
                                                     source: .blocks([1]))])
        #expect(s.structure.map(\.source) == [.blocks([1])])
        #expect(s.droppedPoints == 2)
        #expect(Self.score(s).figures.structureCitationAccuracy == Ratio(1, of: 1))
    }

    @Test func reportJsonHasSnakeCaseKeysAndNullRatios() throws {
        var score = DocumentScore(document: "lease.md")
        score.figures.citationAccuracy = Ratio(1, of: 2)
        let report = SummaryEvaluationReport(documentsDirectory: "d", outputDirectory: "o", factsFile: "f", summarized: false,
                                             documents: [score, DocumentScore(document: "b.md")])
        let text = String(decoding: try JSONFormat.encoder.encode(report), as: UTF8.self)
        #expect(text.contains("\"citation_accuracy\""))
        #expect(text.contains("\"unsupported_claims\""))
        #expect(text.contains("\"html_tags\""))
        #expect(text.contains("\"ratio\" : 0.5"))
        #expect(text.contains("\"ratio\" : null"))
        #expect(report.totals.citationAccuracy == Ratio(1, of: 2))
    }

    // MARK: Facts file

    @Test func factFileParses() throws {
        let yaml = """
        documents:
          - file: lease.md
            genre: legal
            facts:
              - fact: Rent is due on the 15th
                pattern: "(15|fifteenth)"
                evidence: "payable on the fifteenth"
              - fact: Maria signs
                pattern: "Maria"
        """
        let file = try FactFile.parse(yaml)
        #expect(file.count == 2)
        let lease = try #require(file.facts(for: "lease.md"))
        #expect(lease.genre == .legal)
        #expect(lease.facts[1].isEvidence("maria okafor"))
        #expect(!lease.facts[0].isEvidence("Maria"))
    }

    @Test func factFileErrorsNameTheFileAndLine() {
        func expectError(_ yaml: String, line: Int, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                _ = try FactFile.parse(yaml, file: "facts.yaml")
                Issue.record("expected an error", sourceLocation: sourceLocation)
            } catch let error as PipelineError {
                #expect(error.description.hasPrefix("facts.yaml:\(line): "), "\(error)", sourceLocation: sourceLocation)
                #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
            } catch {
                Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            }
        }
        expectError("documents:\n  - file: a.md\n    facts:\n      - fact: x\n        pattern: \"(unclosed\"\n", line: 5, "not a valid regular expression")
        expectError("documents:\n  - file: a.md\n    facts:\n      - fact: x\n        patern: \"x\"\n", line: 5, "did you mean 'pattern'")
        expectError("documents:\n  - file: a.md\n    genre: novel\n", line: 3, "book, legal, transcript or other")
        expectError("documents: " + String(repeating: "[", count: 5000), line: 1, "nested deeper")
    }
}
