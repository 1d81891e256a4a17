import Foundation
import Testing
@testable import Pipeline

/// Reading what a model wrote: its Markdown kept as structure, invented
/// markup removed, repeats and fragments dropped.
@Suite("Summary text")
struct SummaryTextTests {
    @Test func markdownStructureIsKeptNotSplitIntoSentences() {
        let md = ModelMarkdown("""
            ## Key points
            - **Parties:** Northwind and Brightline. They sign twice.
            - - nested under it
            1. First numbered item
            2) Second one

            | Term | Value |
            |---|---|
            | Fee | 18,000 euros |
            A paragraph that
            continues here.
            **Obligations:**
            """)
        #expect(md.lines.map(\.kind) == [.heading(level: 2), .item(depth: 0, number: nil), .item(depth: 1, number: nil),
                                         .item(depth: 0, number: "1"), .item(depth: 0, number: "2"),
                                         .tableRow(cells: ["Term", "Value"]), .tableRow(cells: ["Fee", "18,000 euros"]),
                                         .paragraph, .heading(level: 3)])
        #expect(md.lines[1].label == "Parties" && md.lines[1].text == "Northwind and Brightline. They sign twice.")
        #expect(md.lines[7].text == "A paragraph that continues here.")
        #expect(md.lines[8].text == "Obligations")
    }

    @Test func inventedMarkupIsRemoved() {
        let raw = """
            Here is a summary of the document:
            <p class="text-muted">&copy; Copyright by Sample &amp; Co.</p> <|im_end|>
            ```
            See [the terms](https://example.com) for more.<br/>
            """
        let cleaned = GeneratedTextCleaner.clean(raw)
        #expect(!cleaned.contains("&copy;") && !cleaned.contains("&amp;"))
        #expect(cleaned.contains("© Copyright by Sample & Co."))
        #expect(cleaned.contains("See the terms for more."))
        #expect(!cleaned.contains("Here is a summary"))
        #expect(!cleaned.contains("<p") && !cleaned.contains("im_end") && !cleaned.contains("```") && !cleaned.contains("<br"))
    }

    @Test func pointsAreCleanDistinctAndComplete() {
        let raw = """
            - The Customer pays 18,000 euros a year.
            - The customer pays 18,000 euros a year!
            - The term is three years and
            - <b>Invoices</b> are payable within thirty days
            - Priya: Okay, I think everyone's here.
            - Is the counter staying open?
            The agreement starts on 1 March. It continues for three years.
            """
        let points = DraftPoints.read(raw, speakers: ["Priya"]).map(\.point)
        #expect(points.map(\.text) == ["The Customer pays 18,000 euros a year.", "Invoices are payable within thirty days.",
                                       "The agreement starts on 1 March.", "It continues for three years."])
        #expect(points[2].style == .sentence(paragraph: 1) && points[3].style == .sentence(paragraph: 1))
    }

    @Test func aTranscriptSummaryReportsTheTalkInsteadOfReplayingIt() {
        let raw = """
            - Send me the draft.
            - Yes, two days before and again on the morning.
            - We technically still have a fax machine.
            - Lena reviews the cancellation wording by Friday.
            - No fee is charged for missed appointments yet.
            """
        #expect(DraftPoints.read(raw, speakers: ["Lena", "Owen"]).map(\.point.text)
            == ["Lena reviews the cancellation wording by Friday.", "No fee is charged for missed appointments yet."])
        #expect(DraftPoints.read(raw).count == 5, "outside a transcript the person of a sentence is not judged")
    }

    @Test func statementsAboutTheTextInsteadOfItsContentAreDropped() {
        let raw = """
            - This part summarizes the part "5.2 The configuration file" of the document.
            - It is written in bullet points.
            - It discusses how to mount the controller on a dry wall outside the cold room.
            """
        #expect(DraftPoints.read(raw).map(\.point.text) == ["It discusses how to mount the controller on a dry wall outside the cold room."])
    }

    @Test func aPointToldAsWhatTheTextMentionsIsToldAsWhatItSays() {
        let raw = """
            - It mentions that the county's contractors put up scaffolding along the north side.
            - The section also notes that Tobias came twice a week.
            - It mentions that it rained.
            - Nell said that the vine was fine.
            """
        #expect(DraftPoints.read(raw).map(\.point.text) == [
            "The county's contractors put up scaffolding along the north side.", "Tobias came twice a week.",
            "It mentions that it rained.", "Nell said that the vine was fine.",
        ])
    }

    @Test func mergedGroupsReadAsOneListWithoutCopiedPartHeadings() {
        var copied = SummaryPoint(text: "Calyx goes live on 7 April.")
        copied.heading = "[0:02–3:14]"
        var own = SummaryPoint(text: "Saturdays alternate from 12 April.")
        own.heading = "Rota"
        let cleaned = SummaryRun.withoutCopiedHeadings(SummaryText(points: [copied, own]), labels: ["\\[0:02–3:14\\]", "[3:15–6:42]"])
        #expect(cleaned.points.map(\.heading) == [nil, "Rota"])
        let indented = [SummaryPoint(text: "They see the second light.", style: .item(depth: 1, number: nil)),
                        SummaryPoint(text: "The ferryman carries the oil.", style: .item(depth: 2, number: "1."))]
        #expect(SummaryRun.outdented(indented).map(\.style) == [.item(depth: 0, number: nil), .item(depth: 1, number: "1.")])
    }

    @Test func pointRangesLocateTheirTextInTheGeneration() {
        let raw = "- First point here.\n- Second point there."
        let drafts = DraftPoints.read(raw)
        let chars = Array(raw)
        #expect(drafts.count == 2)
        #expect(String(chars[drafts[1].range]).contains("Second point there."))
    }

    @Test func numbersAreReadFromDigitsAndWords() {
        #expect(NumberReader.values(in: "an annual fee of 18,000 euros") .contains(18000))
        #expect(NumberReader.values(in: "eighteen thousand euros").contains(18000))
        #expect(NumberReader.values(in: "the fifteenth of May").contains(15))
        #expect(NumberReader.values(in: "three hundred and forty-nine pounds").contains(349))
        #expect(NumberReader.values(in: "twenty-five thousand copies").contains(25000))
        #expect(NumberReader.values(in: "clause 4.2 applies").contains(4.2))
    }

    @Test func claimsNotInTheSourceAreFound() {
        let source = Claims.Source("Priya: The repair is booked for the fifteenth. Malik pays 1,200 pounds.")
        #expect(source.missing(Claims("Malik pays 1,200 pounds on the 15th.")) == ([], []))
        let missing = source.missing(Claims("Greta pays 1,500 pounds. Priya agrees."))
        #expect(missing.numbers == [1500])
        #expect(missing.names == ["Greta"])
        #expect(Claims("I'm sure. Great, thanks.").names.isEmpty, "contractions and sentence openers are not names")
    }
}
