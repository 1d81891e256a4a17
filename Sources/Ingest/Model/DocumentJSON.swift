import GGUF

extension Document {
    /// Writes the document as `JSONFormat` encodes it (the same text), one
    /// block at a time: `write` receives consecutive pieces.
    ///
    /// Encoding a whole `Document` builds the entire JSON tree in memory
    /// first, many times the size of the text (2.2 MB of HTML in 160,000
    /// short paragraphs took over 400 MB); this keeps one block's JSON at a
    /// time. `indent` spaces start every line but the first, to nest the
    /// document in an array; no newline follows the closing brace.
    public func writeJSON(indent: Int = 0, to write: (String) throws -> Void) throws {
        let pad = String(repeating: " ", count: indent)
        try write("{\n\(pad)  \"content_hash\" : \(try JSONFragment.text(contentHash, indent: indent + 2)),\n")
        try write("\(pad)  \"metadata\" : \(try JSONFragment.text(metadata, indent: indent + 2)),\n")
        try write("\(pad)  \"root\" : ")
        try root.writeJSON(indent: indent + 2, to: write)
        try write("\n\(pad)}")
    }
}

extension Section {
    /// This section as `JSONFormat` encodes it, its blocks and subsections
    /// written one at a time (see `Document.writeJSON`).
    func writeJSON(indent: Int, to write: (String) throws -> Void) throws {
        let pad = String(repeating: " ", count: indent)
        try write("{\n\(pad)  \"blocks\" : ")
        try JSONFragment.writeArray(blocks, indent: indent + 2, to: write)
        try write(",\n\(pad)  \"children\" : ")
        try JSONFragment.writeArray(children, indent: indent + 2, to: write) { child, inner in
            try child.writeJSON(indent: inner, to: write)
        }
        // The other fields (heading, level, path, span) sort after `children`.
        let rest = try JSONFragment.text(Fields(heading: heading, level: level, path: path, span: span), indent: indent)
        try write(",\n" + rest.dropFirst(2))
    }

    /// The fields of a section besides its blocks and children.
    private struct Fields: Encodable {
        var heading: String?
        var level: Int
        var path: [String]
        var span: SourceSpan?
    }
}

/// Pieces of `JSONFormat` text, indented to sit inside a larger value.
enum JSONFragment {
    /// `value` as `JSONFormat` encodes it, every line after the first
    /// indented by `indent` more spaces (blank lines stay blank, as the
    /// encoder writes them).
    static func text<T: Encodable>(_ value: T, indent: Int) throws -> String {
        let encoded = try JSONFormat.encoder.encode(value)
        guard indent > 0 else { return String(decoding: encoded, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + encoded.count / 4)
        let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
        var atLineStart = false
        for byte in encoded {
            if atLineStart && byte != newline { out.append(contentsOf: repeatElement(space, count: indent)) }
            out.append(byte)
            atLineStart = byte == newline
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `items` as the encoder writes an array, encoded `chunk` elements at
    /// a time (one encoder call per element would be slow for many blocks).
    static func writeArray<T: Encodable>(_ items: [T], indent: Int, chunk: Int = 256,
                                         to write: (String) throws -> Void) throws {
        let pad = String(repeating: " ", count: indent)
        guard !items.isEmpty else { return try write("[\n\n\(pad)]") }
        try write("[\n")
        var start = 0
        while start < items.count {
            let end = min(start + chunk, items.count)
            // "[\n" + elements + "\n" + pad + "]": keep the elements.
            let text = try self.text(Array(items[start..<end]), indent: indent)
            try write(String(text.dropFirst(2).dropLast(pad.count + 2)))
            try write(end < items.count ? ",\n" : "\n")
            start = end
        }
        try write("\(pad)]")
    }

    /// `[`, each element on its own lines (written by `element`, given the
    /// indent to use), `]`; an empty array as the encoder writes one.
    static func writeArray<T>(_ items: [T], indent: Int, to write: (String) throws -> Void,
                              element: (T, Int) throws -> Void) throws {
        let pad = String(repeating: " ", count: indent)
        guard !items.isEmpty else { return try write("[\n\n\(pad)]") }
        try write("[\n")
        for (i, item) in items.enumerated() {
            try write(pad + "  ")
            try element(item, indent + 2)
            try write(i + 1 < items.count ? ",\n" : "\n")
        }
        try write("\(pad)]")
    }
}
