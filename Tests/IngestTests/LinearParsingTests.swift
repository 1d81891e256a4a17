import Foundation
import Testing
@testable import Ingest

/// Hostile inputs that used to take quadratic time (168 s for a 160 KB SRT
/// cue) and 1 MB of every format must all be read within a bound far above
/// linear time (well under a second here) and far below quadratic time, so
/// a loaded machine does not fail it; a document over its budget fails on
/// its own.
@Suite struct LinearParsingTests {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Ingests `text` as `name` and expects it to finish (parsed or failed
    /// with an `IngestError`) within `bound` seconds.
    static func expectFast(_ text: String, name: String, bound: Double = 20,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let took = seconds {
            do { _ = try Ingester().ingest(data: Data(text.utf8), name: name) } catch is IngestError {} catch {
                Issue.record("\(name): \(error)", sourceLocation: sourceLocation)
            }
        }
        #expect(took < bound, "\(name) took \(took) s", sourceLocation: sourceLocation)
    }

    static let cue = "1\n00:00:01,000 --> 00:00:02,000\n"

    @Test func unclosedSubtitleMarkup() {
        Self.expectFast(Self.cue + String(repeating: "a<", count: 80_000) + "\n", name: "angles.srt")
        Self.expectFast(Self.cue + String(repeating: "{\\", count: 40_000) + "\n", name: "codes.srt")
        Self.expectFast(Self.cue + String(repeating: "<", count: 80_000) + "\n", name: "open.srt")
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
        Self.expectFast(vtt + String(repeating: "<v", count: 40_000) + "\n", name: "voices.vtt")
        Self.expectFast(vtt + String(repeating: "<v a>b ", count: 12_000) + "\n", name: "open-voices.vtt")
        Self.expectFast(vtt + String(repeating: "<", count: 80_000) + "\n", name: "open.vtt")
    }

    @Test func longSpeakerTranscripts() {
        let oneSpeaker = String(repeating: "Ana: so we went down to the harbour again\n", count: 50_000)
        let turns = (0..<80_000).map { $0 % 2 == 0 ? "Ana: yes\n" : "Ben: no, not the lamp\n" }.joined()
        #expect(oneSpeaker.utf8.count + turns.utf8.count > 3_200_000)
        Self.expectFast(oneSpeaker, name: "one.txt")
        Self.expectFast(turns, name: "turns.txt")
    }

    @Test func unclosedMarkdownLinks() {
        Self.expectFast("# T\n\n" + String(repeating: "[a](b", count: 100_000) + "\n", name: "links.md")
        Self.expectFast("# T\n\n" + String(repeating: "[", count: 100_000) + "\n", name: "brackets.md")
        Self.expectFast("# T\n\n" + String(repeating: "[a](", count: 50_000) + String(repeating: ")", count: 50_000) + "\n",
                        name: "nested.md")
        Self.expectFast("# T\n\n" + String(repeating: "<a ", count: 100_000) + "\n", name: "autolinks.md")
    }

    @Test func linksStillStrip() {
        #expect(MarkdownInline.strip("see [the *lamp*](http://x) and ![alt](i.png), [^1] <http://a.b>") ==
                "see the lamp and alt, [^1] http://a.b")
        #expect(MarkdownInline.strip("[a](b [c](d)") == "a")
        #expect(MarkdownInline.strip("[a](b [c][d]") == "[a](b c")
        #expect(MarkdownInline.strip("[[x]](y)") == "[x]")
    }

    /// About 1 MB of prose in each text format.
    static func megabyte(_ format: String) -> String {
        var prose = BenchmarkFiles.Prose()
        var parts: [String] = []
        var size = 0, n = 0
        while size < 1 << 20 {
            n += 1
            let p = prose.paragraph()
            let piece: String
            switch format {
            case "md": piece = n % 20 == 1 ? "## Part \(n)\n\n\(p) See [the *ledger*](http://x/\(n)).\n\n" : "\(p)\n\n"
            case "html": piece = n % 20 == 1 ? "<h2>Part \(n)</h2><p>\(p)</p>\n" : "<p>\(p) <i>x</i></p>\n"
            case "srt": piece = "\(n)\n00:\(String(format: "%02d:%02d", n / 60 % 60, n % 60)),000 --> 00:00:00,500\n<i>\(p)</i>\n\n"
            case "vtt": piece = "00:\(String(format: "%02d:%02d", n / 60 % 60, n % 60)).000 --> 00:59:59.000\n<v Ana>\(p)</v>\n\n"
            case "speakers": piece = (n % 2 == 0 ? "Ana: " : "Ben: ") + p + "\n"
            default: piece = n % 30 == 1 ? "CHAPTER \(n)\n\n\(p)\n\n" : "\(p)\n\n"
            }
            parts.append(piece)
            size += piece.utf8.count
        }
        let body = parts.joined()
        switch format {
        case "html": return "<!DOCTYPE html><html><head><title>T</title></head><body>\(body)</body></html>"
        case "vtt": return "WEBVTT\n\n" + body
        default: return body
        }
    }

    @Test(arguments: ["txt", "md", "html", "srt", "vtt", "speakers"])
    func aMegabyteOfTextIsQuick(_ format: String) throws {
        let text = Self.megabyte(format)
        var document: Document?
        let took = try Self.seconds { document = try Ingester().ingest(data: Data(text.utf8), name: "big.\(format)") }
        #expect(took < 2, "1 MB of \(format) took \(took) s")
        #expect((document?.root.totalBlockCount ?? 0) > 100)
    }

    @Test func aMegabyteOfDOCXAndEPUBIsQuick() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("precis-linear-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let docx = dir.appendingPathComponent("big.docx"), epub = dir.appendingPathComponent("big.epub")
        _ = try BenchmarkFiles.writeDOCX(docx, targetBytes: 1 << 20)
        _ = try BenchmarkFiles.writeEPUB(epub, targetBytes: 1 << 20)
        for url in [docx, epub] {
            var document: Document?
            let took = try Self.seconds { document = try Ingester().ingest(url) }
            #expect(took < 2, "\(url.lastPathComponent) took \(took) s")
            #expect((document?.root.totalBlockCount ?? 0) > 100)
        }
    }

    @Test func aDocumentOverItsBudgetFails() throws {
        let text = Data(Self.megabyte("txt").utf8)
        var slow = IngestOptions()
        slow.maxParseSeconds = 0
        #expect {
            try Ingester(options: slow).ingest(data: text, name: "slow.txt")
        } throws: { error in
            guard case IngestError.overBudget("slow.txt", let reason) = error else { return false }
            return reason.contains("took more than 0 s")
        }
        var small = IngestOptions()
        small.maxTextBytes = 500_000
        #expect {
            try Ingester(options: small).ingest(data: text, name: "big.txt")
        } throws: { "\($0)".hasPrefix("big.txt: refused: it holds more than 500000 bytes of text") }
        _ = try Ingester().ingest(data: text, name: "fine.txt")
    }
}
