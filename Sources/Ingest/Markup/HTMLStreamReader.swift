import CLibXML2

/// Reads a stand-alone HTML file with libxml2's push parser, a chunk at a
/// time, handing over each finished child of `<body>` and freeing it.
///
/// A whole libxml2 tree takes some 40 times the file (2.2 MB of short
/// paragraphs: 84 MB); read this way, the tree holds only the element being
/// parsed. Options are those of `SafeXMLParser.parseHTML`. A child of
/// `<body>` is finished once a later sibling exists: the parser only ever
/// appends to the last child's open chain, so earlier children never
/// change again.
enum HTMLStreamReader {
    /// Calls `start` with the root once `<body>` opens (the head is then
    /// complete), then `child` with each child of the body, in order. A file
    /// without a body gets `start` at the end and `child` for each child of
    /// the root. `chunkSize`: bytes given to the parser at a time.
    static func read(_ bytes: [UInt8], file: String, part: String, chunkSize: Int = 64 << 10,
                     start: (XMLNode) throws -> Void, child: (XMLNode) throws -> Void) throws {
        let bytes = bytes.isEmpty ? Array("<html></html>".utf8) : bytes
        SafeXMLParser.prepare()
        try bytes.withUnsafeBufferPointer { buffer in
            try buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                let first = Int32(min(4, buffer.count))
                guard let ctxt = htmlCreatePushParserCtxt(nil, nil, base, first, part, XML_CHAR_ENCODING_NONE) else {
                    throw IngestError.unreadable(file: file, reason: "libxml2 out of memory")
                }
                defer { htmlFreeParserCtxt(ctxt) }
                htmlCtxtUseOptions(ctxt, SafeXMLParser.htmlOptions)
                ctxt.pointee.linenumbers = 1  // on for a whole-file read, off for a push parser: spans need them
                var reader = Reader(ctxt: ctxt, file: file, part: part)
                var offset = Int(first)
                while offset < buffer.count {
                    let n = min(max(chunkSize, 1), buffer.count - offset)
                    htmlParseChunk(ctxt, base + offset, Int32(n), 0)
                    offset += n
                    try reader.drain(final: false, start: start, child: child)
                }
                htmlParseChunk(ctxt, nil, 0, 1)
                try reader.drain(final: true, start: start, child: child)
                try reader.finishWithoutBody(start: start, child: child)
            }
        }
    }

    /// The document being read and how far its body has been handed over.
    private struct Reader {
        let ctxt: htmlParserCtxtPtr
        let file: String, part: String
        var tree: XMLTree?
        var started = false

        init(ctxt: htmlParserCtxtPtr, file: String, part: String) {
            self.ctxt = ctxt
            self.file = file
            self.part = part
        }

        /// Hands over the body's finished children (all of them when `final`).
        mutating func drain(final: Bool, start: (XMLNode) throws -> Void, child: (XMLNode) throws -> Void) throws {
            if let message = ctxt.pointee.lastError.message.map({ String(cString: $0) }), message.contains("depth") {
                throw IngestError.nestingTooDeep(file: file, part: part, limit: 256)
            }
            if tree == nil, let doc = ctxt.pointee.myDoc { tree = XMLTree(doc) }
            guard let tree, let root = tree.root, let body = root.child("body") else { return }
            if !started {
                started = true
                try start(root)
            }
            var next = body.ptr.pointee.children
            while let node = next, final || node.pointee.next != nil {
                next = node.pointee.next
                try child(XMLNode(ptr: node, owner: tree))
                xmlUnlinkNode(node)
                xmlFreeNode(node)
            }
        }

        /// For a document that never opened a body: the root and its children.
        func finishWithoutBody(start: (XMLNode) throws -> Void, child: (XMLNode) throws -> Void) throws {
            guard !started else { return }
            guard let root = tree?.root else { throw IngestError.noContent(file: file) }
            try start(root)
            for c in root.children { try child(c) }
        }
    }
}
