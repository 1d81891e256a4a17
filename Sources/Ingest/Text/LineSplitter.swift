/// A line of decoded text with its UTF-8 offsets in the decoded string.
struct TextLine {
    var text: Substring
    var start: Int
    var end: Int

    var isBlank: Bool { text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\u{FEFF}" } }

    /// Number of leading spaces (a tab counts as four).
    var indent: Int {
        var n = 0
        for c in text {
            if c == " " { n += 1 } else if c == "\t" { n += 4 } else { break }
        }
        return n
    }

    var trimmed: Substring {
        let t = text.drop { $0 == " " || $0 == "\t" }
        var end = t.endIndex
        while end > t.startIndex, t[t.index(before: end)] == " " || t[t.index(before: end)] == "\t" {
            end = t.index(before: end)
        }
        return t[t.startIndex..<end]
    }
}

/// Splits text into lines on LF, CRLF or lone CR (line-ending
/// normalization), keeping each line's byte offsets for source spans.
enum LineSplitter {
    static func lines(_ text: String) -> [TextLine] {
        var result: [TextLine] = []
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var startOffset = 0
        var offset = 0
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A || b == 0x0D {
                let line = Substring(text[lineStart..<i])
                result.append(TextLine(text: line, start: startOffset, end: offset))
                var next = utf8.index(after: i)
                offset += 1
                if b == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A {
                    next = utf8.index(after: next)
                    offset += 1
                }
                i = next
                lineStart = i
                startOffset = offset
                continue
            }
            i = utf8.index(after: i)
            offset += 1
        }
        if lineStart != utf8.endIndex {
            result.append(TextLine(text: Substring(text[lineStart...]), start: startOffset, end: offset))
        }
        return result
    }
}
