import Testing
@testable import Ingest

/// Named references that reach the tree unexpanded are replaced from
/// libxml2's tables.
@Suite struct HTMLEntitiesTests {
    @Test func htmlAndXMLNamesAreLookedUp() {
        #expect(HTMLEntities.text(for: "nbsp") == "\u{A0}")
        #expect(HTMLEntities.text(for: "mdash") == "—")
        #expect(HTMLEntities.text(for: "Eacute") == "É")
        #expect(HTMLEntities.text(for: "hellip") == "…")
        #expect(HTMLEntities.text(for: "amp") == "&")
        #expect(HTMLEntities.text(for: "apos") == "'")
        // Names are case-sensitive, as in HTML.
        #expect(HTMLEntities.text(for: "eacute") == "é")
    }

    @Test func unknownNamesGiveNoText() {
        #expect(HTMLEntities.text(for: "notanentity") == "")
        #expect(HTMLEntities.text(for: "") == "")
    }

    /// XHTML naming its DTD may use HTML's names; the DTD is never loaded,
    /// so they reach the tree as references.
    @Test func anXHTMLChapterKeepsItsEntities() throws {
        let xhtml = Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml"><body><p>Caf&eacute; &mdash; open&nbsp;late &amp; early&hellip;</p></body></html>
            """.utf8)
        let tree = try SafeXMLParser.parseXML(xhtml, file: "t.xhtml", part: "t.xhtml")
        var builder = DocumentBuilder(metadata: Metadata(source: "t.xhtml", format: .html), options: IngestOptions())
        let extractor = HTMLExtractor(builder: builder, settings: .init(file: "t.xhtml", part: nil, maxDepth: 256),
                                      source: xhtml)
        try extractor.extract(try #require(tree.root?.child("body")))
        builder = extractor.builder
        let document = try builder.finish(contentHash: "")
        #expect(document.blocks.map(\.text) == ["Café — open late & early…"])
    }
}
