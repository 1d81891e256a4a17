import Foundation

/// Decides that a generation is going round in circles: its n-gram blocker
/// kept having to stop it from repeating itself, or it just finished a
/// sentence it had already written.
///
/// The generator then ends at the last sentence before the loop, so the
/// output never carries the repetition.
public struct LoopDetector: Sendable {
    /// Interventions of the n-gram blocker within `window` tokens that count as a loop.
    public var interventions = 2
    public var window = 48
    private var hits: [Int] = []
    private var seenSentences: Set<String> = []

    public init() {}

    /// Records that at generated token `index` the blocker banned the model's top choice;
    /// returns whether that makes a loop.
    public mutating func blocked(at index: Int) -> Bool {
        hits.append(index)
        hits.removeAll { $0 <= index - window }
        return hits.count >= interventions
    }

    /// Records a finished sentence; returns whether it repeats an earlier one
    /// (compared by its letters and digits, case-insensitive).
    public mutating func finished(sentence: String) -> Bool {
        let key = Self.normalized(sentence)
        guard key.count >= 12 else { return false }
        return !seenSentences.insert(key).inserted
    }

    /// A sentence's letters and digits, lower-cased: what two repeats share.
    public static func normalized(_ sentence: String) -> String {
        String(sentence.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}
