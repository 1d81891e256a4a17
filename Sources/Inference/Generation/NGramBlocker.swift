/// Forbids a generation to repeat any n-gram of tokens it already produced
/// (the "no-repeat n-gram" rule of summarization decoders): once the last
/// `n − 1` tokens match an earlier run, the token that followed that run is
/// banned. Small models fall into word-for-word loops; this makes an exact
/// loop impossible, and the number of times it had to step in is the
/// generator's loop signal.
public struct NGramBlocker: Sendable {
    /// Tokens per blocked n-gram (≥ 2).
    public let size: Int
    /// Next tokens seen after each (n − 1)-gram, keyed by the gram.
    private var followers: [[Int32]: Set<Int32>] = [:]
    private var tokens: [Int32] = []

    public init(size: Int) {
        self.size = max(2, size)
    }

    /// Records a generated token.
    public mutating func append(_ token: Int32) {
        tokens.append(token)
        guard tokens.count >= size else { return }
        let gram = Array(tokens[(tokens.count - size)..<(tokens.count - 1)])
        followers[gram, default: []].insert(token)
    }

    /// Tokens that would complete an n-gram already generated.
    public var banned: Set<Int32> {
        guard tokens.count >= size - 1 else { return [] }
        return followers[Array(tokens.suffix(size - 1))] ?? []
    }

    /// Sets the logits of banned tokens to −∞; returns whether the most
    /// likely token was among them (the model was about to repeat itself).
    @discardableResult
    public func apply(to logits: inout [Float]) -> Bool {
        let banned = banned
        guard !banned.isEmpty else { return false }
        let top = Sampler.argmax(logits)
        for id in banned where id >= 0 && Int(id) < logits.count { logits[Int(id)] = -.infinity }
        return banned.contains(Int32(top))
    }
}
