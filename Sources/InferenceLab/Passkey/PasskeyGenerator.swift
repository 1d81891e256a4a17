import Inference
/// Builds seeded passkey-retrieval samples from a haystack, in tokens.
///
/// The haystack is tokenized once; a sample takes exactly as many haystack
/// tokens as its target length leaves after the intro, needles and
/// questions (repeating the haystack when it is shorter), so lengths are
/// exact. Needles are spliced in at token level, moved back to the nearest
/// sentence end before their depth (as the reference needle-in-a-haystack
/// code does), so they do not cut words. Everything random (words, labels,
/// depths, start) comes from one SplitMix64 seed: the same seed, haystack,
/// tokenizer and spec give the same sample on every machine.
public struct PasskeyGenerator: Sendable {
    public let tokenizer: any Tokenizer
    /// The haystack's tokens.
    public let haystackTokens: [Int32]
    public let haystackSource: String

    /// Furthest (in tokens) a needle moves back to reach a sentence end.
    static let maxSnap = 128

    /// Tokenizes `haystack` (a fraction of a second for the default essays).
    public init(haystack: Haystack, tokenizer: any Tokenizer) throws {
        self.tokenizer = tokenizer
        self.haystackTokens = tokenizer.encode(haystack.text, parseSpecial: false)
        self.haystackSource = haystack.source
        guard !haystackTokens.isEmpty else { throw PasskeyError.emptyHaystack(source: haystack.source) }
    }

    /// One sample for `spec`, reproducible from `seed`.
    public func sample(_ spec: PasskeySpec, seed: UInt64) throws -> PasskeySample {
        if let problem = spec.problem() { throw PasskeyError.badParameter(problem) }
        var rng = SplitMix64(seed: seed)
        let multi = spec.keyCount > 1
        let words = Self.draw(spec.keyCount * spec.wordsPerKey, from: PasskeyWords.words, rng: &rng)
        let labels = multi ? Self.draw(spec.keyCount, from: PasskeyWords.labels, rng: &rng) : []
        let depths = spec.depths ?? (0..<spec.keyCount).map { _ in rng.nextUnit() }
        let startDraw = rng.next()

        // Keys in context order (by depth; equal depths keep their order).
        let order = depths.indices.sorted { depths[$0] != depths[$1] ? depths[$0] < depths[$1] : $0 < $1 }
        let keyWords = order.map { k in Array(words[(k * spec.wordsPerKey)..<((k + 1) * spec.wordsPerKey)]) }
        let keyLabels: [String?] = order.map { multi ? labels[$0] : nil }
        let keyDepths = order.map { depths[$0] }

        // Fixed parts.
        var head: [Int32] = []
        if tokenizer.addBOS, let bos = tokenizer.bosID { head.append(bos) }
        head += piece(PasskeyText.intro(keyCount: spec.keyCount))
        let needles = zip(keyWords, keyLabels).map { piece(PasskeyText.needle(words: $0, label: $1)) }
        var tail: [Int32] = []
        var answers: [(Range<Int>, [String])] = []  // ranges relative to `tail`
        for (i, (w, label)) in zip(keyWords, keyLabels).enumerated() {
            let (question, answer) = questionAndAnswer(words: w, label: label, given: spec.givenWords, first: i == 0)
            tail += question
            answers.append((tail.count..<(tail.count + answer.count), Array(w[spec.givenWords...])))
            tail += answer
        }
        let fixed = head.count + needles.reduce(0) { $0 + $1.count } + tail.count
        let fillerCount = spec.length - fixed
        guard fillerCount >= 1 else { throw PasskeyError.tooShort(length: spec.length, minimum: fixed + 1) }

        // Filler with needles spliced in at sentence ends.
        let start = spec.haystackStart.map { $0 % haystackTokens.count }
            ?? sentenceStart(after: Int(startDraw % UInt64(haystackTokens.count)))
        let filler = (0..<fillerCount).map { haystackTokens[(start + $0) % haystackTokens.count] }
        var tokens = head
        var keys: [Passkey] = []
        var taken = 0
        for (i, needle) in needles.enumerated() {
            let at = insertionPoint(in: filler, depth: keyDepths[i], notBefore: taken)
            tokens += filler[taken..<at]
            taken = at
            keys.append(Passkey(label: keyLabels[i], words: keyWords[i], depth: keyDepths[i], position: tokens.count))
            tokens += needle
        }
        tokens += filler[taken...]
        let tailStart = tokens.count
        tokens += tail
        let questions = answers.enumerated().map { i, a in
            PasskeyQuestion(key: i, answerRange: (a.0.lowerBound + tailStart)..<(a.0.upperBound + tailStart),
                            answerWords: a.1)
        }
        return PasskeySample(tokens: tokens, keys: keys, questions: questions, seed: seed)
    }

    // MARK: Pieces

    /// Tokens of a piece of text that continues other text. A leading space
    /// is left to SentencePiece's dummy prefix where the tokenizer adds one.
    func piece(_ text: String) -> [Int32] {
        if tokenizer.stripsLeadingSpace, text.hasPrefix(" ") {
            return tokenizer.encode(String(text.dropFirst()), parseSpecial: false)
        }
        return tokenizer.encode(text, parseSpecial: false)
    }

    /// The question tokens (ending with the given words) and the answer
    /// tokens, split where tokenizing them together puts the boundary, so
    /// the answer is what the model would produce after the question.
    func questionAndAnswer(words: [String], label: String?, given: Int, first: Bool) -> ([Int32], [Int32]) {
        let question = PasskeyText.question(label: label, given: Array(words[..<given]), first: first)
        let answer = " " + words[given...].joined(separator: " ")
        let q = piece(question)
        let both = piece(question + answer)
        if both.count > q.count, Array(both[..<q.count]) == q { return (q, Array(both[q.count...])) }
        return (q, piece(answer))
    }

    // MARK: Placement

    /// Where in `filler` a needle at `depth` goes: at round(depth × count),
    /// moved back to just after a sentence end when one is within
    /// `maxSnap` tokens (and not before `notBefore`).
    func insertionPoint(in filler: [Int32], depth: Double, notBefore: Int) -> Int {
        let target = max(notBefore, min(filler.count, Int((depth * Double(filler.count)).rounded())))
        var j = target
        while j > notBefore && target - j < Self.maxSnap {
            if endsSentence(filler[j - 1]) { return j }
            j -= 1
        }
        // The filler's start and the end of the previous needle both follow a sentence end.
        return j == notBefore ? notBefore : target
    }

    /// The first haystack position after `index` that starts a sentence
    /// (within `maxSnap` tokens), else `index`.
    func sentenceStart(after index: Int) -> Int {
        guard index > 0 else { return 0 }
        for j in index..<(index + Self.maxSnap) where endsSentence(haystackTokens[(j - 1) % haystackTokens.count]) {
            return j % haystackTokens.count
        }
        return index
    }

    /// Whether a token's text ends a sentence (".", "!" or "?" before any trailing whitespace).
    func endsSentence(_ id: Int32) -> Bool {
        let bytes = tokenizer.tokenBytes(id, skipSpecial: true)
        guard let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            return false
        }
        return bytes[last] == UInt8(ascii: ".") || bytes[last] == UInt8(ascii: "!") || bytes[last] == UInt8(ascii: "?")
    }

    /// `count` distinct items of `pool` in a seeded order (a partial
    /// Fisher–Yates shuffle driven by SplitMix64 directly, so the draw does
    /// not depend on the standard library's random algorithms).
    static func draw(_ count: Int, from pool: [String], rng: inout SplitMix64) -> [String] {
        var items = pool
        for i in 0..<min(count, items.count) {
            let j = i + Int(rng.next() % UInt64(items.count - i))
            items.swapAt(i, j)
        }
        return Array(items.prefix(count))
    }
}
