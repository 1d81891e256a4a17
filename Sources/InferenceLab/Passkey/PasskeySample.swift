import Inference
/// What to generate: the prompt length and where and how many passkeys go.
public struct PasskeySpec: Sendable, Equatable {
    /// Total tokens of the sample (`PasskeySample.tokens`): BOS, intro,
    /// haystack, needles, and every question with its answer.
    public var length: Int
    /// Depth of each key, a fraction of the haystack part of the context
    /// (0 = right after the intro, 1 = right before the questions); nil
    /// draws `keyCount` depths uniformly from the seed.
    public var depths: [Double]?
    /// Number of passkeys (1 = the classic single-key prompt; more = the
    /// labelled multi-passkey prompt used for identification).
    public var keyCount: Int
    /// Words per passkey.
    public var wordsPerKey: Int
    /// Leading words of a key given in its question; the model must continue with the rest.
    public var givenWords: Int
    /// Token offset into the haystack where the filler starts; nil draws it from the seed.
    public var haystackStart: Int?

    /// One or more keys at fixed depths (the evaluation grid).
    public init(length: Int, depths: [Double], wordsPerKey: Int = 5, givenWords: Int = 2, haystackStart: Int? = 0) {
        self.length = length
        self.depths = depths
        self.keyCount = depths.count
        self.wordsPerKey = wordsPerKey
        self.givenWords = givenWords
        self.haystackStart = haystackStart
    }

    /// `keyCount` keys at random depths (identification data).
    public init(length: Int, keyCount: Int, wordsPerKey: Int = 5, givenWords: Int = 2, haystackStart: Int? = nil) {
        self.length = length
        self.depths = nil
        self.keyCount = keyCount
        self.wordsPerKey = wordsPerKey
        self.givenWords = givenWords
        self.haystackStart = haystackStart
    }

    /// Why this spec cannot be generated, or nil.
    func problem() -> String? {
        if length <= 0 { return "length must be positive, got \(length)" }
        if keyCount < 1 || keyCount > PasskeyWords.labels.count {
            return "key count must be 1…\(PasskeyWords.labels.count), got \(keyCount)"
        }
        if let depths, depths.count != keyCount { return "\(depths.count) depths for \(keyCount) keys" }
        if let bad = depths?.first(where: { !($0 >= 0 && $0 <= 1) }) { return "depth \(bad) is outside 0…1" }
        if givenWords < 0 { return "given words must be zero or more, got \(givenWords)" }
        if wordsPerKey <= givenWords { return "a key of \(wordsPerKey) words leaves nothing to answer after \(givenWords) given" }
        if keyCount * wordsPerKey > PasskeyWords.words.count {
            return "\(keyCount) keys of \(wordsPerKey) words need more than the \(PasskeyWords.words.count) words available"
        }
        if let start = haystackStart, start < 0 { return "haystack start must be zero or more, got \(start)" }
        return nil
    }
}

/// One passkey hidden in a sample.
public struct Passkey: Sendable, Equatable, Codable {
    /// Its label in multi-key prompts ("Alpha"); nil in single-key prompts.
    public let label: String?
    /// The words of the key, in order.
    public let words: [String]
    /// Requested depth (fraction of the haystack part).
    public let depth: Double
    /// Index in `PasskeySample.tokens` of the needle's first token.
    public let position: Int
}

/// A question about one key and where its answer sits.
public struct PasskeyQuestion: Sendable, Equatable {
    /// Index of the key asked about in `PasskeySample.keys`.
    public let key: Int
    /// Positions in `PasskeySample.tokens` of the answer tokens: the key's
    /// words after the given ones. These are the targets of identification
    /// and what generation should reproduce.
    public let answerRange: Range<Int>
    /// The words the answer must reproduce, in order.
    public let answerWords: [String]
}

/// A synthetic passkey-retrieval sample: haystack text with passkeys
/// hidden in it, then a question per key whose answer is the key's words.
///
/// `tokens` is the whole teacher-forced sequence (answers included), for
/// identification. For generation, `prompt(for:)` is everything before an
/// answer, ending in "… the pass key is w1 w2", and the model should
/// continue with `answerWords`.
public struct PasskeySample: Sendable {
    public let tokens: [Int32]
    public let keys: [Passkey]
    /// In the order asked (the order keys appear in the context).
    public let questions: [PasskeyQuestion]
    public let seed: UInt64

    /// Tokens before the answer of question `index`.
    public func prompt(for index: Int = 0) -> [Int32] { Array(tokens[..<questions[index].answerRange.lowerBound]) }

    /// The answer tokens of question `index`.
    public func answer(for index: Int = 0) -> [Int32] { Array(tokens[questions[index].answerRange]) }

    /// Positions of every answer token (the identification targets).
    public var answerPositions: [Int] { questions.flatMap { Array($0.answerRange) } }

    /// Score of a generated continuation of `prompt(for: index)`; see `PasskeyScore`.
    public func score(continuation: String, for index: Int = 0) -> Double {
        PasskeyScore.score(continuation: continuation, expected: questions[index].answerWords)
    }
}
