import Testing
@testable import Inference
@testable import Tokenizers

/// SentencePiece BPE on a small synthetic vocabulary.
@Suite("Tokenizer: SentencePiece")
struct TokenizerSentencePieceTests {
    /// `<unk> <s> </s>`, 256 byte tokens, then pieces whose scores favour
    /// "▁the" and "▁hello" over their parts.
    static func make(addSpacePrefix: Bool = true) throws -> SentencePieceTokenizer {
        var tokens = ["<unk>", "<s>", "</s>"]
        var types: [TokenType] = [.unknown, .control, .control]
        for b in 0..<256 {
            tokens.append(SentencePieceTokenizer.byteTokenName(UInt8(b)))
            types.append(.byte)
        }
        let pieces: [(String, Float)] = [
            ("▁", -1), ("t", -2), ("h", -2), ("e", -2), ("l", -2), ("o", -2), ("w", -2), ("r", -2), ("d", -2),
            ("▁t", -3), ("th", -4), ("he", -3.5), ("▁th", -2.5), ("▁the", -1.5),
            ("ll", -3), ("lo", -3.2), ("llo", -2.8), ("▁h", -3), ("▁he", -2.7), ("▁hello", -1),
            ("▁w", -3), ("or", -3), ("▁wor", -2.9), ("ld", -3), ("▁world", -1.2), ("<|user|>", 0),
        ]
        for (p, _) in pieces {
            tokens.append(p)
            types.append(p == "<|user|>" ? .userDefined : .normal)
        }
        let scores = [Float](repeating: 0, count: 3 + 256) + pieces.map(\.1)
        return try SentencePieceTokenizer(tokens: tokens, scores: scores, types: types,
                                          special: .init(bos: 1, eos: 2), addSpacePrefix: addSpacePrefix)
    }

    @Test("merges by score with a dummy space prefix")
    func mergesByScore() throws {
        let t = try Self.make()
        let ids = t.encode("the hello world", parseSpecial: false)
        #expect(ids.compactMap { t.tokenText($0) } == ["▁the", "▁hello", "▁world"])
        #expect(t.decode(ids) == "the hello world")
    }

    @Test("unknown characters fall back to byte tokens and decode back")
    func byteFallback() throws {
        let t = try Self.make()
        let ids = t.encode("the é🤖", parseSpecial: false)
        #expect(ids.compactMap { t.tokenText($0) } == ["▁the", "▁", "<0xC3>", "<0xA9>", "<0xF0>", "<0x9F>", "<0xA4>", "<0x96>"])
        #expect(t.decode(ids) == "the é🤖")
    }

    @Test("special tokens: control only with parseSpecial, user-defined always")
    func specials() throws {
        let t = try Self.make()
        #expect(t.encode("</s>the", parseSpecial: true).compactMap { t.tokenText($0) } == ["</s>", "▁the"])
        #expect(!t.encode("</s>", parseSpecial: false).contains(2))
        #expect(t.encode("<|user|>hello", parseSpecial: false).compactMap { t.tokenText($0) } == ["<|user|>", "▁hello"])
        #expect(t.encodePrompt("hello") == [1] + t.encode("hello", parseSpecial: true))
        #expect(t.decode(t.encodePrompt("hello world"), skipSpecial: true) == "hello world")
    }

    @Test("without add_space_prefix no dummy space is added or removed")
    func noPrefix() throws {
        let t = try Self.make(addSpacePrefix: false)
        let ids = t.encode("the world", parseSpecial: false)
        #expect(ids.compactMap { t.tokenText($0) } == ["t", "he", "▁world"])
        #expect(t.decode(ids) == "the world")
    }

    @Test("metadata defaults")
    func metadata() throws {
        let t = try Self.make()
        #expect(t.kind == "llama")
        #expect(t.addBOS)
        #expect(t.bosID == 1 && t.eosID == 2)
        #expect(t.eogIDs.contains(2))
        #expect(t.vocabularySize == 3 + 256 + 26)
    }
}
