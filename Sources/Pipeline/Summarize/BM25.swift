import Foundation

/// Okapi BM25 ranking over a fixed set of texts: which texts best match a
/// query's words. Used to pick the segments a question is about and the
/// part a summary sentence comes from.
public struct BM25: Sendable {
    private let documents: [[String: Int]]
    private let lengths: [Int]
    private let frequencies: [String: Int]
    private let averageLength: Double
    let k1 = 1.2, b = 0.75

    public init(_ texts: [String]) {
        documents = texts.map { text in Self.terms(text).reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        lengths = documents.map { $0.values.reduce(0, +) }
        frequencies = documents.reduce(into: [:]) { counts, doc in for term in doc.keys { counts[term, default: 0] += 1 } }
        averageLength = Double(max(1, lengths.reduce(0, +))) / Double(max(1, texts.count))
    }

    /// The score of every text for `query`, in text order.
    public func scores(_ query: String) -> [Double] {
        let terms = Set(Self.terms(query))
        let n = Double(documents.count)
        return documents.indices.map { i in
            terms.reduce(0.0) { sum, term in
                guard let tf = documents[i][term].map(Double.init), let df = frequencies[term].map(Double.init) else { return sum }
                let idf = log(1 + (n - df + 0.5) / (df + 0.5))
                let norm = tf + k1 * (1 - b + b * Double(lengths[i]) / averageLength)
                return sum + idf * tf * (k1 + 1) / norm
            }
        }
    }

    /// Indices of the `count` best-scoring texts with a score above zero, best first.
    public func best(_ query: String, count: Int) -> [Int] {
        let s = scores(query)
        return s.indices.filter { s[$0] > 0 }.sorted { s[$0] > s[$1] || (s[$0] == s[$1] && $0 < $1) }.prefix(count).map { $0 }
    }

    /// Lower-cased words of two or more letters or digits, common English words left out.
    static func terms(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
            .filter { $0.count >= 2 && !stopWords.contains($0) }
    }

    static let stopWords: Set<String> = [
        "the", "and", "of", "to", "in", "is", "it", "that", "was", "for", "on", "as", "with", "be", "by", "at", "this",
        "are", "or", "from", "an", "but", "not", "what", "which", "who", "when", "where", "how", "does", "did", "do",
        "has", "have", "had", "he", "she", "they", "we", "you", "his", "her", "their", "its", "will", "would", "can",
        "about", "there", "were", "been", "if", "so", "no", "all", "any", "into", "than", "then", "them", "these", "those",
    ]
}
