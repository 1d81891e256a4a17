import Foundation
import GGUF
import Testing
@testable import Ingest

/// `Document.writeJSON` writes, block by block, exactly what `JSONFormat`
/// writes for the whole document.
@Suite struct DocumentJSONTests {
    static func streamed(_ body: ((String) -> Void) throws -> Void) rethrows -> String {
        var out = ""
        try body { out += $0 }
        return out
    }

    @Test(arguments: Fixtures.files("good"))
    func sameTextAsTheEncoder(_ name: String) throws {
        let doc = try Fixtures.ingest(Fixtures.good(name))
        #expect(try Self.streamed { try doc.writeJSON(to: $0) } == JSONFormat.text(doc))
    }

    @Test func nestedInAnArrayAndInChunks() throws {
        let a = try Fixtures.ingest(Fixtures.good("contract.html")), b = try Fixtures.ingest(Fixtures.good("novel3.epub"))
        let array = try Self.streamed { write in
            write("[\n  ")
            try a.writeJSON(indent: 2, to: write)
            write(",\n  ")
            try b.writeJSON(indent: 2, to: write)
            write("\n]")
        }
        #expect(array == (try JSONFormat.text([a, b])))
        let many = try Ingester().ingest(data: Data((0..<1000).map { "Paragraph \($0).\n\n" }.joined().utf8), name: "p.txt")
        #expect(try Self.streamed { try many.writeJSON(to: $0) } == JSONFormat.text(many))
    }
}
