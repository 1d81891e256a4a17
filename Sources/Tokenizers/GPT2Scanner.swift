/// GPT-2's pre-tokenizer regex, hand-written as a scanner:
/// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
///
/// Mirrors llama.cpp's `unicode_regex_split_custom_gpt2`: the alternatives are
/// tried in order at each position and the first that matches wins.
enum GPT2Scanner {
    static func split(_ t: ScalarText, from start: Int, to end: Int, into ends: inout [Int]) {
        let s = t.scalars, c = t.classes
        let wordish: ScalarClass = [.whitespace, .letter, .number]
        var pos = start
        while pos < end {
            if let length = contractionLength(s, pos, end, caseInsensitive: false) {
                pos += length
                SplitRule.add(&ends, pos)
                continue
            }
            let p0 = s[pos] == 0x20 ? pos + 1 : pos
            if p0 < end {
                let f = c[p0]
                if f.contains(.letter) || f.contains(.number) {
                    let cls: ScalarClass = f.contains(.letter) ? .letter : .number
                    pos = p0
                    while pos < end, c[pos].contains(cls) { pos += 1 }
                    SplitRule.add(&ends, pos)
                    continue
                }
                if f.isDisjoint(with: wordish) {
                    pos = p0
                    while pos < end, c[pos].isDisjoint(with: wordish) { pos += 1 }
                    SplitRule.add(&ends, pos)
                    continue
                }
            }
            pos = whitespaceEnd(c, pos, end)
            SplitRule.add(&ends, pos)
        }
    }

    /// `\s+(?!\S)|\s+`, or one unmatched character when `pos` is not whitespace.
    static func whitespaceEnd(_ c: [ScalarClass], _ pos: Int, _ end: Int) -> Int {
        var n = 0
        while pos + n < end, c[pos + n].contains(.whitespace) { n += 1 }
        if n > 1 && pos + n < end { return pos + n - 1 }
        return pos + max(n, 1)
    }

    /// Length of `'s|'t|'re|'ve|'m|'ll|'d` at `pos`, if one starts there.
    static func contractionLength(_ s: [UInt32], _ pos: Int, _ end: Int, caseInsensitive: Bool) -> Int? {
        guard s[pos] == 0x27, pos + 1 < end else { return nil }
        func fold(_ v: UInt32) -> UInt32 { caseInsensitive && (0x41...0x5A).contains(v) ? v + 32 : v }
        let a = fold(s[pos + 1])
        if a == 0x73 || a == 0x74 || a == 0x6D || a == 0x64 { return 2 }  // s t m d
        guard pos + 2 < end else { return nil }
        let b = fold(s[pos + 2])
        if (a == 0x72 && b == 0x65) || (a == 0x76 && b == 0x65) || (a == 0x6C && b == 0x6C) { return 3 }  // re ve ll
        return nil
    }
}
