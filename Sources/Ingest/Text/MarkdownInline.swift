/// Removes inline Markdown markup, keeping the words a reader sees:
/// `[text](url)` → text, `![alt](src)` → alt, emphasis and code markers
/// dropped, footnote references `[^1]` kept as they are.
///
/// Linear in the text: brackets are matched once with a stack, a search for
/// a link's closing `)` or `]` that fails is not repeated by later links, and
/// autolinks are looked for within their 200-character bound. (Each unclosed
/// `[a](b` used to rescan the rest of the paragraph.) Link text nested more
/// than `maxNesting` deep is kept as written.
enum MarkdownInline {
    static let maxNesting = 8

    static func strip(_ s: Substring) -> String {
        strip(Array(s), depth: 0)
    }

    private static func strip(_ chars: [Character], depth: Int) -> String {
        var scan = Scan(chars)
        var out = ""
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                out.append(chars[i + 1]); i += 2; continue
            }
            if c == "!" || c == "[", depth < maxNesting, let (text, next) = link(&scan, at: c == "!" ? i + 1 : i, depth: depth) {
                out += text; i = next; continue
            }
            if c == "`" { i += 1; continue }
            if (c == "*" || c == "_"), isEmphasisMarker(chars, i) { i += 1; continue }
            if c == "<", let close = chars[i..<min(i + 200, chars.count)].firstIndex(of: ">"),
               let inner = Optional(String(chars[(i + 1)..<close])), inner.contains("://") || inner.contains("@") {
                out += inner; i = close + 1; continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// `[text](target)` or `[text][ref]` starting at `i` (which holds "[").
    private static func link(_ scan: inout Scan, at i: Int, depth: Int) -> (String, Int)? {
        let c = scan.chars
        guard i < c.count, c[i] == "[", i + 1 < c.count, c[i + 1] != "^", let j = scan.partner[i] else { return nil }
        guard j + 1 < c.count, c[j + 1] == "(" || c[j + 1] == "[" else { return nil }
        guard let end = scan.next(c[j + 1] == "(" ? ")" : "]", after: j + 1) else { return nil }
        return (strip(Array(c[(i + 1)..<j]), depth: depth + 1), end + 1)
    }

    /// Bracket partners and memoized closer searches over one text.
    private struct Scan {
        let chars: [Character]
        /// For each `[`, the `]` that closes it (counting nested brackets).
        let partner: [Int: Int]
        /// Closers known to be absent from this position on.
        private var absentFrom: [Character: Int] = [:]

        init(_ chars: [Character]) {
            self.chars = chars
            var partner: [Int: Int] = [:], open: [Int] = []
            for (k, ch) in chars.enumerated() {
                if ch == "[" { open.append(k) } else if ch == "]", let o = open.popLast() { partner[o] = k }
            }
            self.partner = partner
        }

        /// The first `closer` after `start`. A found closer ends the link, so
        /// the text up to it is not searched again; a failed search is remembered.
        mutating func next(_ closer: Character, after start: Int) -> Int? {
            if let absent = absentFrom[closer], start >= absent { return nil }
            guard let found = chars[(start + 1)...].firstIndex(of: closer) else {
                absentFrom[closer] = start
                return nil
            }
            return found
        }
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
