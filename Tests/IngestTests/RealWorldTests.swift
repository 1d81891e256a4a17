import Foundation
import Testing
@testable import Ingest

/// Structure checks on real documents fetched by `scripts/fetch-realworld.sh`
/// (checksummed there). Each test is skipped, with the reason, when the
/// files are not present.
enum RealWorld {
    static var directory: URL {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["PRECIS_REALWORLD_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let cache = env["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return cache.appendingPathComponent("precis/realworld")
    }

    static func url(_ path: String) -> URL { directory.appendingPathComponent(path) }
    static func has(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    static func files(_ dir: String, ext: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(dir).path)) ?? []
        return names.filter { $0.hasSuffix(".\(ext)") }.sorted().map { url(dir).appendingPathComponent($0) }
    }

    static let missing = "real-world documents not found; run scripts/fetch-realworld.sh (or set PRECIS_REALWORLD_DIR)"
}

@Suite struct RealWorldTests {
    /// Each language of the Live Systems Manual: every navigation entry
    /// becomes a section, in navigation order, and the numbered chapters are
    /// all there.
    @Test(.enabled(if: RealWorld.has("live-manual/live-manual.en.epub"), Comment(rawValue: RealWorld.missing)))
    func liveManualFollowsItsNavigation() throws {
        let books = RealWorld.files("live-manual", ext: "epub")
        #expect(books.count == 10)
        for book in books {
            let doc = try Ingester().ingest(book)
            let zip = try SafeZip(url: book, file: book.path, options: IngestOptions())
            let nav = try EPUBNavigation.load(zip, package: try EPUBPackage.load(zip))
            let skipped = Set(doc.metadata.notes.compactMap { note -> String? in
                note.hasPrefix("skipped table-of-contents page ") ? String(note.dropFirst(31)) : nil
            })
            let expected = nav.entries.filter { !skipped.contains($0.path) }.map(\.title)
            #expect(doc.sections.compactMap(\.heading) == expected, "\(book.lastPathComponent)")
            let chapters = doc.sections.filter { ($0.heading ?? "").range(of: #"^\d+\. "#, options: .regularExpression) != nil }
            #expect(chapters.count == 19, "\(book.lastPathComponent): \(chapters.map(\.heading))")
            #expect(chapters.allSatisfy { $0.totalBlockCount > 0 })
            #expect(doc.root.totalBlockCount > 500)
        }
    }

    @Test(.enabled(if: RealWorld.has("licenses/Apache-2.0"), Comment(rawValue: RealWorld.missing)))
    func apacheLicenseSections() throws {
        let doc = try Ingester().ingest(RealWorld.url("licenses/Apache-2.0"))
        #expect(doc.metadata.title == "Apache License")
        let terms = try #require(doc.section("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"))
        #expect(terms.children.map(\.heading) == [
            "1. Definitions", "2. Grant of Copyright License", "3. Grant of Patent License", "4. Redistribution",
            "5. Submission of Contributions", "6. Trademarks", "7. Disclaimer of Warranty",
            "8. Limitation of Liability", "9. Accepting Warranty or Additional Liability",
        ])
        #expect(terms.children[0].blocks.contains { $0.text.hasPrefix("\"License\" shall mean") })
        #expect(doc.section("END OF TERMS AND CONDITIONS") != nil)
    }

    @Test(.enabled(if: RealWorld.has("licenses/GPL-3"), Comment(rawValue: RealWorld.missing)))
    func gpl3Sections() throws {
        let doc = try Ingester().ingest(RealWorld.url("licenses/GPL-3"))
        #expect(doc.metadata.title == "GNU GENERAL PUBLIC LICENSE")
        #expect(doc.root.children.map(\.heading) == [
            "Preamble", "TERMS AND CONDITIONS", "END OF TERMS AND CONDITIONS", "How to Apply These Terms to Your New Programs",
        ])
        let sections = try #require(doc.section("TERMS AND CONDITIONS")).children.compactMap(\.heading)
        #expect(sections.count == 18)
        #expect(sections.first == "0. Definitions")
        #expect(sections.last == "17. Interpretation of Sections 15 and 16")
        #expect(sections.map { Int($0.prefix { $0.isNumber }) } == (0...17).map { $0 })
    }

    /// pysrt's test data: every well-formed file parses as SRT; the same
    /// subtitles in UTF-8, UTF-8/16/32 with BOM and Windows-1252 give the same text.
    @Test(.enabled(if: RealWorld.has("subtitles/pysrt/utf-8.srt"), Comment(rawValue: RealWorld.missing)))
    func pysrtSamples() throws {
        for name in ["bom-utf-8", "bom-utf-16-le", "bom-utf-16-be", "bom-utf-32-le", "bom-utf-32-be",
                     "capability_tester", "no-indexes", "utf-8", "windows-1252"] {
            let doc = try Ingester().ingest(RealWorld.url("subtitles/pysrt/\(name).srt"))
            #expect(doc.metadata.format == .srt, "\(name)")
            #expect(!doc.turns.isEmpty, "\(name)")
            #expect(!doc.renderedText().contains("<font"), "\(name)")
        }
        let bomTexts = try ["bom-utf-8", "bom-utf-16-le", "bom-utf-16-be", "bom-utf-32-le", "bom-utf-32-be"].map {
            try Ingester().ingest(RealWorld.url("subtitles/pysrt/\($0).srt")).blocks.map(\.text)
        }
        #expect(Set(bomTexts.map { $0.joined(separator: "\n") }).count == 1)
        let utf8 = try Ingester().ingest(RealWorld.url("subtitles/pysrt/utf-8.srt"))
        let legacy = try Ingester().ingest(RealWorld.url("subtitles/pysrt/windows-1252.srt"))
        #expect(legacy.metadata.encoding == "Windows-1252 (fallback)")
        #expect(utf8.blocks.map(\.text) == legacy.blocks.map(\.text))
        #expect(utf8.turns.first?.start == 1)
        #expect(utf8.blocks.last.map { if case .cues(_, let last) = $0.span { return last } else { return 0 } } == 1332)
    }

    /// webvtt-py's test data: the valid files parse as WebVTT with NOTE,
    /// STYLE and REGION blocks and inline tags removed; speaker labels in
    /// brackets are recognised.
    @Test(.enabled(if: RealWorld.has("subtitles/webvtt/sample.vtt"), Comment(rawValue: RealWorld.missing)))
    func webvttSamples() throws {
        let valid = ["captions_with_bom", "comments", "cue_tags", "metadata_headers", "metadata_headers_multiline",
                     "netflix_chicas_del_cable", "non_padded_timestamps", "one_caption", "regions", "sample",
                     "styles", "styles_with_comments", "using_identifiers", "youtube_dl"]
        for name in valid {
            let doc = try Ingester().ingest(RealWorld.url("subtitles/webvtt/\(name).vtt"))
            #expect(doc.metadata.format == .webvtt, "\(name)")
            let text = doc.renderedText()
            for leaked in ["NOTE", "::cue", "<c.", "<v ", "-->", "<i>"] { #expect(!text.contains(leaked), "\(name): \(leaked)") }
        }
        let sample = try Ingester().ingest(RealWorld.url("subtitles/webvtt/sample.vtt"))
        let captions = sample.blocks.map(\.text).joined(separator: " ")
        #expect(captions.hasPrefix("Caption text #1 Caption text #2"))
        #expect(sample.turns.first?.start == 0.5)
        let tags = try Ingester().ingest(RealWorld.url("subtitles/webvtt/cue_tags.vtt"))
        #expect(tags.blocks.map(\.text).joined(separator: " ").contains("Like a big-a pizza pie"))
        let netflix = try Ingester().ingest(RealWorld.url("subtitles/webvtt/netflix_chicas_del_cable.vtt"))
        #expect(netflix.turns.first?.speaker == "Alba")
    }
}
