/// Where sentences end in generated or written text.
///
/// A sentence ends after `.`, `!`, `?` or `…` (with any closing quotes or
/// brackets) at the end of the text, or followed by whitespace unless the
/// word before the stop is a common abbreviation ("Ltd.", "e.g.", "Dr."),
/// an initial or a list number at the start of a line ("4."); a line
/// break always ends a unit. Shared by the generator's sentence-boundary
/// budgets and the summary parser, so both cut text the same way.
public enum SentenceBoundary {
    /// Abbreviations whose period does not end a sentence (lower case, no period).
    static let abbreviations: Set<String> = [
        "ltd", "inc", "co", "corp", "plc", "llc", "gmbh", "bv", "sa", "ag", "e.g", "i.e", "eg", "ie", "vs", "cf",
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "no", "nos", "art", "arts", "sec", "cl", "para", "fig",
        "p", "pp", "vol", "ch", "approx", "incl", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "a.m", "p.m",
    ]

    /// Character offsets just past every sentence end in `text` (a line
    /// break counts as one, placed after it), in increasing order.
    public static func ends(in text: String) -> [Int] {
        let chars = Array(text)
        var out: [Int] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\n" {
                out.append(i + 1)
            } else if isStop(c) {
                var j = i + 1
                while j < chars.count, isCloser(chars[j]) || isStop(chars[j]) { j += 1 }
                if j == chars.count && !isTitle(chars, stopAt: i) || j < chars.count && chars[j].isWhitespace && !isAbbreviation(chars, stopAt: i) {
                    out.append(j)
                    i = j
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// The offset just past the last sentence end, or nil when no sentence is complete.
    public static func lastEnd(in text: String) -> Int? { ends(in: text).last }

    /// Whether `text` ends exactly at a sentence end (ignoring trailing spaces).
    public static func endsComplete(_ text: String) -> Bool {
        let trimmed = String(text.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        guard let last = trimmed.last else { return true }
        if last == "\n" { return true }
        return lastEnd(in: trimmed) == trimmed.count
    }

    /// `text` cut into sentences (and lines), each trimmed, empty ones dropped.
    public static func sentences(_ text: String) -> [String] {
        let chars = Array(text)
        var out: [String] = [], start = 0
        for end in ends(in: text) + [chars.count] where end > start {
            let piece = String(chars[start..<end]).trimmingWhitespace()
            if !piece.isEmpty { out.append(piece) }
            start = end
        }
        return out
    }

    @inline(__always) static func isStop(_ c: Character) -> Bool { c == "." || c == "!" || c == "?" || c == "…" }

    @inline(__always) static func isCloser(_ c: Character) -> Bool {
        c == "\"" || c == "'" || c == ")" || c == "]" || c == "”" || c == "’" || c == "»" || c == "*" || c == "_"
    }

    /// Titles that stand before a name ("Mr."), so that text ending in one was cut off, never ended.
    static let titles: Set<String> = ["mr", "mrs", "ms", "dr", "prof", "rev", "capt", "sgt", "gen", "hon"]

    /// Whether the period at `stop` closes a title ("…corrected by Mr.").
    static func isTitle(_ chars: [Character], stopAt stop: Int) -> Bool {
        guard chars[stop] == "." else { return false }
        var k = stop - 1
        while k >= 0, chars[k].isLetter { k -= 1 }
        return titles.contains(String(chars[(k + 1)..<stop]).lowercased())
    }

    /// Whether the period at `stop` belongs to an abbreviation, an initial or a number label.
    static func isAbbreviation(_ chars: [Character], stopAt stop: Int) -> Bool {
        guard chars[stop] == "." else { return false }
        var k = stop - 1
        while k >= 0, chars[k].isLetter || chars[k] == "." || chars[k].isNumber { k -= 1 }
        let word = String(chars[(k + 1)..<stop])
        guard !word.isEmpty else { return false }
        if word.count == 1, word.first!.isUppercase { return true }   // an initial: "J. Smith"
        let opensLine = k < 0 || chars[k] == "\n" || (chars[k] == " " && (k == 0 || chars[k - 1] == "\n"))
        if opensLine, word.allSatisfy({ $0.isNumber || $0 == "." }) { return true }   // "1." list label
        if word.count <= 2, word.allSatisfy(\.isNumber), k >= 0, " \"“(".contains(chars[k]),
           stop + 2 < chars.count, chars[stop + 1] == " ", chars[stop + 2].isUppercase,
           k == 0 || !chars[k - 1].isLetter || chars[k] != " " {   // a heading number quoted or after a dash: "– 7. Maintenance"
            return true
        }
        return abbreviations.contains(word.lowercased())
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    public func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
