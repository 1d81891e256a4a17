import Foundation
import Testing
@testable import Ingest

/// Entity declarations are refused whatever the part's encoding: a UTF-16
/// part hid `<!ENTITY` from a byte search, and its billion-laughs entities
/// were expanded (a 4 KB DOCX reached 1.2 GB).
@Suite struct EntityDeclarationTests {
    static let laughs: String = {
        var dtd = "<!ENTITY l0 \"ha\">"
        for i in 1...9 { dtd += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE w:document [\(dtd)]>"
            + "<w:document \(w)><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    }()

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let (hi, lo) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            bytes += bigEndian ? [hi, lo] : [lo, hi]
        }
        return bytes
    }

    @Test(arguments: [(false, true), (true, true), (true, false), (false, false)])
    func utf16PartsDeclaringEntitiesAreRefused(_ bigEndian: Bool, _ bom: Bool) {
        let bytes = Self.utf16(Self.laughs, bigEndian: bigEndian, bom: bom)
        #expect(throws: IngestError.entityDeclaration(file: "f.docx", part: "word/document.xml")) {
            try SafeXMLParser.parseXML(bytes, file: "f.docx", part: "word/document.xml")
        }
    }

    @Test func utf16DOCXBombFailsCleanly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("precis-utf16-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let docx = dir.appendingPathComponent("laughs.docx")
        try BenchmarkFiles.writeZip(docx, [
            ("[Content_Types].xml", Data("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
            ("word/document.xml", Data(Self.utf16(Self.laughs, bigEndian: false, bom: true))),
        ])
        #expect(throws: IngestError.entityDeclaration(file: docx.path, part: "word/document.xml")) {
            try Ingester().ingest(docx)
        }
    }

    @Test func parameterEntitiesAreRefusedToo() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p \"<!ENTITY x 'y'>\"> %p;]><r>&x;</r>"
        #expect(throws: IngestError.entityDeclaration(file: "f", part: "p")) {
            try SafeXMLParser.parseXML(Array(xml.utf8), file: "f", part: "p")
        }
    }

    @Test func aDoctypeWithoutEntitiesStillParses() throws {
        let xhtml = "<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" "
            + "\"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\"><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>a &amp; b</p></body></html>"
        _ = try SafeXMLParser.parseXML(Array(xhtml.utf8), file: "f", part: "p")
    }
}
