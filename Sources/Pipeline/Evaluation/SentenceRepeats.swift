import Foundation

/// Finds sentences a summary says twice: small models loop, writing the
/// same sentence again (or again with one word changed) within one summary
/// text, and repeat a sentence of one part in another.
public enum SentenceRepeats {
    /// Repeats found over the parts of one output.
    public struct Result: Sendable, Hashable {
        /// Sentences scored (those with at least one letter or digit).
        public var sentences = 0
        /// Sentences repeating an earlier sentence of the same summary text.
        public var repeated = 0
        /// Sentences repeating a sentence of an earlier part only (informational).
        public var crossPart = 0
        /// The repeated sentences, in order (first 50).
        public var examples: [String] = []
    }

    /// Least share of words two sentences must have in common to count as the same sentence.
    public static let similarity = 0.9

    /// Repeats within and across `parts`, each part's sentences in order.
    public static func find(_ parts: [[String]]) -> Result {
        var result = Result()
        var earlier: [[String]] = []   // normalized words of every earlier part's sentences
        for part in parts {
            var seen: [[String]] = []
            for sentence in part {
                let words = normalized(sentence)
                guard !words.isEmpty else { continue }
                result.sentences += 1
                if seen.contains(where: { same(words, $0) }) {
                    result.repeated += 1
                    if result.examples.count < 50 { result.examples.append(sentence) }
                } else if earlier.contains(where: { same(words, $0) }) {
                    result.crossPart += 1
                }
                seen.append(words)
            }
            earlier += seen
        }
        return result
    }

    /// The sentence's words: runs of letters and digits, lower-cased.
    static func normalized(_ sentence: String) -> [String] {
        sentence.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Equal text (letters and digits), or — for sentences of three words or
    /// more — at least `similarity` of the longer one's distinct words shared.
    static func same(_ a: [String], _ b: [String]) -> Bool {
        if a.joined() == b.joined() { return true }
        let sa = Set(a), sb = Set(b)
        guard min(sa.count, sb.count) >= 3 else { return false }
        return Double(sa.intersection(sb).count) / Double(max(sa.count, sb.count)) >= similarity
    }
}
