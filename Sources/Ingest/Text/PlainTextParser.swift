/// Parses plain text and Markdown into headings and blocks.
///
/// Markdown: ATX and setext headings, lists with nesting, pipe tables,
/// footnote definitions, block quotes, fenced code, YAML front matter.
/// Plain text: blank-line paragraphs and headings found by
/// `HeadingRecognizer`. Heading ranks are compacted into outline levels so a
/// book without "Part" lines gets its chapters at level 1.
struct PlainTextParser {
    var markdown: Bool
    /// Added to every offset so spans point into the original file (the BOM).
    var spanOffset: Int

    private enum Event {
        case heading(String, level: Int?, rank: Int, span: SourceSpan)
        case block(BlockKind, String, SourceSpan)
    }

    func parse(_ text: String, into builder: inout DocumentBuilder) {
        let lines = LineSplitter.lines(text)
        var events: [Event] = []
        var i = 0
        var title: String?
        if markdown { title = skipFrontMatter(lines, &i) }
        while i < lines.count {
            if lines[i].isBlank { i += 1; continue }
            if markdown { markdownBlock(lines, &i, &events) } else { plainParagraph(lines, &i, &events) }
        }
        emit(events, into: &builder)
        if let title = title ?? (markdown ? nil : plainTitle(lines)) { builder.setTitle(title) }
    }

    private func span(_ lines: ArraySlice<TextLine>) -> SourceSpan {
        .bytes(part: nil, start: (lines.first?.start ?? 0) + spanOffset, end: (lines.last?.end ?? 0) + spanOffset)
    }

    // MARK: plain text

    private func plainParagraph(_ lines: [TextLine], _ i: inout Int, _ events: inout [Event]) {
        let start = i
        while i < lines.count, !lines[i].isBlank { i += 1 }
        let para = Array(lines[start..<i])
        let s = span(lines[start..<i])
        if let m = HeadingRecognizer.match(para) {
            events.append(.heading(m.title, level: nil, rank: m.rank, span: s))
            let rest = ([m.remainder].compactMap { $0 } + para.dropFirst().map { String($0.trimmed) })
            if !rest.isEmpty { events.append(.block(.paragraph, rest.joined(separator: " "), s)) }
            return
        }
        events.append(.block(.paragraph, para.map { String($0.trimmed) }.joined(separator: " "), s))
    }

    /// A plain-text title: the first line of the file when it is short,
    /// unpunctuated and either stands alone, is centred or is in capitals.
    private func plainTitle(_ lines: [TextLine]) -> String? {
        guard let first = lines.firstIndex(where: { !$0.isBlank }) else { return nil }
        let line = lines[first]
        let t = TextCleaner.collapse(String(line.trimmed))
        guard (2...60).contains(t.count), let last = t.last, !".,;:".contains(last),
              HeadingRecognizer.keywordHeading(t) == nil else { return nil }
        let alone = first + 1 >= lines.count || lines[first + 1].isBlank
        let capitals = t.filter(\.isLetter).allSatisfy(\.isUppercase)
        return alone || line.indent >= 10 || capitals ? t : nil
    }

    // MARK: Markdown

    private func skipFrontMatter(_ lines: [TextLine], _ i: inout Int) -> String? {
        guard lines.first?.trimmed == "---" else { return nil }
        var title: String?
        var j = 1
        while j < lines.count {
            let t = lines[j].trimmed
            if t == "---" || t == "..." { i = j + 1; return title }
            if t.hasPrefix("title:") {
                title = t.dropFirst(6).trimming(" \"'")
            }
            j += 1
        }
        return nil
    }

    private func markdownBlock(_ lines: [TextLine], _ i: inout Int, _ events: inout [Event]) {
        let line = lines[i]
        let t = line.trimmed
        if let fence = ["```", "~~~"].first(where: { t.hasPrefix($0) }) {
            let start = i
            i += 1
            while i < lines.count, !lines[i].trimmed.hasPrefix(fence) { i += 1 }
            let body = lines[(start + 1)..<min(i, lines.count)].map { String($0.text) }.joined(separator: "\n")
            events.append(.block(.paragraph, body, span(lines[start..<min(i + 1, lines.count)])))
            i += 1
            return
        }
        if let (level, text) = atxHeading(t) {
            events.append(.heading(MarkdownInline.strip(text), level: level, rank: 0, span: span(lines[i...i])))
            i += 1
            return
        }
        if isThematicBreak(t) || t.hasPrefix("<!--") { skipComment(lines, &i); return }
        if t.hasPrefix("|") { tableRow(t, span(lines[i...i]), &events); i += 1; return }
        if let note = footnoteDefinition(t) {
            let start = i
            var text = note.text
            i += 1
            while i < lines.count, !lines[i].isBlank, lines[i].indent >= 2 { text += " " + lines[i].trimmed; i += 1 }
            events.append(.block(.note(label: note.label), MarkdownInline.strip(Substring(text)), span(lines[start..<i])))
            return
        }
        if let item = listItem(line) {
            let start = i
            var text = String(item.text)
            i += 1
            while i < lines.count, !lines[i].isBlank, listItem(lines[i]) == nil, atxHeading(lines[i].trimmed) == nil {
                text += " " + lines[i].trimmed; i += 1
            }
            events.append(.block(.listItem(label: item.label, depth: item.depth), MarkdownInline.strip(Substring(text)),
                                 span(lines[start..<i])))
            return
        }
        paragraph(lines, &i, &events)
    }

    private func paragraph(_ lines: [TextLine], _ i: inout Int, _ events: inout [Event]) {
        let start = i
        var parts: [String] = []
        while i < lines.count, !lines[i].isBlank {
            let t = lines[i].trimmed
            if i > start, let underline = setextLevel(t), i == start + 1 {
                events.append(.heading(MarkdownInline.strip(Substring(parts[0])), level: underline, rank: 0,
                                       span: span(lines[start...i])))
                i += 1
                return
            }
            if i > start, atxHeading(t) != nil || listItem(lines[i]) != nil || t.hasPrefix("|") || t.hasPrefix("```") { break }
            parts.append(String(t.hasPrefix(">") ? t.dropFirst().drop { $0 == " " || $0 == ">" } : t))
            i += 1
        }
        let text = MarkdownInline.strip(Substring(parts.joined(separator: " ")))
        events.append(.block(.paragraph, text, span(lines[start..<i])))
    }

    private func atxHeading(_ t: Substring) -> (Int, Substring)? {
        let hashes = t.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = t.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        let text = rest.trimmingTrailing { $0 == "#" || $0 == " " }.drop { $0 == " " || $0 == "\t" }
        return (hashes, text)
    }

    private func setextLevel(_ t: Substring) -> Int? {
        guard t.count >= 2 else { return nil }
        if t.allSatisfy({ $0 == "=" }) { return 1 }
        if t.allSatisfy({ $0 == "-" }) { return 2 }
        return nil
    }

    private func isThematicBreak(_ t: Substring) -> Bool {
        let s = t.filter { $0 != " " }
        guard s.count >= 3, let c = s.first, "-*_".contains(c) else { return false }
        return s.allSatisfy { $0 == c }
    }

    private func skipComment(_ lines: [TextLine], _ i: inout Int) {
        if lines[i].trimmed.hasPrefix("<!--") {
            while i < lines.count, !lines[i].text.contains("-->") { i += 1 }
        }
        i += 1
    }

    private func tableRow(_ t: Substring, _ s: SourceSpan, _ events: inout [Event]) {
        var cells = t.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimming(" ") }
        if cells.first == "" { cells.removeFirst() }
        if cells.last == "" { cells.removeLast() }
        if cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-: ".contains($0) } }) { return }
        let clean = cells.map { MarkdownInline.strip(Substring($0)) }
        events.append(.block(.tableRow(cells: clean), clean.joined(separator: " | "), s))
    }

    private func footnoteDefinition(_ t: Substring) -> (label: String, text: String)? {
        guard t.hasPrefix("[^"), let close = t.firstIndex(of: "]") else { return nil }
        let after = t[t.index(after: close)...]
        guard after.hasPrefix(":") else { return nil }
        return (String(t[t.index(t.startIndex, offsetBy: 2)..<close]), String(after.dropFirst().drop { $0 == " " }))
    }

    private func listItem(_ line: TextLine) -> (label: String?, depth: Int, text: Substring)? {
        let t = line.trimmed
        if let c = t.first, "-*+".contains(c), t.dropFirst().first == " " {
            return (nil, line.indent / 2, t.dropFirst(2))
        }
        let digits = t.prefix { $0.isASCIIDigit }
        guard (1...3).contains(digits.count) else { return nil }
        let rest = t.dropFirst(digits.count)
        guard let d = rest.first, d == "." || d == ")", rest.dropFirst().first == " " else { return nil }
        return ("\(digits)\(d)", line.indent / 3, rest.dropFirst(2))
    }

    // MARK: output

    private func emit(_ events: [Event], into builder: inout DocumentBuilder) {
        let ranks = Set(events.compactMap { e -> Int? in
            if case .heading(_, nil, let r, _) = e { return r } else { return nil }
        }).sorted()
        for e in events {
            switch e {
            case .heading(let text, let level, let rank, let s):
                let lvl = level ?? (ranks.firstIndex(of: rank).map { $0 + 1 } ?? 1)
                builder.heading(text, level: lvl, span: s)
            case .block(let kind, let text, let s):
                builder.add(kind, text: text, span: s)
            }
        }
    }
}
