import Foundation
import Inference

/// A point read from generated text, before grounding: its text and the
/// characters of the generation it came from.
struct DraftPoint: Sendable {
    var point: SummaryPoint
    /// Character offsets in the raw generated text.
    var range: Range<Int>
}

/// Turns what a model wrote into draft points: its Markdown parsed
/// (headings become context, list items and table rows one point each,
/// paragraphs one point per sentence), invented markup cleaned away,
/// repeats and fragments dropped, and every point ending as a sentence.
enum DraftPoints {
    /// - Parameter speakers: a transcript's speakers; lines that replay their
    ///   dialogue ("Priya: Okay, …") are not summary points.
    static func read(_ raw: String, speakers: Set<String> = []) -> [DraftPoint] {
        var out: [DraftPoint] = [], heading: String?, paragraph = 0, seen: [Set<String>] = []
        let lines = ModelMarkdown(raw).lines
        for (n, line) in lines.enumerated() {
            if introducesMissingItems(line, next: n + 1 < lines.count ? lines[n + 1] : nil) { continue }
            let text = GeneratedTextCleaner.clean(line.text).trimmingWhitespace()
            let label = line.label.map(GeneratedTextCleaner.clean)?.trimmingWhitespace()
            switch line.kind {
            case .heading:
                heading = text.isEmpty ? heading : text
                continue
            case .item(let depth, let number):
                append(text, label: label, style: .item(depth: depth, number: number), range: line.range)
            case .tableRow:
                append(text, label: label, style: .row, range: line.range)
            case .paragraph:
                paragraph += 1
                let sentences = SentenceBoundary.sentences(text)
                let length = max(1, text.count), span = line.range.count
                var offset = 0
                for (i, sentence) in sentences.enumerated() {
                    let lo = line.range.lowerBound + offset * span / length
                    offset += sentence.count + 1
                    let hi = line.range.lowerBound + min(span, offset * span / length)
                    append(sentence, label: i == 0 ? label : nil, style: .sentence(paragraph: paragraph), range: lo..<max(lo + 1, hi))
                }
            }
        }
        return out

        func append(_ text: String, label: String?, style: PointStyle, range: Range<Int>) {
            guard let text = finished(withoutReportingLead(text), labelled: label != nil), !isMeta(text), !text.hasSuffix("?"),
                  !replaysDialogue(label.map { $0 + ": " + text } ?? text, speakers) else { return }
            let words = Set(Lexicon.words((label ?? "") + " " + text)), bare = Set(Lexicon.words(text))
            guard !seen.contains(where: { nearDuplicate($0, words) || (bare.count >= 3 && nearDuplicate($0, bare)) }) else { return }
            seen.append(words)
            if label != nil { seen.append(bare) }
            out.append(DraftPoint(point: SummaryPoint(text: text, label: label, heading: heading, style: style), range: range))
        }
    }

    /// The point's text ending as a sentence, or nil for a fragment that
    /// cannot be one (a cut-off clause, a dangling word, nothing left).
    static func finished(_ text: String, labelled: Bool) -> String? {
        var t = text.trimmingWhitespace()
        while let last = t.last, ",;:-–—(".contains(last) { t.removeLast(); t = t.trimmingWhitespace() }
        let words = Lexicon.words(t)
        guard let lastWord = words.last else { return nil }
        if SentenceBoundary.endsComplete(t) { return words.count >= 2 || labelled ? t : nil }
        if danglingWords.contains(lastWord) { return nil }
        if words.count < 3 && !labelled { return nil }
        return t + "."
    }

    /// Words a sentence cannot end on: a cut-off clause.
    static let danglingWords: Set<String> = [
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is",
        "are", "was", "were", "be", "will", "shall", "would", "that", "which", "who", "its", "their", "his", "her",
        "this", "these", "than", "into", "if", "when", "while", "also", "such", "each", "any", "all", "not", "within",
        "between", "including", "per", "must", "may", "can", "could", "should", "has", "have", "had", "our", "your",
    ]

    /// A line about the summary or the text rather than what the text says:
    /// "I hope this helps", or "This part summarizes …" with little else in it.
    static func isMeta(_ text: String) -> Bool {
        let lower = text.lowercased()
        if ["i hope this", "let me know", "feel free to", "as an ai", "i cannot", "i can't", "is there anything else"]
            .contains(where: { lower.hasPrefix($0) || lower.contains(" " + $0) }) { return true }
        guard let lead = metaLead?.firstMatch(in: lower, range: NSRange(lower.startIndex..., in: lower)),
              let r = Range(lead.range, in: lower) else { return false }
        let named = String(lower[r.upperBound...]).replacingOccurrences(of: #""[^"]*""#, with: " ", options: .regularExpression)
        let rest = Lexicon.contentWords(named).subtracting(metaWords)
        return rest.count < 4
    }

    /// What a point reports, without the "It mentions that" a small model
    /// puts before it: "It mentions that the lens is cleaned monthly." reads
    /// "The lens is cleaned monthly."
    static func withoutReportingLead(_ text: String) -> String {
        guard let lead = reportingLead?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let r = Range(lead.range, in: text) else { return text }
        let rest = text[r.upperBound...]
        guard let first = rest.first, Lexicon.words(String(rest)).count >= 3 else { return text }
        return first.uppercased() + rest.dropFirst()
    }

    private static let reportingLead = try? NSRegularExpression(pattern:
        #"^(it|this|the (text|section|part|chapter|passage|document|article|extract|author))\s+(also\s+)?(mentions|notes|says|states|reports|explains|points out|adds|tells us|makes clear)\s+that\s+"#,
        options: [.caseInsensitive])

    private static let metaLead = try? NSRegularExpression(pattern:
        #"^(this|the|it|that)\s*(part|section|document|text|passage|chapter|article|summary|extract)?\s*("[^"]*"\s*)?(also\s+)?(summari[sz]es|discusses|is about|describes|covers|provides|includes|contains|explains|outlines|talks about|deals with|is written|gives|presents|lists|focuses on)"#)

    /// Words that describe a text rather than its content.
    static let metaWords: Set<String> = Set(["part", "section", "document", "text", "summary", "summar", "inform", "detail",
                                             "overview", "bullet", "point", "list", "various", "aspect", "different",
                                             "import", "highlight", "bold", "description", "descript", "provid",
                                             "discuss", "includ", "contain", "explain"].map(Lexicon.stem))

    /// A line that ends in a colon to introduce items that never came (the generation stopped).
    static func introducesMissingItems(_ line: ModelMarkdown.Line, next: ModelMarkdown.Line?) -> Bool {
        guard line.text.hasSuffix(":"), line.text.split(separator: " ").count > 3 else { return false }
        guard case let .item(depth, _) = line.kind else { return next == nil }
        if let next, case let .item(d, _) = next.kind, d > depth { return false }
        return true
    }

    /// A line of a transcript's summary that replays the talk instead of
    /// reporting it: a speaker's name and a colon, then what they said; a
    /// line in the first or second person ("Send me the draft."), or one
    /// opening as a reply does ("Yes, two days before.").
    static func replaysDialogue(_ text: String, _ speakers: Set<String>) -> Bool {
        guard !speakers.isEmpty else { return false }
        if let colon = text.firstIndex(of: ":"), speakers.contains(String(text[..<colon]).trimmingWhitespace()) { return true }
        let words = Lexicon.words(text)
        if let first = words.first, replyOpenings.contains(first) { return true }
        return words.contains { spokenPersons.contains($0) }
    }

    /// Words a report of a meeting does not use: the speakers' own "I", "we" and "you".
    static let spokenPersons: Set<String> = ["i", "i'm", "i'll", "i've", "i'd", "me", "my", "mine", "we", "we're",
                                             "we'll", "we've", "us", "our", "ours", "you", "you're", "you'll", "your", "yours"]
    static let replyOpenings: Set<String> = ["yes", "yeah", "okay", "ok", "sure", "please", "thanks", "oh", "um", "hmm"]

    /// Whether two word sets say the same thing (most words shared).
    static func nearDuplicate(_ a: Set<String>, _ b: Set<String>) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        let shared = Double(a.intersection(b).count)
        return shared / Double(min(a.count, b.count)) >= 0.85 && shared / Double(max(a.count, b.count)) >= 0.6
    }
}
