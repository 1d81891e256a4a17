import Foundation
import Testing
@testable import Ingest

/// HTML read as a stream (each finished child of `<body>` extracted and
/// freed) gives the document a whole-tree read gives, whatever the chunks.
@Suite struct HTMLStreamingTests {
    static func extractor(_ name: String, _ bytes: [UInt8]) -> HTMLExtractor {
        HTMLExtractor(builder: DocumentBuilder(metadata: Metadata(source: name, format: .html), options: IngestOptions()),
                      settings: .init(file: name, part: nil, maxDepth: 256), source: bytes)
    }

    static func wholeTree(_ name: String, _ bytes: [UInt8]) throws -> Section {
        let tree = try SafeXMLParser.parseHTML(bytes, file: name, part: name)
        let root = try #require(tree.root)
        let extractor = extractor(name, bytes)
        try extractor.extract(root.child("body") ?? root)
        return try extractor.builder.finish(contentHash: "").root
    }

    static func streamed(_ name: String, _ bytes: [UInt8], chunk: Int) throws -> Section {
        let extractor = extractor(name, bytes)
        try HTMLStreamReader.read(bytes, file: name, part: name, chunkSize: chunk, start: { _ in }, child: extractor.take)
        extractor.finish()
        return try extractor.builder.finish(contentHash: "").root
    }

    /// Headings, nested lists, tables, notes, hidden parts, entities and
    /// inline markup across lines, long enough to span many chunks.
    static let mixed: String = {
        var body = ""
        for n in 1...40 {
            body += "<h2>Part \(n)</h2>\n<p>Text of <b>part</b> \(n) &amp; <i>more</i>\non two lines.<sup><a href=\"#fn\(n)\" "
                + "epub:type=\"noteref\">\(n)</a></sup></p>\n<ul><li>one<ul><li>nested \(n)</li></ul></li><li>two</li></ul>\n"
                + "<table><tr><th>k</th><th>v</th></tr><tr><td>\(n)</td><td>x &lt; y</td></tr></table>\n"
                + "<div style=\"display:none\">hidden</div><div><div>deep <span>inline</span> text</div></div>\n"
        }
        body += "<section epub:type=\"footnotes\"><ol>" + (1...40).map { "<li id=\"fn\($0)\">Note \($0).</li>" }.joined() + "</ol></section>"
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Mixed</title></head>\n<body>\n\(body)\n</body></html>\n"
    }()

    @Test(arguments: [7, 1000, 64 << 10])
    func sameDocumentAsAWholeTree(chunk: Int) throws {
        let inputs: [(String, [UInt8])] = [
            ("mixed.html", Array(Self.mixed.utf8)),
            ("contract.html", try [UInt8](Data(contentsOf: Fixtures.good("contract.html")))),
            ("no-body.html", Array("<html><p>bare paragraph</p></html>".utf8)),
            ("unclosed.html", Array("<html><body><p>one<p>two<div>three".utf8)),
        ]
        for (name, bytes) in inputs {
            let whole = try Self.wholeTree(name, bytes)
            #expect(whole.totalBlockCount > 0, "\(name)")
            #expect(try Self.streamed(name, bytes, chunk: chunk) == whole, "\(name) in chunks of \(chunk)")
        }
    }

    @Test func headIsReadBeforeTheBody() throws {
        let doc = try Ingester().ingest(data: Data(Self.mixed.utf8), name: "mixed.html")
        #expect(doc.metadata.title == "Mixed" && doc.metadata.language == "en")
        #expect(doc.headings.count == 40)
    }
}
