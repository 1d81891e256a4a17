import Foundation
import ZIPFoundation

/// Times ingestion of synthetic ~1 MB EPUB and DOCX files.
///
/// Called by `precis bench ingest`. The files are generated in a temporary
/// directory (deterministic pseudo-random prose, so they compress like real
/// text) and each is ingested `runs` times; the report gives file and text
/// sizes, block counts, best and mean times and throughput in MB/s of file.
public enum IngestBenchmark {
    /// Runs the benchmark and returns a Markdown report.
    /// `directory`: where to write (and keep) the files; a temporary
    /// directory that is removed afterwards when nil.
    public static func run(targetBytes: Int = 1 << 20, runs: Int = 5, directory: URL? = nil) -> String {
        let dir = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("precis-ingest-bench-\(UUID().uuidString)")
        defer { if directory == nil { try? FileManager.default.removeItem(at: dir) } }
        var lines = ["# Ingest benchmark", "", "| format | file MB | text MB | sections | blocks | best s | mean s | MB/s |",
                     "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let epub = dir.appendingPathComponent("bench.epub")
            let docx = dir.appendingPathComponent("bench.docx")
            let epubText = try BenchmarkFiles.writeEPUB(epub, targetBytes: targetBytes)
            let docxText = try BenchmarkFiles.writeDOCX(docx, targetBytes: targetBytes)
            for (name, url, text) in [("epub", epub, epubText), ("docx", docx, docxText)] {
                lines.append(try measure(name, url, textBytes: text, runs: runs))
            }
        } catch {
            lines.append("benchmark failed: \(error)")
        }
        return lines.joined(separator: "\n")
    }

    private static func measure(_ name: String, _ url: URL, textBytes: Int, runs: Int) throws -> String {
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        let ingester = Ingester()
        var times: [Double] = []
        var doc: Document?
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            doc = try ingester.ingest(url)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let best = times.min() ?? 0, mean = times.reduce(0, +) / Double(times.count)
        let mb = Double(size) / 1_048_576
        return "| \(name) | \(fmt(mb)) | \(fmt(Double(textBytes) / 1_048_576)) | \(doc?.sections.count ?? 0) | "
            + "\(doc?.root.totalBlockCount ?? 0) | \(fmt(best, 3)) | \(fmt(mean, 3)) | \(fmt(mb / max(mean, 1e-9), 1)) |"
    }

    private static func fmt(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }
}

/// Writes the synthetic benchmark documents.
enum BenchmarkFiles {
    /// Deterministic prose: words drawn from a fixed vocabulary by an LCG.
    struct Prose {
        private var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        private static let words = """
        the harbour lamp keeper ledger tide morning evening council agreement supplier customer party notice \
        clause article payment fee term services data system incident response storage orchard water light \
        boat stone wind sea chart compass fog rock key oil wick flame quay office window table page ink \
        under over across between before after during within without against toward beside beyond \
        quietly slowly suddenly carefully never always often rarely perhaps certainly shall must may will \
        walked opened closed kept burned watched answered returned signed paid delivered reviewed agreed
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }

        mutating func sentence() -> String {
            let n = 8 + Int(next() % 14)
            var s = (0..<n).map { _ in Self.words[Int(next() % UInt64(Self.words.count))] }.joined(separator: " ")
            s = s.prefix(1).uppercased() + s.dropFirst()
            return s + "."
        }

        mutating func paragraph() -> String { (0..<(3 + Int(next() % 4))).map { _ in sentence() }.joined(separator: " ") }
    }

    /// An EPUB 3 with chapters of ~40 paragraphs until the XHTML reaches
    /// about 3.3 × `targetBytes` (deflate brings the file near the target).
    static func writeEPUB(_ url: URL, targetBytes: Int) throws -> Int {
        var prose = Prose()
        var chapters: [String] = []
        var total = 0
        while total < targetBytes * 10 / 3 {
            var body = "<h1>Chapter \(chapters.count + 1)</h1>\n"
            for i in 0..<40 {
                if i % 10 == 0 { body += "<h2>Part \(i / 10 + 1)</h2>\n" }
                body += "<p>\(prose.paragraph())</p>\n"
            }
            let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                + "xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>c</title></head><body>\n\(body)</body></html>"
            chapters.append(doc)
            total += doc.utf8.count
        }
        let items = chapters.indices.map { "<item id=\"c\($0)\" href=\"c\($0).xhtml\" media-type=\"application/xhtml+xml\"/>" }
        let navItems = chapters.indices.map { "<li><a href=\"c\($0).xhtml\">Chapter \($0 + 1)</a></li>" }
        let opf = """
        <?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Benchmark</dc:title><dc:language>en</dc:language>\
        </metadata><manifest>\(items.joined())<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" \
        properties="nav"/></manifest><spine>\(chapters.indices.map { "<itemref idref=\"c\($0)\"/>" }.joined())</spine></package>
        """
        let nav = "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">"
            + "<body><nav epub:type=\"toc\"><ol>\(navItems.joined())</ol></nav></body></html>"
        var entries: [(String, String)] = [
            ("mimetype", "application/epub+zip"),
            ("META-INF/container.xml", "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>"),
            ("OEBPS/content.opf", opf), ("OEBPS/nav.xhtml", nav),
        ]
        entries += chapters.enumerated().map { ("OEBPS/c\($0.offset).xhtml", $0.element) }
        try writeZip(url, entries)
        return total
    }

    /// A DOCX with headings, numbered clauses and paragraphs until
    /// document.xml reaches about 5 × `targetBytes` (WordprocessingML is verbose).
    static func writeDOCX(_ url: URL, targetBytes: Int) throws -> Int {
        var prose = Prose()
        var body = ""
        var n = 0
        func p(_ text: String, _ ppr: String = "") -> String {
            "<w:p>\(ppr.isEmpty ? "" : "<w:pPr>\(ppr)</w:pPr>")<w:r><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
        }
        while body.utf8.count < targetBytes * 5 {
            n += 1
            body += p("Article \(n)", "<w:pStyle w:val=\"Heading1\"/>")
            for _ in 0..<12 { body += p(prose.paragraph(), "<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>") }
            for _ in 0..<12 { body += p(prose.paragraph()) }
        }
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        let numbering = "<?xml version=\"1.0\"?><w:numbering \(w)><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
        let styles = "<?xml version=\"1.0\"?><w:styles \(w)><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>"
        try writeZip(url, [
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("word/document.xml", "<?xml version=\"1.0\"?><w:document \(w)><w:body>\(body)</w:body></w:document>"),
            ("word/numbering.xml", numbering), ("word/styles.xml", styles),
        ])
        return body.utf8.count
    }

    private static func writeZip(_ url: URL, _ entries: [(String, String)]) throws {
        try writeZip(url, entries.map { ($0.0, Data($0.1.utf8)) })
    }

    /// A zip archive of `entries` (path, bytes), deflated except `mimetype`.
    static func writeZip(_ url: URL, _ entries: [(String, Data)]) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: path == "mimetype" ? .none : .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
