import Foundation

/// The structure of Markdown a model wrote: headings, (nested, numbered)
/// list items with their bold labels, table rows and paragraphs, each with
/// where it lies in the text so generated tokens can be matched to it.
///
/// Lines are read as a reader would see them rendered; nothing is split
/// into sentences here (paragraphs are, later, by `SummaryPoints`).
struct ModelMarkdown {
    enum Kind: Equatable {
        case heading(level: Int)
        /// A list item; `number` is the label of an ordered item ("1", "b").
        case item(depth: Int, number: String?)
        case tableRow(cells: [String])
        case paragraph
    }

    struct Line: Equatable {
        var kind: Kind
        /// The text without list markers or emphasis markup.
        var text: String
        /// A bold lead-in such as "**Parties:**", without the markup and colon.
        var label: String?
        /// Character offsets of the line in the parsed text.
        var range: Range<Int>
    }

    let lines: [Line]

    init(_ text: String) {
        var lines: [Line] = [], offset = 0, paragraph: Line?
        for raw in text.components(separatedBy: "\n") {
            let range = offset..<(offset + raw.count)
            offset += raw.count + 1
            let parsed = Self.parse(raw, range: range)
            if let p = parsed, p.kind == .paragraph, var open = paragraph {   // a paragraph continues
                open.text += " " + p.text
                open.range = open.range.lowerBound..<range.upperBound
                paragraph = open
                continue
            }
            if let open = paragraph { lines.append(open); paragraph = nil }
            guard let p = parsed else { continue }
            if p.kind == .paragraph { paragraph = p } else { lines.append(p) }
        }
        if let open = paragraph { lines.append(open) }
        self.lines = lines.filter { !$0.text.isEmpty || $0.label != nil }
    }

    /// One line of Markdown, or nil for a blank line or a table rule.
    static func parse(_ raw: String, range: Range<Int>) -> Line? {
        let indent = raw.prefix { $0 == " " }.count
        var body = raw.trimmingWhitespace()
        guard !body.isEmpty else { return nil }
        if let heading = headingLevel(body) {
            return Line(kind: .heading(level: heading.level), text: plain(heading.text), label: nil, range: range)
        }
        if body.hasPrefix("|") {
            let cells = body.split(separator: "|", omittingEmptySubsequences: false).dropFirst()
                .map { plain(String($0)) }
            let trimmed = cells.last == "" ? Array(cells.dropLast()) : Array(cells)
            if trimmed.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { return nil }   // |---|---|
            return Line(kind: .tableRow(cells: trimmed), text: trimmed.filter { !$0.isEmpty }.joined(separator: ": "),
                        label: nil, range: range)
        }
        var depth = indent / 2, number: String?, isItem = false
        while let marker = listMarker(body) {   // "- - text" nests one level per marker
            if isItem { depth += 1 }
            isItem = true
            number = marker.number ?? number
            body = marker.rest
        }
        let (label, text) = boldLabel(body)
        if !isItem, label != nil, text.isEmpty {   // a line that is only "**Label:**" heads what follows
            return Line(kind: .heading(level: 3), text: label ?? "", label: nil, range: range)
        }
        return Line(kind: isItem ? .item(depth: depth, number: number) : .paragraph, text: plain(text), label: label,
                    range: range)
    }

    static func headingLevel(_ body: String) -> (level: Int, text: String)? {
        let hashes = body.prefix { $0 == "#" }.count
        guard hashes > 0, hashes <= 6 else { return nil }
        let rest = body.dropFirst(hashes)
        guard rest.first == " " else { return nil }
        return (hashes, String(rest).trimmingWhitespace())
    }

    /// A bullet (`-`, `*`, `+`, `•`) or an ordered label (`1.`, `2)`, `a.`) and the text after it.
    static func listMarker(_ body: String) -> (number: String?, rest: String)? {
        let chars = Array(body)
        guard chars.count >= 2 else { return nil }
        if "-*+•".contains(chars[0]), chars[1] == " " {
            if chars[0] == "*", body.hasPrefix("**") { return nil }
            return (nil, String(chars.dropFirst(2)).trimmingWhitespace())
        }
        var i = 0
        while i < chars.count, i < 3, chars[i].isNumber { i += 1 }
        if i == 0, chars[0].isLetter, chars[0].isLowercase { i = 1 }   // "a. text"
        guard i > 0, i + 1 < chars.count, chars[i] == "." || chars[i] == ")", chars[i + 1] == " " else { return nil }
        return (String(chars[..<i]), String(chars[(i + 2)...]).trimmingWhitespace())
    }

    /// `**Label:** text`, `**Label**: text` or `Label: text` (a short label), split.
    static func boldLabel(_ body: String) -> (String?, String) {
        guard body.hasPrefix("**") || body.hasPrefix("__") else { return (nil, body) }
        let marker = String(body.prefix(2)), rest = body.dropFirst(2)
        guard let close = rest.range(of: marker) else { return (nil, body) }
        var label = String(rest[..<close.lowerBound]).trimmingWhitespace()
        var text = String(rest[close.upperBound...]).trimmingWhitespace()
        if text.hasPrefix(":") { text = String(text.dropFirst()).trimmingWhitespace() }
        if label.hasSuffix(":") { label = String(label.dropLast()).trimmingWhitespace() }
        guard !label.isEmpty, label.count <= 60 else { return (nil, plain(body)) }
        return (plain(label), text)
    }

    /// Text without emphasis markers, backticks or leftover heading hashes.
    static func plain(_ text: String) -> String {
        var s = text
        for marker in ["**", "__", "`"] { s = s.replacingOccurrences(of: marker, with: "") }
        if let emphasis = try? NSRegularExpression(pattern: #"(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s.,;:!?)]|$)"#) {
            s = emphasis.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "$1$2")
        }
        return s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
