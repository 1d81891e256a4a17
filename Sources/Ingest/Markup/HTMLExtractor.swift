/// Walks an HTML or XHTML tree and reports its headings, paragraphs, lists,
/// tables and notes to a `DocumentBuilder`.
///
/// Used for stand-alone HTML files and for EPUB chapters. Block spans are byte
/// ranges of the source lines the block's nodes came from.
final class HTMLExtractor {
    struct Settings {
        var file: String
        /// Container part name (EPUB chapter path); nil for a plain file.
        var part: String?
        var maxDepth: Int
        /// Added to `h1`–`h6` levels (EPUB chapters sit under their nav entry).
        var headingOffset = 0
        /// A heading with this text is skipped once (the chapter title that
        /// already opened the section).
        var skipHeading: String?
        /// Element ids that start a table-of-contents entry, with the heading
        /// to open there (EPUB chapters addressed by fragment).
        var anchors: [String: (title: String, level: Int)] = [:]
    }

    var builder: DocumentBuilder
    private var settings: Settings
    private let lines: LineIndex
    private var buffer = ""
    private var bufferLines = LineRange()
    private var noteCounter = 0

    init(builder: DocumentBuilder, settings: Settings, source: [UInt8]) {
        self.builder = builder
        self.settings = settings
        self.lines = LineIndex(source)
    }

    /// Extracts everything under `node` (normally `<body>`).
    func extract(_ node: XMLNode) throws {
        try walk(node, depth: 0)
        finish()
    }

    /// Extracts one child of the container being read (`<body>`), for a
    /// reader that hands them over one at a time; `finish` ends the last block.
    func take(_ child: XMLNode) throws {
        try visit(child, depth: 0)
    }

    /// Ends the block in progress.
    func finish() { flush() }

    // MARK: walking

    private func walk(_ node: XMLNode, depth: Int) throws {
        for child in node.children { try visit(child, depth: depth) }
    }

    private func visit(_ child: XMLNode, depth: Int) throws {
        if child.isText { return append(child.textValue, line: child.line) }
        if child.isEntityRef { return append(HTMLEntities.text(for: rawName(child)), line: 0) }
        guard child.isElement else { return }
        try element(child, depth: depth + 1)
    }

    private func element(_ e: XMLNode, depth: Int) throws {
        guard depth <= settings.maxDepth else {
            throw IngestError.nestingTooDeep(file: settings.file, part: settings.part ?? settings.file, limit: settings.maxDepth)
        }
        if !settings.anchors.isEmpty, let id = e.attr("id"), let anchor = settings.anchors.removeValue(forKey: id) {
            flush()
            builder.heading(anchor.title, level: anchor.level, span: span(LineRange(), fallback: e.line))
            settings.skipHeading = anchor.title
        }
        let name = e.name
        if HTMLClassifier.dropped.contains(name) || HTMLClassifier.isHidden(e) { return }
        if HTMLClassifier.isNoteRef(e) { append("[^\(noteRefLabel(e))]", line: e.line); return }
        if let level = HTMLClassifier.headingLevel(name) { try heading(e, level: level, depth: depth); return }
        switch name {
        case "ul", "ol": flush(); try list(e, depth: depth, listDepth: 0)
        case "table": flush(); try table(e, depth: depth)
        case "br": append(" ", line: e.line)
        default:
            if HTMLClassifier.isNote(e) { flush(); try note(e, depth: depth, fallback: nil); return }
            if HTMLClassifier.isNotesContainer(e) { flush(); try notes(e, depth: depth); return }
            if HTMLClassifier.blocks.contains(name) {
                flush(); try walk(e, depth: depth); flush()
            } else {
                try walk(e, depth: depth)
            }
        }
    }

    private func heading(_ e: XMLNode, level: Int, depth: Int) throws {
        flush()
        var range = LineRange()
        let text = TextCleaner.collapse(try collectText(e, depth: depth, lines: &range))
        if let skip = settings.skipHeading, EPUBParser.sameTitle(text, skip) {
            settings.skipHeading = nil
            return
        }
        builder.heading(text, level: level + settings.headingOffset, span: span(range, fallback: e.line))
    }

    private func list(_ e: XMLNode, depth: Int, listDepth: Int) throws {
        let ordered = e.name == "ol"
        let style = Self.listStyle(e.attr("type"))
        var counter = e.attr("start").flatMap { Int($0.trimmedSpace) }.map(ListNumbering.clamp) ?? 1
        for li in e.children where li.isElement {
            guard li.name == "li", !HTMLClassifier.isHidden(li) else {
                if li.name == "ul" || li.name == "ol" { try list(li, depth: depth + 1, listDepth: listDepth + 1) }
                continue
            }
            if let v = li.attr("value").flatMap({ Int($0.trimmedSpace) }) { counter = ListNumbering.clamp(v) }
            var range = LineRange()
            let text = try collectText(li, depth: depth + 1, lines: &range, skipLists: true)
            let label = ordered ? ListNumbering.format(counter, style) + "." : nil
            builder.add(.listItem(label: label, depth: listDepth), text: text, span: span(range, fallback: li.line))
            for nested in li.descendantsStoppingAtLists() {
                try list(nested, depth: depth + 2, listDepth: listDepth + 1)
            }
            counter += 1
        }
    }

    private func table(_ e: XMLNode, depth: Int) throws {
        if let caption = e.child("caption") {
            var range = LineRange()
            builder.add(.paragraph, text: try collectText(caption, depth: depth, lines: &range), span: span(range, fallback: caption.line))
        }
        for row in e.descendants("tr") {
            var range = LineRange()
            var cells: [String] = []
            for cell in row.children where cell.isElement && (cell.name == "td" || cell.name == "th") {
                cells.append(TextCleaner.collapse(try collectText(cell, depth: depth + 2, lines: &range)))
            }
            guard cells.contains(where: { !$0.isEmpty }) else { continue }
            builder.add(.tableRow(cells: cells), text: cells.joined(separator: " | "), span: span(range, fallback: row.line))
        }
    }

    private func notes(_ e: XMLNode, depth: Int) throws {
        var index = 0
        for child in e.children where child.isElement {
            if HTMLClassifier.headingLevel(child.name) != nil || HTMLClassifier.dropped.contains(child.name) { continue }
            if child.name == "ol" || child.name == "ul" {
                for li in child.childElements("li") { index += 1; try note(li, depth: depth + 2, fallback: String(index)) }
            } else if child.name == "hr" {
                continue
            } else {
                index += 1
                try note(child, depth: depth + 1, fallback: String(index))
            }
        }
    }

    private func note(_ e: XMLNode, depth: Int, fallback: String?) throws {
        var range = LineRange()
        let marker = Self.markerLink(e)
        var text = TextCleaner.collapse(try collectText(e, depth: depth, lines: &range, dropBacklinks: true))
        var label = marker.map { TextCleaner.collapse($0.textContent).trimming("[]().") } ?? fallback
        if marker == nil, let (lead, rest) = Self.leadingMarker(text) { label = lead; text = rest }
        if label == nil { noteCounter += 1; label = String(noteCounter) }
        builder.add(.note(label: label), text: text, span: span(range, fallback: e.line))
    }

    /// The first in-page link with a short text ("1", "[2]", "*") inside a
    /// note: the note's own marker, linking back to its reference.
    private static func markerLink(_ e: XMLNode) -> XMLNode? {
        guard let a = e.descendants("a", limit: 1).first, a.attr("href")?.hasPrefix("#") == true else { return nil }
        let t = TextCleaner.collapse(a.textContent).trimming("[]().")
        return t.count <= 4 && (t.contains(where: \.isNumber) || t == "*" || t == "†") ? a : nil
    }

    // MARK: text gathering

    /// All readable text under `e` as one string (block structure flattened).
    private func collectText(_ e: XMLNode, depth: Int, lines range: inout LineRange,
                             skipLists: Bool = false, dropBacklinks: Bool = false) throws -> String {
        guard depth <= settings.maxDepth else {
            throw IngestError.nestingTooDeep(file: settings.file, part: settings.part ?? settings.file, limit: settings.maxDepth)
        }
        range.add(e.line)
        var out = ""
        for c in e.children {
            if c.isText { out += c.textValue; range.add(c.line); continue }
            if c.isEntityRef { out += HTMLEntities.text(for: rawName(c)); continue }
            guard c.isElement else { continue }
            let name = c.name
            if HTMLClassifier.dropped.contains(name) || HTMLClassifier.isHidden(c) { continue }
            if skipLists && (name == "ul" || name == "ol") { continue }
            if dropBacklinks, name == "a", Self.isBacklink(c) { continue }
            if HTMLClassifier.isNoteRef(c) { out += "[^\(noteRefLabel(c))]"; continue }
            let sep = HTMLClassifier.blocks.contains(name) || name == "br" || name == "td" || name == "th" ? " " : ""
            out += sep + (try collectText(c, depth: depth + 1, lines: &range, skipLists: skipLists,
                                          dropBacklinks: dropBacklinks)) + sep
        }
        return out
    }

    private func append(_ text: String, line: Int) {
        buffer += text
        bufferLines.add(line)
    }

    private func flush() {
        defer { buffer = ""; bufferLines = LineRange() }
        let text = TextCleaner.collapse(buffer)
        // Bare numbers are paragraph or page numbering, not content.
        guard !text.isEmpty, !(text.count <= 6 && text.allSatisfy(\.isNumber)) else { return }
        // A paragraph repeating the heading just opened for a TOC anchor.
        if let skip = settings.skipHeading, Self.normalized(text) == Self.normalized(skip) {
            settings.skipHeading = nil
            return
        }
        builder.add(.paragraph, text: buffer, span: span(bufferLines, fallback: 0))
    }

    private func span(_ r: LineRange, fallback: Int) -> SourceSpan {
        let (a, b) = r.isEmpty ? (fallback, fallback) : (r.low, r.high)
        let (start, end) = lines.byteRange(firstLine: a, lastLine: b)
        return .bytes(part: settings.part, start: start, end: end)
    }

    private func rawName(_ n: XMLNode) -> String { n.ptr.pointee.name.map { String(cString: $0) } ?? "" }

    private func noteRefLabel(_ e: XMLNode) -> String {
        let t = TextCleaner.collapse(e.textContent).trimming("[]()*")
        if !t.isEmpty { return t }
        return (e.attr("href") ?? "note").trimming("#")
    }

    private static func isBacklink(_ a: XMLNode) -> Bool {
        let types = HTMLClassifier.epubTypes(a)
        if types.contains("backlink") || a.attr("role") == "doc-backlink" { return true }
        let text = TextCleaner.collapse(a.textContent)
        if a.attr("href")?.hasPrefix("#") == true,
           !text.isEmpty, text.count <= 4, !text.contains(where: \.isLetter) { return true }
        return text == "↩" || text == "↩︎" || text == "^" || text.lowercased() == "back"
    }

    /// "1. Text" / "[2] Text" / "(3) Text" → ("3", "Text").
    static func leadingMarker(_ text: String) -> (String, String)? {
        var body = Substring(text)
        let bracketed = body.first == "[" || body.first == "("
        if bracketed { body = body.dropFirst() }
        let digits = body.prefix { $0.isASCIIDigit }
        guard (1...4).contains(digits.count), let next = body.dropFirst(digits.count).first else { return nil }
        guard bracketed ? "])".contains(next) : ".)".contains(next) else { return nil }
        return (String(digits), String(body.dropFirst(digits.count + 1).drop { $0 == " " }))
    }

    static func normalized(_ s: String) -> String { s.lowercased().filter { $0.isLetter || $0.isNumber } }

    static func listStyle(_ type: String?) -> ListNumbering.Style {
        switch type {
        case "a": return .lowerLetter
        case "A": return .upperLetter
        case "i": return .lowerRoman
        case "I": return .upperRoman
        default: return .decimal
        }
    }
}

extension XMLNode {
    /// `ul`/`ol` elements under this node that are not inside another list
    /// under it (the direct sub-lists of a list item).
    func descendantsStoppingAtLists() -> [XMLNode] {
        var out: [XMLNode] = []
        func visit(_ n: XMLNode, _ depth: Int) {
            guard depth < 64 else { return }
            for c in n.children where c.isElement {
                if c.name == "ul" || c.name == "ol" { out.append(c) } else { visit(c, depth + 1) }
            }
        }
        visit(self, 0)
        return out
    }
}

/// Lowest and highest source line seen for one block.
struct LineRange {
    var low = Int.max, high = 0
    var isEmpty: Bool { high == 0 }
    mutating func add(_ line: Int) {
        guard line > 0 else { return }
        low = min(low, line); high = max(high, line)
    }
}

/// Byte offsets of line starts, to turn libxml2 line numbers into byte spans.
struct LineIndex {
    private var starts: [Int] = [0]
    private let total: Int

    init(_ bytes: [UInt8]) {
        total = bytes.count
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
    }

    /// Bytes from the start of `firstLine` to the end of `lastLine` (1-based).
    func byteRange(firstLine: Int, lastLine: Int) -> (Int, Int) {
        guard firstLine > 0 else { return (0, 0) }
        let a = starts[min(firstLine - 1, starts.count - 1)]
        let b = lastLine < starts.count ? starts[lastLine] : total
        return (a, max(a, b))
    }
}
