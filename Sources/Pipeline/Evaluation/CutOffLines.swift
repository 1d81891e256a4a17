import Foundation

/// Finds summary text that stops mid-sentence: generation cut at its token
/// budget, or a point the parser split in the wrong place.
public enum CutOffLines {
    /// Prose lines of a Markdown summary and how many of them are cut off.
    public struct Result: Sendable, Hashable {
        public var lines = 0
        public var cutOff = 0
        /// The cut-off lines (first 50), citation markup removed.
        public var examples: [String] = []
    }

    /// Headings of the genre tables, whose lines are data rather than prose.
    static let tableHeadings: Set<String> = ["Key terms", "Decisions", "Open questions", "Action items", "Characters", "Speakers"]

    /// Checks the prose lines of a `.summary.md`: list items and paragraph
    /// lines under the summary, chapters and sections — not headings, table
    /// rows, whole-italic or whole-bold lines (the source line, placeholders,
    /// the model's own headings), the genre tables, or the footer after `---`.
    /// A line is cut off when, without its trailing citation ` *(…)*` and
    /// ` **[unsupported: …]**`, it does not end with `.`, `!`, `?`, `…` or `:`
    /// (closing quotes and brackets after them allowed).
    public static func markdown(_ text: String) -> Result {
        var result = Result(), h2: String?, skipping = false
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(raw).trimmingCharacters(in: .whitespaces)
            if line == "---" { break }
            if line.hasPrefix("#") {
                let level = line.prefix { $0 == "#" }.count
                let title = line.dropFirst(level).trimmingCharacters(in: .whitespaces)
                if level <= 2 {
                    h2 = level == 2 ? title : nil
                    skipping = level == 2 && tableHeadings.contains(title)
                } else if title == "Defined terms", h2 == nil || h2 == "Key terms" {
                    skipping = true
                }
                continue
            }
            guard !skipping, !line.isEmpty, !line.hasPrefix("|"), !isWholeEmphasis(line) else { continue }
            let marked = withoutMarks(line)
            guard !marked.isEmpty, !isWholeEmphasis(marked) else { continue }
            let body = String(unescaped(marked).reversed().drop { $0 == "*" || $0 == "_" || $0.isWhitespace }.reversed())
            guard !body.isEmpty else { continue }
            result.lines += 1
            if !endsSentence(body) {
                result.cutOff += 1
                if result.examples.count < 50 { result.examples.append(body) }
            }
        }
        return result
    }

    /// A line without its list marker and its trailing citation and unsupported marks.
    static func withoutMarks(_ line: String) -> String {
        var s = replace(listMarker, in: line), previous = ""
        while previous != s {
            previous = s
            s = replace(trailingMarks, in: s)
        }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// Markdown text with its backslash escapes resolved (`\[` reads `[`).
    static func unescaped(_ text: String) -> String {
        var out = "", escaped = false
        for ch in text {
            if !escaped && ch == "\\" { escaped = true; continue }
            out.append(ch)
            escaped = false
        }
        return out
    }

    /// Whether `text` ends a sentence: `.`, `!`, `?`, `…` or `:`, then any closing quotes or brackets.
    public static func endsSentence(_ text: String) -> Bool {
        guard let ending else { return true }
        return ending.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Words a sentence does not end on.
    static let danglingWords: Set<String> = [
        "and", "or", "but", "nor", "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
        "that", "which", "who", "whose", "is", "are", "was", "were", "be", "its", "their", "his", "her", "our",
        "your", "my", "into", "than", "if", "because", "while", "such", "this", "these", "those", "including",
    ]

    /// Whether a point's text stops on a word or mark no sentence ends with
    /// ("… pay the", "… and", "…,", "… —").
    public static func endsDangling(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = t.last else { return false }
        if ",;-–—(/&+".contains(last) { return true }
        guard last.isLetter else { return false }
        let word = t.reversed().prefix { $0.isLetter }.reversed()
        return danglingWords.contains(String(word).lowercased())
    }

    static func isWholeEmphasis(_ line: String) -> Bool {
        guard line.count >= 2 else { return false }
        for mark in ["**", "*", "__", "_"] where line.hasPrefix(mark) && line.hasSuffix(mark) && line.count > 2 * mark.count {
            return !line.dropFirst(mark.count).dropLast(mark.count).contains(mark)
        }
        return false
    }

    private static func replace(_ regex: NSRegularExpression?, in text: String) -> String {
        guard let regex else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
    }

    static let listMarker = try? NSRegularExpression(pattern: #"^\s*(?:[-*+]|[0-9]{1,3}[.)]|[A-Za-z][.)])\s+"#)
    /// The last citation ` *(…)*` or unsupported mark ` **[unsupported: …]**` of a line (a paragraph line
    /// carries one after each sentence; model text cannot hold ` *(` or ` **[`, the renderer escapes `*`).
    static let trailingMarks = try? NSRegularExpression(
        pattern: #"(?:\s\*\*\[unsupported:(?:(?!\s\*\*\[).)*\]\*\*|\s\*\((?:(?!\s\*\().)*\)\*)\s*$"#)
    static let ending = try? NSRegularExpression(pattern: #"[.!?…:][\"'”’»)\]]*$"#)
}
