/// Removes inline Markdown markup, keeping the words a reader sees:
/// `[text](url)` → text, `![alt](src)` → alt, emphasis and code markers
/// dropped, footnote references `[^1]` kept as they are.
enum MarkdownInline {
    static func strip(_ s: Substring) -> String {
        let chars = Array(s)
        var out = ""
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                out.append(chars[i + 1]); i += 2; continue
            }
            if c == "!" || c == "[", let (text, next) = link(chars, at: c == "!" ? i + 1 : i) {
                out += text; i = next; continue
            }
            if c == "`" { i += 1; continue }
            if (c == "*" || c == "_"), isEmphasisMarker(chars, i) { i += 1; continue }
            if c == "<", let close = chars[i...].firstIndex(of: ">"), close - i < 200,
               let inner = Optional(String(chars[(i + 1)..<close])), inner.contains("://") || inner.contains("@") {
                out += inner; i = close + 1; continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// `[text](target)` or `[text][ref]` starting at `i` (which holds "[").
    private static func link(_ c: [Character], at i: Int) -> (String, Int)? {
        guard i < c.count, c[i] == "[", i + 1 < c.count, c[i + 1] != "^" else { return nil }
        var depth = 0, j = i
        while j < c.count {
            if c[j] == "[" { depth += 1 } else if c[j] == "]" { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        guard j + 1 < c.count, c[j + 1] == "(" || c[j + 1] == "[" else { return nil }
        let closer: Character = c[j + 1] == "(" ? ")" : "]"
        guard let end = c[(j + 1)...].firstIndex(of: closer) else { return nil }
        return (strip(Substring(String(c[(i + 1)..<j]))), end + 1)
    }

    /// True when `*`/`_` at `i` touches a word on one side (so `2 * 3` and
    /// `snake_case` survive).
    private static func isEmphasisMarker(_ c: [Character], _ i: Int) -> Bool {
        let before = i > 0 ? c[i - 1] : " "
        let after = i + 1 < c.count ? c[i + 1] : " "
        if c[i] == "_", before.isLetter || before.isNumber, after.isLetter || after.isNumber { return false }
        return !(before.isWhitespace && after.isWhitespace)
    }
}
