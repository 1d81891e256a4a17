import Foundation
import Testing
@testable import Ingest

/// Every file in Fixtures/bad must fail with the expected `IngestError` case,
/// naming the file, and never crash.
@Suite struct BadFixtureTests {
    static let expected: [String: String] = [
        "absolute.docx": "unsafeArchivePath",
        "billion-laughs.docx": "entityDeclaration",
        "binary.txt": "binaryContent",
        "bomb.docx": "zipBomb",
        "broken-xml.docx": "malformedXML",
        "corrupt.pdf": "toolFailed",
        "deep.epub": "nestingTooDeep",
        "deep.html": "nestingTooDeep",
        "empty.txt": "emptyFile",
        "empty-container.epub": "malformedXML",
        "invalid-utf8.html": "invalidEncoding",
        "invalid-utf8.txt": "invalidEncoding",
        "missing-opf.epub": "missingPart",
        "odd-utf16.txt": "invalidEncoding",
        "other.zip": "unsupportedFormat",
        "scanned.pdf": "noTextLayer",
        "truncated.epub": "corruptArchive",
        "undefined-cp1252.txt": "invalidEncoding",
        "whitespace.md": "noContent",
        "xxe.epub": "entityDeclaration",
        "xxe-chapter.epub": "entityDeclaration",
        "zipslip.epub": "unsafeArchivePath",
    ]

    @Test func everyBadFileHasAnExpectation() {
        #expect(Set(Fixtures.files("bad")) == Set(Self.expected.keys))
    }

    @Test(arguments: expected.keys.sorted())
    func failsCleanly(_ name: String) throws {
        let url = Fixtures.bad(name)
        do {
            let doc = try Fixtures.ingest(url)
            Issue.record("\(name) parsed unexpectedly into \(doc.root.totalBlockCount) blocks")
        } catch let error as IngestError {
            #expect(error.caseName == Self.expected[name], "\(name): \(error)")
            #expect(error.file == url.path)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func fileOverTheSizeLimitIsRefused() throws {
        var options = IngestOptions()
        options.maxFileSize = 100
        #expect(throws: IngestError.fileTooLarge(file: Fixtures.good("contract.html").path, size: 964, limit: 100)) {
            try Fixtures.ingest(Fixtures.good("contract.html"), options: options)
        }
    }

    @Test func slowPDFToolTimesOut() {
        var options = IngestOptions()
        options.pdfTimeout = 0.000_1
        #expect(throws: IngestError.timeout(file: Fixtures.good("report.pdf").path, tool: "pdftotext", seconds: 0.000_1)) {
            try Fixtures.ingest(Fixtures.good("report.pdf"), options: options)
        }
    }

    @Test func missingFileIsReported() {
        #expect(throws: IngestError.fileNotFound(file: "/nonexistent/x.txt")) {
            try Ingester().ingest(URL(fileURLWithPath: "/nonexistent/x.txt"))
        }
    }

    @Test func veryDeepHTMLDoesNotCrash() throws {
        let html = "<html><body>" + String(repeating: "<div>", count: 100_000) + "x" + "</body></html>"
        #expect(throws: IngestError.self) { try Ingester().ingest(data: Data(html.utf8), name: "deep.html") }
    }

    @Test func perEntryLimitHolds() throws {
        var options = IngestOptions()
        options.maxEntrySize = 1000
        #expect(throws: IngestError.self) { try Fixtures.ingest(Fixtures.good("agreement.docx"), options: options) }
    }

    @Test func unsafePaths() {
        for bad in ["../x", "a/../../x", "/etc/passwd", "C:\\x", "\\\\server\\x", "a\\..\\..\\x"] {
            #expect(!SafeZip.isSafe(bad), "\(bad)")
        }
        for ok in ["OEBPS/ch1.xhtml", "word/document.xml", "a..b/c"] { #expect(SafeZip.isSafe(ok)) }
    }
}
