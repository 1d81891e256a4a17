import Foundation

/// Ordinary English words, from the system word list (`/usr/share/dict/words`,
/// Debian's `wamerican`, or `$PRECIS_WORDS`): only entries written in lower
/// case, so "great" is a word while "Greta" is a name.
///
/// Tells a capitalized word that opens a sentence ("Overall", "Great")
/// from a name there ("Greta"). Without a word list every opener counts as
/// an ordinary word, which only makes the names check more lenient.
enum EnglishWords {
    static let lowercase: Set<String>? = {
        let env = ProcessInfo.processInfo.environment["PRECIS_WORDS"]
        for path in [env, "/usr/share/dict/words", "/usr/share/dict/american-english"].compactMap({ $0 }) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let words = text.split(separator: "\n").filter { $0.first?.isLowercase == true }
                .map { $0.hasSuffix("'s") ? String($0.dropLast(2)) : String($0) }
            if !words.isEmpty { return Set(words) }
        }
        return nil
    }()

    /// Whether `word` is an ordinary word (true for everything when no list is installed).
    static func isOrdinary(_ word: String) -> Bool {
        guard let lowercase else { return true }
        return lowercase.contains(word.lowercased())
    }
}
