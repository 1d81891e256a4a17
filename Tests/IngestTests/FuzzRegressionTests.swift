import Foundation
import Testing
@testable import Ingest

/// Replays the inputs scripts/fuzz.sh saved for the ingest fuzz targets
/// (Fixtures/fuzz-regressions/ingest-*) through the function each target
/// calls: every input must be read or refused with an error, never crash.
@Suite struct IngestFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions")
    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("precis-fuzz-\(UUID().uuidString)")

    static let targets = ["ingest-zip", "ingest-xml", "ingest-html", "ingest-subtitles", "ingest-text", "ingest-document"]

    /// What `target` calls with an input.
    static func replay(_ target: String, _ bytes: [UInt8]) throws {
        switch target {
        case "ingest-zip": try IngestFuzzEntry.zip(bytes, scratch: scratch)
        case "ingest-xml": try IngestFuzzEntry.xml(bytes)
        case "ingest-html": try IngestFuzzEntry.html(bytes)
        case "ingest-subtitles": try IngestFuzzEntry.subtitles(bytes)
        case "ingest-text": try IngestFuzzEntry.text(bytes)
        default: try IngestFuzzEntry.document(bytes)
        }
    }

    /// The saved inputs of `target`'s folder (its README aside).
    static func inputs(_ target: String) -> [URL] {
        let dir = folder.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test(arguments: targets)
    func savedInputsAreReadOrRefused(_ target: String) throws {
        defer { try? FileManager.default.removeItem(at: Self.scratch) }
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("\(target)/README.md").path))
        for input in Self.inputs(target) {
            do { try Self.replay(target, [UInt8](try Data(contentsOf: input))) } catch is IngestError {}
        }
    }

    /// The entries do real work: every good fixture (but the PDF, which the
    /// targets leave to pdftotext) goes through them without an error.
    @Test func goodFixturesPassTheEntries() throws {
        for name in Fixtures.files("good") where !name.hasSuffix(".pdf") {
            let bytes = [UInt8](try Data(contentsOf: Fixtures.good(name)))
            try IngestFuzzEntry.document(bytes)
            if name.hasSuffix(".html") { try IngestFuzzEntry.html(bytes) }
            if name.hasSuffix(".srt") || name.hasSuffix(".vtt") { try IngestFuzzEntry.subtitles(bytes) }
            if name.hasSuffix(".epub") || name.hasSuffix(".docx") {
                defer { try? FileManager.default.removeItem(at: Self.scratch) }
                try IngestFuzzEntry.zip(bytes, scratch: Self.scratch)
            }
        }
        try IngestFuzzEntry.xml(Array("<a xmlns='urn:x'><b id='1'>text</b></a>".utf8))
    }
}
