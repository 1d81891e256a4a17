import CLibXML2

/// Parses XML and HTML with libxml2 under settings that rule out network
/// access, external entities and entity expansion bombs.
///
/// XML is read with `XML_PARSE_NONET` and without `NOENT`, `DTDLOAD` or
/// `HUGE`; in addition, any document that declares entities is refused
/// outright, because no format read here needs them. The refusal is libxml2's
/// own entity-declaration callback, so it sees the declarations after the
/// part is decoded, whatever its encoding (UTF-16 parts hid `<!ENTITY` from a
/// byte search). HTML is read by the HTML parser in recovery mode, which
/// never loads DTDs.
enum SafeXMLParser {
    /// Reads XML strictly (no recovery): container, OPF and DOCX parts must
    /// be well-formed.
    static func parseXML(_ bytes: [UInt8], file: String, part: String) throws -> XMLTree {
        guard !bytes.isEmpty else { throw IngestError.malformedXML(file: file, part: part, line: 0, reason: "part is empty") }
        prepare()
        guard let ctxt = xmlNewParserCtxt() else { throw IngestError.unreadable(file: file, reason: "libxml2 out of memory") }
        defer { xmlFreeParserCtxt(ctxt) }
        refuseEntityDeclarations(ctxt)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)
        // Non-empty (checked above), so the buffer has a base address.
        let doc = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                xmlCtxtReadMemory(ctxt, $0, Int32(buf.count), part, nil, options)
            }
        }
        guard let doc, ctxt.pointee.wellFormed != 0, ctxt.pointee._private == nil else {
            if let doc { xmlFreeDoc(doc) }
            if ctxt.pointee._private != nil { throw IngestError.entityDeclaration(file: file, part: part) }
            throw error(from: ctxt, file: file, part: part)
        }
        return XMLTree(doc)
    }

    /// Reads HTML (or XHTML that failed strict parsing) in recovery mode.
    /// `encoding` overrides the document's own declaration when given.
    static func parseHTML(_ bytes: [UInt8], file: String, part: String, encoding: String? = nil) throws -> XMLTree {
        let bytes = bytes.isEmpty ? Array("<html></html>".utf8) : bytes
        prepare()
        guard let ctxt = htmlNewParserCtxt() else { throw IngestError.unreadable(file: file, reason: "libxml2 out of memory") }
        defer { htmlFreeParserCtxt(ctxt) }
        let doc = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                htmlCtxtReadMemory(ctxt, $0, Int32(buf.count), part, encoding, htmlOptions)
            }
        }
        guard let doc else { throw error(from: ctxt, file: file, part: part) }
        let tree = XMLTree(doc)
        if let message = ctxt.pointee.lastError.message.map({ String(cString: $0) }), message.contains("depth") {
            throw IngestError.nestingTooDeep(file: file, part: part, limit: 256)
        }
        return tree
    }

    /// Recovery mode, no network, no error output, compact text nodes.
    static let htmlOptions = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Makes the parser stop at the first entity declaration (general or
    /// parameter, internal or external) and mark itself in `_private`, before
    /// libxml2 records the entity, so nothing declared can be expanded.
    private static func refuseEntityDeclarations(_ ctxt: xmlParserCtxtPtr) {
        ctxt.pointee._private = nil
        ctxt.pointee.sax?.pointee.entityDecl = { context, _, _, _, _, _ in
            guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            parser.pointee._private = UnsafeMutableRawPointer(bitPattern: 1)
            xmlStopParser(parser)
        }
    }

    /// The first position of `needle` in `hay` at or after `from`.
    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int = 0) -> Int? {
        guard needle.count <= hay.count, let first = needle.first else { return nil }
        var i = from
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    private static func error(from ctxt: xmlParserCtxtPtr, file: String, part: String) -> IngestError {
        let err = ctxt.pointee.lastError
        let message = err.message.map { String(cString: $0).trimmedSpace } ?? "not well-formed"
        if message.lowercased().contains("depth") {
            return .nestingTooDeep(file: file, part: part, limit: 256)
        }
        if message.contains("entity") && message.lowercased().contains("loop") || message.contains("amplification") {
            return .entityDeclaration(file: file, part: part)
        }
        return .malformedXML(file: file, part: part, line: Int(err.line), reason: message)
    }

    /// libxml2 must be initialised once before use from several threads.
    private static let initialized: Void = { xmlInitParser() }()

    /// Silences libxml2's default error printing (errors are reported through
    /// `IngestError`) once per thread.
    static func prepare() {
        _ = initialized
        xmlSetStructuredErrorFunc(nil) { _, _ in }
    }
}
