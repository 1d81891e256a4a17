/// Llama-3's pre-tokenizer regex, hand-written as a scanner:
/// `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
///  ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`.
///
/// Mirrors llama.cpp's `unicode_regex_split_custom_llama3`. Qwen-2 uses the
/// same expression with single digits (`\p{N}`), hence `maxDigits`.
enum Llama3Scanner {
    static func split(_ t: ScalarText, from start: Int, to end: Int, maxDigits: Int, into ends: inout [Int]) {
        let s = t.scalars, c = t.classes
        var pos = start
        while pos < end {
            if let length = GPT2Scanner.contractionLength(s, pos, end, caseInsensitive: true) {
                pos += length
            } else if let next = letters(s, c, pos, end) {
                pos = next
            } else if c[pos].contains(.number) {
                pos = digits(c, pos, end, maxDigits, &ends)
            } else if let next = symbols(s, c, pos, end) {
                pos = next
            } else {
                pos = whitespace(s, c, pos, end)
            }
            SplitRule.add(&ends, pos)
        }
    }

    private static func isNewline(_ v: UInt32) -> Bool { v == 0x0D || v == 0x0A }

    /// `[^\r\n\p{L}\p{N}]?\p{L}+`
    private static func letters(_ s: [UInt32], _ c: [ScalarClass], _ pos: Int, _ end: Int) -> Int? {
        guard !isNewline(s[pos]), !c[pos].contains(.number) else { return nil }
        guard c[pos].contains(.letter) || (pos + 1 < end && c[pos + 1].contains(.letter)) else { return nil }
        var p = pos + 1
        while p < end, c[p].contains(.letter) { p += 1 }
        return p
    }

    /// `\p{N}{1,maxDigits}`, repeated: emits every full group, returns the end of the run.
    private static func digits(_ c: [ScalarClass], _ pos: Int, _ end: Int, _ maxDigits: Int,
                               _ ends: inout [Int]) -> Int {
        var p = pos, groupStart = pos
        while p < end, c[p].contains(.number) {
            p += 1
            if p - groupStart >= maxDigits {
                SplitRule.add(&ends, p)
                groupStart = p
            }
        }
        return p
    }

    /// ` ?[^\s\p{L}\p{N}]+[\r\n]*`
    private static func symbols(_ s: [UInt32], _ c: [ScalarClass], _ pos: Int, _ end: Int) -> Int? {
        let wordish: ScalarClass = [.whitespace, .letter, .number]
        let p0 = s[pos] == 0x20 ? pos + 1 : pos
        let f: ScalarClass = p0 < end ? c[p0] : []
        guard f.isDisjoint(with: wordish) else { return nil }
        var p = p0
        while p < end, c[p].isDisjoint(with: wordish) { p += 1 }
        while p < end, isNewline(s[p]) { p += 1 }
        return p
    }

    /// `\s*[\r\n]+|\s+(?!\S)|\s+`, or one unmatched character.
    private static func whitespace(_ s: [UInt32], _ c: [ScalarClass], _ pos: Int, _ end: Int) -> Int {
        var n = 0, lastNewlineEnd = 0
        while pos + n < end, c[pos + n].contains(.whitespace) {
            if isNewline(s[pos + n]) { lastNewlineEnd = pos + n + 1 }
            n += 1
        }
        if lastNewlineEnd > 0 { return lastNewlineEnd }
        if n > 1 && pos + n < end { return pos + n - 1 }
        return pos + max(n, 1)
    }
}
