import Inference
/// The wording of passkey prompts, after the classic passkey-retrieval
/// task (Mohtashami & Jaggi, 2023) used by DuoAttention's evaluation.
enum PasskeyText {
    /// Opening instruction, before the haystack.
    static func intro(keyCount: Int) -> String {
        keyCount == 1
            ? "There is a pass key hidden inside a lot of irrelevant text. Find it and memorize it. "
                + "I will quiz you about the pass key.\n\n"
            : "There are \(keyCount) pass keys hidden inside a lot of irrelevant text. Find them and memorize them. "
                + "I will quiz you about each pass key.\n\n"
    }

    /// The needle for a key, with a leading space so it follows a sentence.
    static func needle(words: [String], label: String?) -> String {
        let key = words.joined(separator: " ")
        guard let label else { return " The pass key is \(key). Remember it. \(key) is the pass key." }
        return " The pass key for \(label) is \(key). Remember it. \(key) is the pass key for \(label)."
    }

    /// A question ending with the given words of the key; questions after
    /// the first start by closing the previous answer's sentence.
    static func question(label: String?, given: [String], first: Bool) -> String {
        let lead = first ? "\n\n" : ".\n\n"
        let givenText = given.isEmpty ? "" : " " + given.joined(separator: " ")
        guard let label else { return lead + "What is the pass key? The pass key is" + givenText }
        return lead + "What is the pass key for \(label)? The pass key for \(label) is" + givenText
    }
}
