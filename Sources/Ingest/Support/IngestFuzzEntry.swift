import Foundation
import GGUF

/// The Ingest parsers as the fuzz targets (fuzz/, scripts/fuzz.sh) drive
/// them with arbitrary bytes, and as the regression tests replay the inputs
/// they saved: one entry per target, named like it.
///
/// Each entry returns or throws `IngestError`; a trap, a hang or unbounded
/// memory is a bug. Documents that parse are also rendered, cited and
/// encoded, as `precis ingest` would.
enum IngestFuzzEntry {
    static let options = IngestOptions()

    /// `ingest-zip`: the archive layer (ZIPFoundation under `SafeZip`'s
    /// limits), every entry opened and inflated.
    static func zip(_ bytes: [UInt8], scratch: URL) throws {
        let zip = try SafeZip.open(data: Data(bytes), fileURL: stage(bytes, at: scratch), file: "fuzz.zip",
                                   options: options)
        for path in zip.paths.sorted() { _ = try zip.read(path) }
    }

    /// `ingest-xml`: libxml2 under `SafeXMLParser`'s strict settings, and
    /// the tree walked as the EPUB and DOCX readers walk it.
    static func xml(_ bytes: [UInt8]) throws {
        let tree = try SafeXMLParser.parseXML(bytes, file: "fuzz.xml", part: "part.xml")
        if let root = tree.root { walk(root, depth: 0) }
    }

    /// `ingest-html`: a stand-alone HTML or XHTML file.
    static func html(_ bytes: [UInt8]) throws {
        var builder = DocumentBuilder(metadata: Metadata(source: "fuzz.html", format: .html), options: options)
        try HTMLDocumentParser.parse(bytes, file: "fuzz.html", options: options, into: &builder)
        exercise(try builder.finish(contentHash: ""))
    }

    /// `ingest-subtitles`: the text read as SRT and as WebVTT, cues merged into turns.
    static func subtitles(_ bytes: [UInt8]) throws {
        let text = try TextDecoder.decode(bytes, file: "fuzz.srt").text
        for webVTT in [false, true] {
            let (cues, _) = try SubtitleParser.cues(text, webVTT: webVTT, file: "fuzz.srt")
            var builder = DocumentBuilder(metadata: Metadata(source: "fuzz.srt", format: webVTT ? .webvtt : .srt),
                                          options: options)
            TurnMerger().merge(cues, into: &builder)
            exercise(try builder.finish(contentHash: ""))
        }
    }

    /// `ingest-text`: encoding detection, then whichever text format the
    /// content is taken for (plain, Markdown, speaker text, subtitles, HTML).
    /// Zip and PDF inputs are left to their own targets.
    static func text(_ bytes: [UInt8]) throws {
        guard FormatDetector.sniff(Array(bytes.prefix(1024))) == .text else { return }
        let name = bytes.count % 2 == 0 ? "fuzz.txt" : "fuzz.md"
        exercise(try Ingester(options: options).ingest(data: Data(bytes), name: name))
    }

    /// `ingest-document`: a whole file as `precis ingest` reads it, any
    /// format but PDF (whose parsing is pdftotext's).
    static func document(_ bytes: [UInt8]) throws {
        guard FormatDetector.sniff(Array(bytes.prefix(1024))) != .pdf else { return }
        exercise(try Ingester(options: options).ingest(data: Data(bytes), name: "fuzz"))
    }

    /// Writes `bytes` to `url` for the readers that take a file.
    private static func stage(_ bytes: [UInt8], at url: URL) throws -> URL {
        do { try Data(bytes).write(to: url) } catch {
            throw IngestError.unreadable(file: url.path, reason: "cannot stage input: \(error.localizedDescription)")
        }
        return url
    }

    private static func walk(_ node: XMLNode, depth: Int) {
        _ = (node.name, node.namespace, node.line, node.attr("id"), node.attr("lang", prefix: "xml"))
        guard depth < 512 else { return }
        for child in node.children {
            if child.isElement { walk(child, depth: depth + 1) } else { _ = child.textValue }
        }
        if depth == 0 { _ = node.textContent }
    }

    private static func exercise(_ document: Document) {
        let rendered = document.rendered()
        _ = rendered.text.utf8.count
        for block in document.blocks.prefix(64) { _ = document.citation(forBlock: block.id) }
        _ = document.sections.map(\.path)
        _ = try? JSONFormat.data(document)
    }
}
