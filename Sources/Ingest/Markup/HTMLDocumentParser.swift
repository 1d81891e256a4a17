/// Reads a stand-alone HTML or XHTML file.
///
/// The bytes go to libxml2's HTML parser in recovery mode, read as a stream
/// (`HTMLStreamReader`) unless an encoding must be forced. Files that
/// declare no charset are checked first with `TextDecoder`, so that invalid
/// UTF-8 and binary data fail clearly and Windows-1252 is reported as a
/// fallback instead of being guessed silently by the parser.
enum HTMLDocumentParser {
    static func parse(_ bytes: [UInt8], file: String, options: IngestOptions,
                      into builder: inout DocumentBuilder) throws {
        var encoding: String?
        if let declared = declaredCharset(bytes) {
            builder.updateMetadata { $0.encoding = declared }
            if declared == "UTF-8", case .invalid(let offset, _) = UTF8Validator.validate(bytes) {
                throw IngestError.invalidEncoding(file: file, encoding: "UTF-8", offset: offset)
            }
        } else {
            let decoded = try TextDecoder.decode(bytes, file: file)
            builder.updateMetadata { $0.encoding = decoded.encoding }
            if decoded.isFallback, decoded.encoding.hasPrefix("Windows-1252") { encoding = "windows-1252" }
        }
        let extractor = HTMLExtractor(builder: builder,
                                      settings: .init(file: file, part: nil, maxDepth: options.maxNestingDepth),
                                      source: bytes)
        if let encoding {
            let tree = try SafeXMLParser.parseHTML(bytes, file: file, part: file, encoding: encoding)
            guard let root = tree.root else { throw IngestError.noContent(file: file) }
            readHead(root, into: extractor)
            try extractor.extract(root.child("body") ?? root)
        } else {
            // Streamed: only the element being read is in memory (see `HTMLStreamReader`).
            try HTMLStreamReader.read(bytes, file: file, part: file, start: { readHead($0, into: extractor) },
                                      child: extractor.take)
            extractor.finish()
        }
        builder = extractor.builder
        if builder.metadata.title == nil, let first = builder.firstHeading { builder.setTitle(first) }
    }

    /// Title, language and author from the root and its head.
    private static func readHead(_ root: XMLNode, into extractor: HTMLExtractor) {
        if let head = root.child("head"), let title = head.child("title") {
            extractor.builder.setTitle(title.textContent)
        }
        if let lang = root.attr("lang") ?? root.attr("lang", prefix: "xml") {
            extractor.builder.updateMetadata { $0.language = lang }
        }
        if let author = metaContent(root, name: "author") { extractor.builder.updateMetadata { $0.authors = [author] } }
    }

    /// The charset named by a BOM, `<meta charset>`, `http-equiv` or the XML
    /// declaration in the first 2 KB, if any.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16 (BOM)" }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8 (BOM)" }
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        for key in ["charset=", "encoding="] {
            guard let r = head.range(of: key) else { continue }
            let value = head[r.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
                .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if !value.isEmpty { return value.uppercased() }
        }
        return nil
    }

    private static func metaContent(_ root: XMLNode, name: String) -> String? {
        guard let head = root.child("head") else { return nil }
        for meta in head.childElements("meta") where meta.attr("name")?.lowercased() == name {
            if let c = meta.attr("content"), !c.trimmedSpace.isEmpty { return c.trimmedSpace }
        }
        return nil
    }
}
