/// Reads Word documents (DOCX): paragraphs and runs, headings from styles
/// and outline levels, numbering labels, tracked changes accepted, tables,
/// footnotes and endnotes (placed after the paragraph that cites them),
/// and optionally headers and footers.
struct DOCXParser {
    let zip: SafeZip
    let options: IngestOptions
    static let mainPart = "word/document.xml"

    func parse(hash: String) throws -> Document {
        let document = try SafeXMLParser.parseXML(try zip.read(Self.mainPart), file: zip.file, part: Self.mainPart)
        guard let body = document.root?.child("body") else { throw IngestError.missingPart(file: zip.file, part: "w:body") }
        var builder = DocumentBuilder(metadata: Metadata(source: zip.file, format: .docx), options: options)
        try readCoreProperties(&builder)
        var walker = DOCXBodyWalker(
            styles: DOCXStyles(try optionalPart("word/styles.xml")),
            numbering: DOCXNumbering(try optionalPart("word/numbering.xml")),
            footnotes: DOCXNotes(try optionalPart("word/footnotes.xml"), element: "footnote"),
            endnotes: DOCXNotes(try optionalPart("word/endnotes.xml"), element: "endnote"),
            builder: builder, maxDepth: options.maxNestingDepth)
        if options.includeHeadersAndFooters { try headersAndFooters(&walker, prefix: "word/header") }
        walker.part = Self.mainPart
        walker.walk(body, depth: 0)
        if options.includeHeadersAndFooters { try headersAndFooters(&walker, prefix: "word/footer") }
        return try walker.builder.finish(contentHash: hash)
    }

    private func optionalPart(_ path: String) throws -> XMLTree? {
        guard let bytes = try zip.readIfPresent(path) else { return nil }
        return try SafeXMLParser.parseXML(bytes, file: zip.file, part: path)
    }

    /// Title, creator and language from `docProps/core.xml`.
    private func readCoreProperties(_ builder: inout DocumentBuilder) throws {
        guard let root = try optionalPart("docProps/core.xml")?.root else { return }
        let value = { (name: String) in root.child(name).map { TextCleaner.collapse($0.textContent) }.flatMap { $0.isEmpty ? nil : $0 } }
        builder.setTitle(value("title"))
        builder.updateMetadata { m in
            if let creator = value("creator") { m.authors = [creator] }
            m.language = value("language")
        }
    }

    private func headersAndFooters(_ walker: inout DOCXBodyWalker, prefix: String) throws {
        for path in zip.paths.filter({ $0.hasPrefix(prefix) && $0.hasSuffix(".xml") }).sorted() {
            guard let root = try optionalPart(path)?.root else { continue }
            walker.part = path
            walker.walk(root, depth: 0)
        }
    }
}

/// Footnotes or endnotes by id, with their text.
struct DOCXNotes {
    private var paragraphs: [String: [XMLNode]] = [:]
    private let tree: XMLTree?

    init(_ tree: XMLTree?, element: String) {
        self.tree = tree
        for n in tree?.root?.childElements(element) ?? [] {
            guard let id = n.attr("id"), n.attr("type") == nil || n.attr("type") == "normal" else { continue }
            paragraphs[id] = n.descendants("p")
        }
    }

    func paragraphs(_ id: String) -> [XMLNode]? { paragraphs[id] }
}
