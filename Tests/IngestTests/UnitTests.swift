import Foundation
import Testing
@testable import Ingest

@Suite struct UnitTests {
    @Test func listNumbering() {
        #expect(ListNumbering.format(3, .lowerRoman) == "iii")
        #expect(ListNumbering.format(14, .upperRoman) == "XIV")
        #expect(ListNumbering.format(27, .lowerLetter) == "aa")
        #expect(ListNumbering.format(4, .decimalZero) == "04")
    }

    @Test func timecodes() {
        #expect(Timecode.parse("00:01:02,500") == 62.5)
        #expect(Timecode.parse("01:02.25") == 62.25)
        #expect(Timecode.parse("1:00:00") == 3600)
        #expect(Timecode.parse("12:61") == nil)
        #expect(Timecode.parse("Alice") == nil)
        #expect(Timecode.compact(3725) == "1:02:05")
        #expect(Timecode.compact(65) == "1:05")
    }

    @Test func headingRecognizer() {
        func line(_ s: String) -> [TextLine] { [TextLine(text: Substring(s), start: 0, end: s.utf8.count)] }
        #expect(HeadingRecognizer.match(line("CHAPTER IV."))?.title == "CHAPTER IV")
        #expect(HeadingRecognizer.match(line("Article 12"))?.rank == 2)
        #expect(HeadingRecognizer.match(line("Part Two"))?.rank == 1)
        #expect(HeadingRecognizer.match(line("part of the plan")) == nil)
        let clause = HeadingRecognizer.match(line("2. Grant of Copyright License. Subject to the terms"))
        #expect(clause?.title == "2. Grant of Copyright License")
        #expect(clause?.remainder == "Subject to the terms")
        #expect(HeadingRecognizer.match(line("1. buy milk and eggs.")) == nil)
    }

    @Test func speakerLines() {
        #expect(SpeakerLine.parse("[00:01:02] Ana Ruiz: hello")?.time == 62)
        #expect(SpeakerLine.parse("SPEAKER_1: hi")?.speaker == "SPEAKER_1")
        #expect(SpeakerLine.parse("Note: this is not a speaker") == nil)
        #expect(SpeakerLine.parse("the ratio was 3:1 overall") == nil)
    }

    @Test func formatDetectionIgnoresExtension() throws {
        let vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v A>Hi</v>\n"
        let doc = try Ingester().ingest(data: Data(vtt.utf8), name: "captions.txt")
        #expect(doc.metadata.format == .webvtt)
        let html = try Ingester().ingest(data: Data("<!DOCTYPE html><p>Hello</p>".utf8), name: "page.md")
        #expect(html.metadata.format == .html)
        let epub = try Data(contentsOf: Fixtures.good("novel3.epub"))
        #expect(try Ingester().ingest(data: epub, name: "book.zip").metadata.format == .epub)
    }

    @Test func citationsMapBackToBlocks() throws {
        let doc = try Fixtures.ingest(Fixtures.good("meeting.srt"))
        let rendered = doc.rendered()
        let bob = try #require(rendered.spans.first { doc.block(id: $0.blockID)?.text.hasPrefix("The budget") == true })
        #expect(rendered.blockID(atUTF8Offset: bob.start + 3) == bob.blockID)
        let slice = Array(rendered.text.utf8)[bob.start..<bob.end]
        #expect(String(decoding: slice, as: UTF8.self) == "[0:06] Bob: The budget is on track.")
        #expect(doc.citation(forBlock: bob.blockID)?.contains("cue 3") == true)
    }
}

/// Hostile numbers in markup must not overflow or allocate without bound.
@Suite struct HostileNumberTests {
    @Test func extremeListCountersInHTML() throws {
        let html = "<html><body><ol start=\"9223372036854775807\" type=\"a\"><li value=\"9223372036854775807\">x</li><li>y</li></ol></body></html>"
        let doc = try Ingester().ingest(data: Data(html.utf8), name: "n.html")
        #expect(doc.listLabels == ["1000000.", "1000001."])
    }

    @Test func extremeTimecodes() {
        #expect(Timecode.parse("99999999999999999:00:00,000") == nil)
    }

    @Test func extremeDOCXLevels() throws {
        let xml = """
        <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="-9223372036854775808"/>\
        <w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>
        """
        let tree = try SafeXMLParser.parseXML(Array(xml.utf8), file: "t", part: "numbering.xml")
        var numbering = DOCXNumbering(tree)
        #expect(numbering.next(numID: "1", level: 1000) != nil)
        #expect(numbering.next(numID: "1", level: -3) == "-1000000)")
        #expect(numbering.next(numID: "9", level: 0) == nil)
    }
}

@Suite struct EncodingTests {
    func decode(_ bytes: [UInt8]) throws -> TextDecoder.Decoded { try TextDecoder.decode(bytes, file: "t.txt") }

    @Test func bomlessUTF16() throws {
        let le = try decode(Array("Hello, world. Plain text.".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        #expect(le.text == "Hello, world. Plain text.")
        #expect(le.encoding == "UTF-16LE (no BOM, detected)")
        let be = try decode(Array("Hello, world. Plain text.".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }))
        #expect(be.encoding == "UTF-16BE (no BOM, detected)")
    }

    @Test func utf32WithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE, 0, 0]
        for s in "Grüße".unicodeScalars { bytes += [UInt8(s.value & 0xFF), UInt8(s.value >> 8 & 0xFF), 0, 0] }
        let d = try decode(bytes)
        #expect(d.text == "Grüße" && d.encoding == "UTF-32LE (BOM)")
    }

    @Test func utf8Errors() {
        #expect(UTF8Validator.validate([0x61, 0xC3, 0xA9]) == .valid)
        #expect(UTF8Validator.validate([0xC0, 0xAF]) == .invalid(offset: 0, sawMultibyte: false))       // overlong
        #expect(UTF8Validator.validate([0xED, 0xA0, 0x80]) == .invalid(offset: 0, sawMultibyte: false)) // surrogate
        #expect(UTF8Validator.validate([0xC3, 0xA9, 0xFF]) == .invalid(offset: 2, sawMultibyte: true))
    }

    @Test func lineEndings() {
        let lines = LineSplitter.lines("a\r\nb\rc\nd")
        #expect(lines.map { String($0.text) } == ["a", "b", "c", "d"])
        #expect(lines.map(\.start) == [0, 3, 5, 7])
    }
}
