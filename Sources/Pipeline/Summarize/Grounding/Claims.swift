import Foundation
import Inference

/// The checkable claims of a text: the numbers it states (from digits or
/// words: "18,000", "eighteen thousand", "fourteenth") and the names it
/// uses (capitalized words that are not ordinary sentence openers).
///
/// Used to decide whether the source backs a point — every number and name
/// must occur in the source — and by the evaluation to count unsupported ones.
public struct Claims: Sendable, Hashable {
    public var numbers: Set<Double>
    public var names: Set<String>

    public init(_ text: String) {
        numbers = NumberReader.values(in: text)
        names = Self.names(in: text)
    }

    /// Everything a source text makes available to claims: its numbers and
    /// its words (lower-cased), so a name counts as present in any case.
    public struct Source: Sendable {
        public let numbers: Set<Double>
        public let words: Set<String>

        public init(_ text: String) {
            numbers = NumberReader.values(in: text)
            words = Set(Lexicon.words(text))
        }

        /// The claims of `claims` this source does not contain.
        public func missing(_ claims: Claims) -> (numbers: [Double], names: [String]) {
            (claims.numbers.filter { !numbers.contains($0) }.sorted(),
             claims.names.filter { name in !Lexicon.words(name).allSatisfy(contains) }.sorted())
        }

        /// Whether the source has `word`, or its singular or plural ("Landlords" for "Landlord").
        func contains(_ word: String) -> Bool {
            words.contains(word) || (word.hasSuffix("s") && words.contains(String(word.dropLast())))
                || words.contains(word + "s")
        }
    }

    /// Capitalized words used as names: inside a sentence (not after a
    /// colon or quote that starts one), or opening it when the word is not an
    /// ordinary English word (`EnglishWords`), is capitalized inside a
    /// sentence elsewhere in the text, or labels a line ("Priya: …").
    /// Contractions ("I'm") are never names.
    static func names(in text: String) -> Set<String> {
        var inside = Set<String>(), openers: [(String, Bool)] = []
        for sentence in SentenceBoundary.sentences(text) {
            let tokens = sentence.split(whereSeparator: Self.separatesWords).map(String.init)
            for (i, raw) in tokens.enumerated() {
                let token = raw.trimmingCharacters(in: ["'", "’", "-"])
                guard let first = token.first, first.isUppercase, token.count > 1,
                      !token.contains("'"), !token.contains("’") else { continue }
                let lower = token.lowercased()
                if Lexicon.stopWords.contains(lower) || commonOpeners.contains(lower) || romanOrUnit.contains(lower) { continue }
                if i == 0 || startsClause(before: raw, in: sentence) {
                    openers.append((token, sentence.contains(token + ":")))
                } else {
                    inside.insert(token)
                }
            }
        }
        for (token, labels) in openers where labels || inside.contains(token) || !EnglishWords.isOrdinary(token) {
            inside.insert(token)
        }
        return inside
    }

    /// Whether `token` follows a colon, dash or opening quote (a new clause capitalizes its first word).
    private static func startsClause(before token: String, in sentence: String) -> Bool {
        guard let r = sentence.range(of: token) else { return false }
        let before = sentence[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        guard let last = before.last else { return true }
        return ":“\"(—–-•*".contains(last)
    }

    static func separatesWords(_ c: Character) -> Bool { !(c.isLetter || c == "-" || c == "'" || c == "’") }

    /// Words that open sentences without naming anything.
    static let commonOpeners: Set<String> = [
        "however", "overall", "finally", "first", "second", "third", "next", "also", "additionally", "furthermore",
        "moreover", "meanwhile", "later", "then", "after", "before", "in", "on", "at", "during", "throughout",
        "although", "though", "despite", "because", "since", "while", "when", "once", "if", "unless", "key", "main",
        "note", "notes", "summary", "conclusion", "decision", "decisions", "action", "actions", "items", "item",
        "question", "questions", "open", "yes", "no", "ok", "okay", "mr", "mrs", "ms", "dr", "chapter", "article",
        "clause", "schedule", "section", "part", "page", "appendix", "annex",
    ]

    /// Ordinary words a sentence may open with, capitalized only by position.
    static let commonWords: Set<String> = [
        "agreement", "customer", "supplier", "party", "parties", "tenant", "landlord", "licensee", "licensor",
        "contract", "payment", "payments", "fees", "fee", "invoices", "term", "termination", "liability", "the",
        "story", "book", "novel", "meeting", "team", "manual", "device", "system", "users", "user", "installation",
        "configuration", "maintenance", "safety", "warning", "warnings", "error", "errors", "troubleshooting",
        "both", "each", "either", "every", "all", "many", "several", "some", "most", "few", "one", "two", "three",
        "she", "he", "they", "it", "we", "you", "this", "that", "these", "those", "there", "here", "his", "her",
        "their", "its", "our", "your", "my", "a", "an", "as", "with", "without", "for", "from", "by", "to", "of",
        "everyone", "nobody", "someone", "something", "nothing", "everything", "people", "staff", "data",
    ]

    static let romanOrUnit: Set<String> = ["i", "ii", "iii", "iv", "v", "vi", "kg", "km", "cm", "mm", "pm", "am"]
}
