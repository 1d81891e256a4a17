import Foundation
import Testing
@testable import Ingest

/// Every file in Fixtures/damaged parses, keeps the text it could read, and
/// says in its warnings what it lost; intact files carry no warnings.
@Suite struct DamagedFixtureTests {
    /// File → a phrase each of its expected warnings contains.
    static let expected: [String: [String]] = [
        "lost-pages.pdf": ["pdftotext reported", "4 of 6 pages have no text (pages 3–6)"],
        "outside-chapters.epub": ["'c1' points outside the archive (../../c2.xhtml)",
                                  "'c2' points outside the archive (http://example.com/c3.xhtml)",
                                  "OEBPS/missing.xhtml, which is not in the archive"],
        "duplicate-entry.docx": ["2 entries named 'word/document.xml'; only the last is read"],
    ]

    @Test func everyDamagedFileHasAnExpectation() {
        #expect(Set(Fixtures.files("damaged")) == Set(Self.expected.keys))
    }

    @Test(arguments: expected.keys.sorted())
    func warnsOfWhatIsLost(_ name: String) throws {
        let doc = try Fixtures.ingest(Fixtures.root.appendingPathComponent("damaged").appendingPathComponent(name))
        let phrases = Self.expected[name] ?? []
        #expect(doc.metadata.warnings.count == phrases.count, "\(name): \(doc.metadata.warnings)")
        for phrase in phrases {
            #expect(doc.metadata.warnings.contains { $0.contains(phrase) }, "\(name): \(phrase) in \(doc.metadata.warnings)")
        }
        #expect(doc.root.totalBlockCount > 0)
    }

    @Test func theReadablePartIsKept() throws {
        let damaged = Fixtures.root.appendingPathComponent("damaged")
        let pdf = try Fixtures.ingest(damaged.appendingPathComponent("lost-pages.pdf"))
        #expect(pdf.blocks.map(\.text) == ["Page 1 opens the ledger.", "Page 1 closes it again.",
                                           "Page 2 opens the ledger.", "Page 2 closes it again."])
        let epub = try Fixtures.ingest(damaged.appendingPathComponent("outside-chapters.epub"))
        #expect(epub.headings == ["Chapter 1"])
        let docx = try Fixtures.ingest(damaged.appendingPathComponent("duplicate-entry.docx"))
        #expect(docx.blocks.map(\.text) == ["The second document.xml, which is read."])
    }

    @Test(arguments: Fixtures.files("good"))
    func intactFilesHaveNoWarnings(_ name: String) throws {
        #expect(try Fixtures.ingest(Fixtures.good(name)).metadata.warnings == [])
    }

    @Test func scatteredEmptyPagesNeedErrorsOrNumbers() {
        #expect(PDFDamage.warnings(stderr: "", pages: 40, pagesWithText: Set(1...40).subtracting([7])) == [])
        let scanned = PDFDamage.warnings(stderr: "", pages: 10, pagesWithText: [1, 2, 3, 9, 10])
        #expect(scanned == ["5 of 10 pages have no text (pages 4–8): damaged, or scanned without a text layer; their text is missing"])
        #expect(PDFDamage.errorLines("Syntax Warning: odd\nSyntax Error (12): bad\nSyntax Error (12): bad\n") == ["Syntax Error (12): bad"])
        #expect(PDFDamage.ranges([1, 3, 4, 5, 9]) == "page 1, pages 3–5, page 9")
    }
}
