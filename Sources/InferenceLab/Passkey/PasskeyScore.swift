import Inference
/// Scoring of passkey answers: the fraction of passkey words reproduced.
public enum PasskeyScore {
    /// Fraction of `expected` words found at the same place in the words of
    /// `continuation` (the i-th expected word against the i-th generated
    /// word). Words are compared lower-cased, letters only, so punctuation,
    /// spacing and capitals do not matter; extra words after the key are
    /// ignored. 1 for an empty `expected`.
    ///
    /// Positional matching means a model that skips or inserts a word is
    /// scored on what it actually continued with, not on loose overlap.
    public static func score(continuation: String, expected: [String]) -> Double {
        guard !expected.isEmpty else { return 1 }
        let got = words(continuation)
        var hits = 0
        for (i, want) in expected.enumerated() where i < got.count && got[i] == normalize(want) {
            hits += 1
        }
        return Double(hits) / Double(expected.count)
    }

    /// The words of `text`: runs of letters, lower-cased.
    public static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    private static func normalize(_ word: String) -> String { words(word).joined() }
}
