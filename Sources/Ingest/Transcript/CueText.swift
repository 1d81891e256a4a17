/// Removes subtitle formatting from cue text: the tags of SRT and WebVTT
/// (`<i>`, `<b>`, `<u>`, `<s>`, `<font …>`, `<v Name>`, `<c.class>`,
/// `<lang en>`, `<ruby>`, `<rt>`, their closers, inline timestamps such as
/// `<00:01.000>`), `{\an8}` positioning codes, and the common entities.
///
/// Any other `<` is text (`2 < 3 and 5 > 4` stays as it is). One pass: from
/// a `<` the scan stops at the first `>` or `<`, and text it passed over is
/// never scanned again, so unclosed `<` or `{\` cost nothing extra.
enum CueText {
    private static let tagNames: Set<Substring> = ["i", "b", "u", "s", "font", "v", "c", "lang", "ruby", "rt"]
    /// Tags that take an annotation after a space (`<v Name>`, `<lang en>`, `<font color=…>`).
    private static let annotated: Set<Substring> = ["v", "lang", "font", "c"]

    static func strip<S: StringProtocol>(_ s: S) -> String {
        var out = ""
        var noBraceClose = false
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "<" {
                let after = s.index(after: i)
                let stop = s[after...].firstIndex { $0 == ">" || $0 == "<" } ?? s.endIndex
                if stop < s.endIndex, s[stop] == ">", isTag(s[after..<stop]) {
                    i = s.index(after: stop)
                } else {
                    out.append(contentsOf: s[i..<stop])
                    i = stop
                }
                continue
            }
            if c == "{", !noBraceClose, s[s.index(after: i)...].first == "\\" {
                if let close = s[i...].firstIndex(of: "}") { i = s.index(after: close); continue }
                noBraceClose = true
            }
            out.append(c)
            i = s.index(after: i)
        }
        return out.replacingEntities()
    }

    /// Whether the text between `<` and `>` is a subtitle tag: a known name
    /// (after an optional `/`), then nothing, a `.class` or an annotation;
    /// or a timestamp.
    static func isTag<S: StringProtocol>(_ inside: S) -> Bool {
        let text = Substring(inside)
        if let first = text.first, first.isASCIIDigit { return Timecode.parse(text) != nil }
        let closer = text.hasPrefix("/")
        let body = closer ? text.dropFirst() : text
        let nameEnd = body.firstIndex { $0 == "." || $0 == " " || $0 == "\t" } ?? body.endIndex
        let name = Substring(body[..<nameEnd].lowercased())
        guard tagNames.contains(name) else { return false }
        guard nameEnd < body.endIndex else { return true }
        // Closers take no annotation; `i`, `b`, `u`, `s`, `ruby`, `rt` take classes only.
        if closer { return false }
        return body[nameEnd] == "." || annotated.contains(name)
    }
}

private extension String {
    func replacingEntities() -> String {
        guard contains("&") else { return self }
        var s = self
        for (k, v) in [("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&lrm;", ""), ("&rlm;", ""), ("&quot;", "\""), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: k, with: v)
        }
        return s
    }
}
