/// Renders list counters the way a reader sees them: 1, a, A, i, I.
enum ListNumbering {
    enum Style: Equatable {
        case decimal, decimalZero, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet, none
    }

    static func format(_ n: Int, _ style: Style) -> String {
        switch style {
        case .decimal: return String(n)
        case .decimalZero: return n < 10 ? "0\(n)" : String(n)
        case .lowerLetter: return letters(n)
        case .upperLetter: return letters(n).uppercased()
        case .lowerRoman: return roman(n).lowercased()
        case .upperRoman: return roman(n)
        case .bullet: return "•"
        case .none: return ""
        }
    }

    /// Keeps counters from documents in a range where arithmetic cannot
    /// overflow and labels stay short.
    static func clamp(_ n: Int) -> Int { min(max(n, -1_000_000), 1_000_000) }

    /// a…z, then aa, bb, … as word processors count (decimal beyond zzz…, 30 letters).
    static func letters(_ n: Int) -> String {
        guard n > 0, n <= 26 * 30 else { return String(n) }
        let letter = Character(Unicode.Scalar(UInt8(97 + (n - 1) % 26)))
        return String(repeating: letter, count: (n - 1) / 26 + 1)
    }

    static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n, out = ""
        for (value, digits) in table {
            while rest >= value { out += digits; rest -= value }
        }
        return out
    }
}
