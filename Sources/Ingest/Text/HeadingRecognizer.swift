/// Recognises headings in plain text that carries no markup: book and legal
/// headings ("CHAPTER IV.", "Article 12 — Term", "Part Two"), numbered
/// clause titles ("2. Grant of Copyright License."), short all-capitals lines
/// and centred lines.
enum HeadingRecognizer {
    /// A recognised heading; `rank` orders kinds of heading (1 = outermost)
    /// before ranks are compacted into outline levels.
    struct Match: Equatable {
        var title: String
        var rank: Int
        /// Text that followed the heading on the same line (clause bodies).
        var remainder: String?
    }

    private static let keywordRanks: [(String, Int)] = [
        ("volume", 1), ("book", 1), ("part", 1),
        ("chapter", 2), ("article", 2), ("appendix", 2), ("schedule", 2), ("annex", 2), ("exhibit", 2),
        ("prologue", 2), ("epilogue", 2),
        ("section", 3), ("§", 3),
    ]
    private static let numberWords: Set<String> = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last",
    ]

    /// Checks a paragraph (its lines) for a heading. Only single-line
    /// paragraphs can be keyword, capitals or centred headings; numbered
    /// clause titles may run into their paragraph.
    static func match(_ lines: [TextLine]) -> Match? {
        guard let first = lines.first else { return nil }
        let line = String(first.trimmed)
        if lines.count == 1, let m = keywordHeading(line) { return m }
        if let m = numberedClause(line, isWholeParagraph: lines.count == 1) { return m }
        guard lines.count == 1, line.count <= 80 else { return nil }
        if isCapitals(line) { return Match(title: line, rank: 2) }
        if first.indent >= 10, isCentredTitle(line) { return Match(title: line, rank: 2) }
        return nil
    }

    static func keywordHeading(_ line: String) -> Match? {
        guard line.count <= 100 else { return nil }
        let words = line.split(separator: " ", maxSplits: 2).map(String.init)
        guard words.count >= 2 || words.first?.lowercased() == "prologue" || words.first?.lowercased() == "epilogue"
        else { return nil }
        let keyword = words[0].lowercased()
        guard let rank = keywordRanks.first(where: { $0.0 == keyword })?.1 else { return nil }
        if rank == 2, keyword == "prologue" || keyword == "epilogue" {
            return words.count <= 6 ? Match(title: trimTrailingDot(line), rank: rank) : nil
        }
        let number = words[1].trimmingTrailing { ".:—–-".contains($0) }
        guard isHeadingNumber(number) else { return nil }
        // Keyword headings are capitalised ("Chapter", "ARTICLE"), never prose ("part of the…").
        guard words[0].first?.isUppercase == true || keyword == "§" else { return nil }
        return Match(title: trimTrailingDot(line), rank: rank)
    }

    /// "2. Grant of Copyright License. Subject to …" → title + remainder.
    static func numberedClause(_ line: String, isWholeParagraph: Bool) -> Match? {
        guard let dot = line.firstIndex(of: "."), line.distance(from: line.startIndex, to: dot) <= 3 else { return nil }
        let num = line[..<dot]
        guard !num.isEmpty, num.allSatisfy(\.isASCIIDigit) else { return nil }
        let rest = line[line.index(after: dot)...].drop { $0 == " " }
        guard let end = rest.firstIndex(of: ".") else { return nil }
        let title = rest[..<end]
        let words = title.split(separator: " ")
        guard (1...8).contains(words.count), isTitleCase(words) else { return nil }
        let remainder = rest[rest.index(after: end)...].drop { $0 == " " }
        if remainder.isEmpty && !isWholeParagraph { return nil }
        return Match(title: "\(num). \(title)", rank: 3, remainder: remainder.isEmpty ? nil : String(remainder))
    }

    private static func isHeadingNumber(_ s: Substring) -> Bool {
        if s.isEmpty { return false }
        if s.allSatisfy(\.isASCIIDigit) { return s.count <= 4 }
        if s.allSatisfy({ "IVXLCDMivxlcdm".contains($0) }) { return s.count <= 8 }
        if s.count == 1, s.first?.isLetter == true { return true }
        if s.contains("."), s.split(separator: ".").allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) { return true }
        return numberWords.contains(s.lowercased())
    }

    private static let minorWords: Set<String> = ["of", "and", "or", "the", "a", "an", "to", "for", "in", "on", "by", "with", "its", "your", "new",
                                                   "this", "these", "that", "at", "as", "from", "into", "under", "upon", "not"]

    private static func isTitleCase<S: StringProtocol>(_ words: [S]) -> Bool {
        guard let first = words.first?.first, first.isUppercase else { return false }
        return words.allSatisfy { w in
            guard let c = w.first else { return false }
            return c.isUppercase || c.isNumber || minorWords.contains(w.lowercased()) || c == "("
        }
    }

    private static func isCapitals(_ line: String) -> Bool {
        let letters = line.filter(\.isLetter)
        guard letters.count >= 4, letters.allSatisfy(\.isUppercase) else { return false }
        return line.split(separator: " ").count <= 12 && !line.hasSuffix(",")
    }

    private static func isCentredTitle(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard (1...10).contains(words.count), let last = line.last, !".,;:".contains(last) else { return false }
        return line.first?.isUppercase == true
    }

    private static func trimTrailingDot(_ s: String) -> String {
        s.hasSuffix(".") && !s.hasSuffix("..") ? String(s.dropLast()) : s
    }
}

extension StringProtocol {
    func trimmingTrailing(_ drop: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex, drop(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
