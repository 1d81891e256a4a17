/// The splitting rules llama.cpp's BPE pre-tokenizers are built from.
///
/// Each rule refines a piece `[start, end)` of a `ScalarText` into smaller
/// pieces and appends their end positions (code-point indices) to `ends`.
/// Rules see only their piece: a lookahead never crosses a boundary made by
/// an earlier rule, exactly as llama.cpp's `unicode_regex_split` behaves.
enum SplitRule: Sendable, Equatable {
    /// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
    case gpt2
    /// `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,maxDigits}|
    ///  ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
    case llama3(maxDigits: Int)
    /// `\p{N}`: every number character becomes its own piece.
    case isolateNumbers
    /// `\p{N}+`
    case numberRuns
    /// `[\p{P}\$\+<=>\^~\|]+`
    case punctuationRuns
    /// `[0-9][0-9][0-9]`
    case asciiDigitTriples

    func split(_ t: ScalarText, from start: Int, to end: Int, into ends: inout [Int]) {
        switch self {
        case .gpt2: GPT2Scanner.split(t, from: start, to: end, into: &ends)
        case let .llama3(maxDigits): Llama3Scanner.split(t, from: start, to: end, maxDigits: maxDigits, into: &ends)
        case .isolateNumbers:
            Self.splitMatches(t, start, end, &ends) { t.classes[$0].contains(.number) ? $0 + 1 : nil }
        case .numberRuns:
            Self.splitMatches(t, start, end, &ends) { Self.numberRun(t, from: $0, to: end) }
        case .punctuationRuns:
            Self.splitMatches(t, start, end, &ends) { p in
                var q = p
                while q < end, Self.isDefaultPunctuation(t.scalars[q], t.classes[q]) { q += 1 }
                return q > p ? q : nil
            }
        case .asciiDigitTriples:
            Self.splitMatches(t, start, end, &ends) { p in
                guard p + 3 <= end else { return nil }
                for q in p..<(p + 3) where !(0x30...0x39).contains(t.scalars[q]) { return nil }
                return p + 3
            }
        }
    }

    /// Appends `position` unless it would make an empty piece.
    @inline(__always)
    static func add(_ ends: inout [Int], _ position: Int) {
        if position > (ends.last ?? 0) { ends.append(position) }
    }

    /// Emits the leftmost non-overlapping matches of `match` and the text between them.
    private static func splitMatches(_ t: ScalarText, _ start: Int, _ end: Int, _ ends: inout [Int],
                                     _ match: (Int) -> Int?) {
        var pos = start
        while pos < end {
            if let matchEnd = match(pos) {
                add(&ends, pos)
                add(&ends, matchEnd)
                pos = matchEnd
            } else {
                pos += 1
            }
        }
        add(&ends, end)
    }

    private static func numberRun(_ t: ScalarText, from p: Int, to end: Int) -> Int? {
        var q = p
        while q < end, t.classes[q].contains(.number) { q += 1 }
        return q > p ? q : nil
    }

    /// `[\p{P}\$\+<=>\^~\|]` as llama.cpp evaluates it (ASCII by code, others by category).
    private static func isDefaultPunctuation(_ scalar: UInt32, _ cls: ScalarClass) -> Bool {
        if scalar < 128 { return asciiPunctuation[Int(scalar)] }
        return cls.contains(.punctuation) && !cls.contains(.whitespace)
    }

    private static let asciiPunctuation: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for ch in "!\"#%&'()*,-./:;?@[\\]_{}$+<=>^~|".unicodeScalars { table[Int(ch.value)] = true }
        return table
    }()
}
