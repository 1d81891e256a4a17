import Foundation
import Testing
@testable import Ingest

/// Every file in Fixtures/good parses with the expected structure.
@Suite struct GoodFixtureTests {
    @Test(arguments: Fixtures.files("good"))
    func parsesAndRoundTripsJSON(_ name: String) throws {
        let doc = try Fixtures.ingest(Fixtures.good(name))
        #expect(doc.root.totalBlockCount > 0)
        #expect(doc.contentHash.count == 64)
        let data = try JSONEncoder().encode(doc)
        #expect(try JSONDecoder().decode(Document.self, from: data) == doc)
        let rendered = doc.rendered()
        #expect(rendered.spans.count == doc.root.totalBlockCount)
        #expect(Set(rendered.spans.map(\.blockID)) == Set(doc.blocks.map(\.id)))
    }

    @Test func markdown() throws {
        let doc = try Fixtures.ingest(Fixtures.good("notes.md"))
        #expect(doc.metadata.format == .markdown)
        #expect(doc.metadata.title == "Field Notes")
        #expect(doc.headings == ["Field Notes", "Equipment", "Route"])
        #expect(doc.section("Equipment")?.path == ["Field Notes", "Equipment"])
        #expect(doc.listLabels == ["1.", "2."])
        let items = doc.blocks { if case .listItem = $0.kind { return true } else { return false } }
        #expect(items.map(\.text) == ["Tent", "Stove", "Fuel canister", "First step", "Second step"])
        let rows = doc.blocks { if case .tableRow = $0.kind { return true } else { return false } }
        #expect(rows.map(\.text) == ["Item | Weight", "Tent | 2 kg"])
        #expect(doc.blocks.first?.text == "Opening paragraph with a link and bold text.[^1]")
        #expect(doc.blocks.last?.kind == .note(label: "1"))
    }

    @Test func bookStyleTextWithCRLF() throws {
        let doc = try Fixtures.ingest(Fixtures.good("chapters.txt"))
        #expect(doc.metadata.format == .plainText)
        #expect(doc.metadata.encoding == "UTF-8")
        #expect(doc.headings == ["CHAPTER I", "CHAPTER II", "CHAPTER III"])
        #expect(doc.section("CHAPTER I")?.blocks.map(\.text) == ["The boats came in at dusk, heavy with fish.", "Nobody spoke."])
        // Byte spans point into the original file, CRLFs included.
        let data = try Data(contentsOf: Fixtures.good("chapters.txt"))
        if case .bytes(nil, let s, let e) = doc.section("CHAPTER II")!.blocks[0].span {
            #expect(String(decoding: data[s..<e], as: UTF8.self) == "Morning brought fog.")
        } else { Issue.record("expected a byte span") }
    }

    @Test func windows1252FallbackIsReported() throws {
        let doc = try Fixtures.ingest(Fixtures.good("cp1252.txt"))
        #expect(doc.metadata.encoding == "Windows-1252 (fallback)")
        #expect(doc.headings == ["Article 1", "Article 2"])
        #expect(doc.blocks[0].text == "The café “Le Mistral” — naïve clause.")
        #expect(doc.metadata.notes.contains { $0.contains("Windows-1252") })
    }

    @Test func utf16WithBOM() throws {
        let doc = try Fixtures.ingest(Fixtures.good("utf16.txt"))
        #expect(doc.metadata.encoding == "UTF-16LE (BOM)")
        #expect(doc.headings == ["Section 1"])
        #expect(doc.blocks[0].text == "UTF-16 text with ü and 中.")
    }

    @Test func speakerLabelledText() throws {
        let doc = try Fixtures.ingest(Fixtures.good("interview.txt"))
        #expect(doc.metadata.format == .speakerText)
        let turns = doc.turns
        #expect(turns.map(\.speaker) == ["Maria Lopez", "SPEAKER_1", "Maria Lopez"])
        #expect(turns.map(\.start) == [5, 9, 20])
        #expect(turns[1].text == "Happy to be here. It was a long drive though. Shall we start?")
        #expect(turns[0].end == 9)
    }

    @Test func html() throws {
        let doc = try Fixtures.ingest(Fixtures.good("contract.html"))
        #expect(doc.metadata.format == .html)
        #expect(doc.metadata.title == "Service Agreement")
        #expect(doc.metadata.language == "en")
        #expect(doc.headings == ["Service Agreement", "Article 1 Definitions", "Article 2 Payment", "2.1 Late payment"])
        #expect(doc.section("2.1 Late payment")?.path == ["Service Agreement", "Article 2 Payment", "2.1 Late payment"])
        let text = doc.renderedText()
        for hidden in ["script text", "Hidden text", "Invisible", "Home", "color: red"] { #expect(!text.contains(hidden)) }
        #expect(doc.listLabels == ["1.", "a.", "b.", "5."])
        let items = doc.blocks { if case .listItem = $0.kind { return true } else { return false } }
        #expect(items.map { if case .listItem(_, let d) = $0.kind { return d } else { return -1 } } == [0, 1, 1, 0, 0])
        #expect(items[0].text == "Service means the work.")
        #expect(doc.blocks.contains { $0.kind == .tableRow(cells: ["Start", "100"]) })
        #expect(doc.blocks.contains { $0.text == "Payment is due in 30 days." })
        #expect(doc.blocks.first { $0.text.hasPrefix("This agreement") }?.text == "This agreement is made between the parties.[^1]")
        let notes = doc.blocks { if case .note = $0.kind { return true } else { return false } }
        #expect(notes.map(\.text) == ["Signed in two copies."])
        #expect(notes.first?.kind == .note(label: "1"))
    }

    @Test(arguments: ["novel3.epub", "novel2.epub"])
    func epub(_ name: String) throws {
        let doc = try Fixtures.ingest(Fixtures.good(name))
        #expect(doc.metadata.format == .epub)
        #expect(doc.metadata.title == "The Empty Station")
        #expect(doc.metadata.authors == ["A. Writer"])
        #expect(doc.metadata.language == "en")
        // Spine order, not the (reversed) manifest order; names from the nav.
        #expect(doc.root.children.map(\.heading) == ["Chapter One: Arrival", "Chapter Two: The House", "Chapter Three: Departure"])
        #expect(doc.root.children.map(\.level) == [1, 1, 1])
        let one = doc.root.children[0]
        #expect(one.blocks.map(\.text) == ["The train stopped.[^1] She stepped out."])
        #expect(one.children.map(\.heading) == ["The Station"])
        #expect(one.children[0].blocks.map(\.kind) == [.paragraph, .note(label: "1")])
        #expect(one.children[0].blocks.last?.text == "A small town.")
        // "Chapter Two" inside the file abbreviates the nav title: the same heading, not a subsection.
        #expect(doc.root.children[1].children.isEmpty)
        #expect(doc.blocks.contains { $0.text == "The house was cold and dark." })
        if case .bytes(let part, _, _) = one.blocks[0].span { #expect(part == "OEBPS/ch1.xhtml") }
    }

    @Test func docx() throws {
        let doc = try Fixtures.ingest(Fixtures.good("agreement.docx"))
        #expect(doc.metadata.format == .docx)
        #expect(doc.metadata.title == "Consulting Agreement")
        #expect(doc.metadata.authors == ["Legal Team"])
        #expect(doc.headings == ["Article 1 Definitions", "Article 2 Services", "Schedule of steps", "Annex"])
        #expect(doc.section("Schedule of steps")?.level == 2)
        #expect(doc.listLabels == ["1.1", "(a)", "(b)", "(i)", "(ii)", "(iii)", "2.1", "1.", "2.", "1.", "2.", "•"])
        #expect(doc.blocks.contains { $0.text == "The Consultant shall perform the services." })
        #expect(!doc.renderedText().contains("may"))
        #expect(!doc.renderedText().contains("CONFIDENTIAL HEADER"))
        #expect(!doc.renderedText().contains("MERGEFIELD"))
        #expect(doc.blocks.contains { $0.text == "Price EUR 5" })
        #expect(doc.blocks.contains { $0.kind == .tableRow(cells: ["100", "March"]) })
        let first = doc.blocks.first { $0.text.hasPrefix("Terms used") }
        #expect(first?.text == "Terms used in this agreement have these meanings.[^1]")
        let note = doc.blocks[(first?.id ?? 0) + 1]
        #expect(note.kind == .note(label: "1"))
        #expect(note.text == "Definitions apply throughout.")
        #expect(doc.root.blocks.map(\.text) == ["Preamble text before any article."])
    }

    @Test func docxHeadersWhenAsked() throws {
        var options = IngestOptions()
        options.includeHeadersAndFooters = true
        let doc = try Fixtures.ingest(Fixtures.good("agreement.docx"), options: options)
        #expect(doc.renderedText().contains("CONFIDENTIAL HEADER"))
    }

    @Test func srt() throws {
        let doc = try Fixtures.ingest(Fixtures.good("meeting.srt"))
        #expect(doc.metadata.format == .srt)
        let turns = doc.turns
        #expect(turns.map(\.speaker) == ["Alice", "Bob", "Alice"])
        #expect(turns[0].text == "Good morning, everyone. Let's begin with the budget.")
        #expect(turns[0].start == 1 && turns[0].end == 6)
        #expect(turns[1].text == "The budget is on track.")
        #expect(doc.blocks[0].span == .cues(first: 1, last: 2))
        #expect(doc.renderedText().contains("[0:01] Alice: Good morning"))
    }

    @Test func webvtt() throws {
        let doc = try Fixtures.ingest(Fixtures.good("meeting.vtt"))
        #expect(doc.metadata.format == .webvtt)
        #expect(doc.metadata.language == "en")
        let turns = doc.turns
        #expect(turns.map(\.speaker) == ["Carol", "Dan", "Carol", "Dan"])
        #expect(turns[0].text == "Welcome to the review. We have three items.")
        #expect(turns[0].start == 0 && turns[0].end == 4)
        #expect(turns[3].start == 67 && turns[3].end == 69.25)
        #expect(turns[3].text == "Any questions? & more")
        #expect(!doc.renderedText().contains("comment"))
        #expect(!doc.renderedText().contains("lime"))
        #expect(doc.renderedText().contains("[1:07] Dan: Any questions?"))
    }

    @Test func pdf() throws {
        let doc = try Fixtures.ingest(Fixtures.good("report.pdf"))
        #expect(doc.metadata.format == .pdf)
        #expect(doc.metadata.pageCount == 2)
        #expect(doc.headings == ["Annual Report", "Finances", "Outlook"])
        #expect(doc.section("Finances")?.level == 2)
        #expect(doc.section("Outlook")?.blocks.first?.span == .page(2))
        #expect(doc.blocks.first?.text == "This report covers the year in review. It was a good year for the harbour.")
    }
}
