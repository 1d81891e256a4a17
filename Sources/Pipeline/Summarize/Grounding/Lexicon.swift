import Foundation

/// Word-level helpers shared by grounding and scoring: tokenizing into
/// lower-case words, dropping function words, and a light stemmer so that
/// "terminates", "terminated" and "termination" meet.
public enum Lexicon {
    /// Lower-cased runs of letters and digits (apostrophes inside words kept).
    public static func words(_ text: String) -> [String] {
        var out: [String] = [], current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber || (ch == "'" || ch == "’") && !current.isEmpty {
                current.append(ch == "’" ? "'" : ch)
            } else if !current.isEmpty {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out.map { $0.hasSuffix("'s") ? String($0.dropLast(2)) : $0 }.map { $0.trimmingCharacters(in: ["'"]) }
    }

    /// Stems of the words of `text` that carry content (no function words).
    public static func contentWords(_ text: String) -> Set<String> {
        Set(words(text).filter { !stopWords.contains($0) && ($0.count > 1 || $0.first!.isNumber) }.map(stem))
    }

    /// A crude suffix-stripping stem, enough for overlap counts.
    public static func stem(_ word: String) -> String {
        guard word.count > 4, word.first!.isLetter else { return word }
        for suffix in ["ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "ed", "es", "er", "ly", "s"]
        where word.hasSuffix(suffix) && word.count - suffix.count >= 3 {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    public static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "as", "into", "onto", "about", "over", "under", "after", "before", "between", "through", "during",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "will",
        "would", "shall", "should", "can", "could", "may", "might", "must", "it", "its", "this", "that", "these",
        "those", "there", "here", "he", "she", "they", "them", "their", "his", "her", "him", "we", "us", "our", "you",
        "your", "i", "me", "my", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "not", "no",
        "any", "all", "each", "every", "some", "such", "also", "than", "too", "very", "just", "only", "own", "same",
        "other", "more", "most", "both", "either", "neither", "up", "down", "out", "off", "again", "further", "once",
        "while", "because", "until", "within", "without", "upon", "per", "via", "yes", "okay", "well", "like",
        "document", "summary", "text", "section", "part", "above", "below", "following", "mentioned", "described",
    ]
}
