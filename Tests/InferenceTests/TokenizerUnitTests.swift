import Testing
@testable import Inference
@testable import Tokenizers

/// Pre-tokenizers, BPE merging and streaming decoding on synthetic data.
@Suite("Tokenizer: components")
struct TokenizerUnitTests {
    func words(_ kind: PreTokenizerKind, _ text: String) -> [String] {
        let scalarText = ScalarText(bytes: Array(text.utf8))
        var start = 0
        return PreTokenizer(kind: kind).wordEnds(scalarText).map { end in
            defer { start = end }
            let range = Int(scalarText.byteOffsets[start])..<Int(scalarText.byteOffsets[end])
            return String(decoding: scalarText.bytes[range], as: UTF8.self)
        }
    }

    @Test("gpt2 regex: contractions, letters, numbers, trailing spaces")
    func gpt2() {
        #expect(words(.gpt2, "It's 2024  now!!  ") == ["It", "'s", " 2024", " ", " now", "!!", "  "])
        #expect(words(.gpt2, "a\n\nb") == ["a", "\n", "\n", "b"] || words(.gpt2, "a\n\nb") == ["a", "\n\n", "b"])
    }

    @Test("smollm isolates every digit")
    func smollm() {
        #expect(words(.smollm, "x 123") == ["x", " ", "1", "2", "3"])
    }

    @Test("llama3 groups digits by three and keeps newlines together")
    func llama3() {
        #expect(words(.llama3, "12345 ok\n\n  Hi") == ["123", "45", " ok", "\n\n", " ", " Hi"])
        #expect(words(.llama3, "DON'T") == ["DON", "'T"])
        #expect(words(.qwen2, "123") == ["1", "2", "3"])
    }

    @Test("default pre-tokenizer splits punctuation runs and digit triples")
    func defaultKind() {
        #expect(words(.default, "a,b 12345") == ["a", ",", "b", " ", "123", "45"])
    }

    @Test("unknown pre-tokenizer names are rejected with the name")
    func unknownPre() {
        #expect(PreTokenizerKind(preName: "no-such-pre") == nil)
        #expect(TokenizerError.unsupportedPreTokenizer("x").description.contains("'x'"))
        #expect(TokenizerError.unsupportedModel("rwkv").description.contains("rwkv"))
    }

    @Test("BPE merges lowest rank first on a tiny vocabulary")
    func tinyBPE() throws {
        let base = (0..<256).map { ByteEncoder.encode([UInt8($0)]) }
        let tokens = base + ["ab", "abc", "Ġa", "<|end|>"]
        var types = [TokenType](repeating: .normal, count: tokens.count)
        types[tokens.count - 1] = .control
        let t = try BPETokenizer(tokens: tokens, types: types, merges: ["a b", "ab c", "Ġ a"],
                                 preTokenizer: .gpt2, special: .init(eos: Int32(tokens.count - 1)))
        let ids = t.encode("abc ab<|end|>", parseSpecial: true)
        #expect(ids.compactMap { t.tokenText($0) } == ["abc", "Ġ", "ab", "<|end|>"])
        #expect(t.decode(ids) == "abc ab<|end|>")
        #expect(t.eogIDs.contains(Int32(tokens.count - 1)))
    }

    @Test("streaming decoder holds incomplete UTF-8")
    func streaming() throws {
        let base = (0..<256).map { ByteEncoder.encode([UInt8($0)]) }
        let t = try BPETokenizer(tokens: base, merges: [], preTokenizer: .gpt2, special: .init())
        let ids = t.encode("a🤖é", parseSpecial: false)
        #expect(ids.count == 1 + 4 + 2)
        var decoder = StreamingDecoder(tokenizer: t)
        let chunks = ids.map { decoder.append($0) }
        #expect(chunks == ["a", "", "", "", "🤖", "", "é"])
        #expect(decoder.finish() == "")
        var broken = StreamingDecoder(tokenizer: t)
        #expect(broken.append(ids[1]) == "")
        #expect(broken.finish() == "\u{FFFD}")
    }
}
