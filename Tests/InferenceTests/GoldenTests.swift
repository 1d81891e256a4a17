import Foundation
import Testing
@testable import Inference

/// The engine against llama.cpp's outputs on the default model
/// (numbers copied into Fixtures/golden-*.jsonl).
@Suite("Golden outputs of the default model", .enabled(if: DefaultModel.isInstalled && DefaultModel.essaysDirectory != nil,
                                                        "default model or essays not installed: run `precis model fetch --haystack`"))
struct GoldenTests {
    struct GreedyCase {
        var name: String, prompt: String, promptTokens: Int, top5: [(Int32, Float)], greedy: [Int32]
    }

    static func fixture(_ name: String) throws -> [[String: Any]] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    static func greedyCases() throws -> [GreedyCase] {
        try fixture("golden-greedy.jsonl").map { o in
            var prompt = o["prompt"] as? String ?? ""
            for part in o["prompt_parts"] as? [Any] ?? [] {
                if let s = part as? String { prompt += s; continue }
                let slice = try #require(part as? [String: Any])
                let text = Array(try DefaultModel.essay(slice["haystack_file"] as! String).unicodeScalars)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: text[(slice["start"] as! Int)..<(slice["end"] as! Int)])
                prompt += String(view)
            }
            let top5 = (o["top5_first_step"] as! [[Double]]).map { (Int32($0[0]), Float($0[1])) }
            return GreedyCase(name: o["name"] as! String, prompt: prompt, promptTokens: o["prompt_tokens"] as! Int,
                              top5: top5, greedy: (o["greedy32"] as! [Int]).map(Int32.init))
        }
    }

    @Test("first-step top-5 and 32 greedy tokens")
    func greedy() throws {
        let (model, tokenizer) = try #require(DefaultModel.loaded)
        var matching = 0
        let cases = try Self.greedyCases()
        for c in cases {
            let ids = tokenizer.encode(c.prompt, parseSpecial: true)
            #expect(ids.count == c.promptTokens, "\(c.name): \(ids.count) prompt tokens, llama.cpp has \(c.promptTokens)")
            let session = Session(model: model, numerics: .llamaCpp)
            var logits = try session.prefill(ids)
            let top = logits.indices.sorted { logits[$0] > logits[$1] }.prefix(5).map(Int32.init)
            #expect(Set(top) == Set(c.top5.map(\.0)), "\(c.name): top-5 \(top) vs \(c.top5.map(\.0))")
            let worst = c.top5.map { abs(logits[Int($0.0)] - $0.1) }.max()!
            print("golden \(c.name): top-5 logits differ from llama.cpp by at most \(worst): \(c.top5.map { logits[Int($0.0)] - $0.1 })")
            for (id, expected) in c.top5 {
                #expect(abs(logits[Int(id)] - expected) <= 0.5, "\(c.name): logit of \(id) is \(logits[Int(id)]), llama.cpp \(expected)")
            }
            var generated: [Int32] = []
            for _ in 0..<32 {
                let next = Int32(Sampler.argmax(logits))
                generated.append(next)
                logits = try session.step(next)
            }
            if generated == c.greedy { matching += 1 }
            print("golden \(c.name): greedy32 \(generated == c.greedy ? "same" : "differs at \(zip(generated, c.greedy).prefix { $0 == $1 }.count)")")
        }
        // llama-cpp numerics reproduce ggml's CPU arithmetic (flash attention,
        // 512-token micro-batches, 2 threads), so the runs follow llama.cpp's.
        #expect(matching >= 6, "\(matching) of \(cases.count) prompts give llama.cpp's 32 greedy tokens")
    }

    @Test("mean NLL on the 4K and 8K essay texts")
    func nll() throws {
        let (model, tokenizer) = try #require(DefaultModel.loaded)
        let essays = try DefaultModel.concatenatedEssays()
        for o in try Self.fixture("golden-nll.jsonl") {
            let offset = o["char_offset"] as! Int, chars = o["chars"] as! Int
            var view = String.UnicodeScalarView()
            view.append(contentsOf: essays[offset..<(offset + chars)])
            let tokens = tokenizer.encode(String(view), parseSpecial: false)
            #expect(tokens.count == o["tokens"] as! Int)
            let session = Session(model: model, maxTokens: tokens.count)
            let result = try NegativeLogLikelihood.evaluate(tokens, fromToken: o["score_from_token"] as! Int, session: session)
            let expected = o["mean_nll"] as! Double
            print("golden \(o["name"]!): mean NLL \(result.meanNLL) vs llama.cpp \(expected) (\(result.seconds) s)")
            #expect(result.scored == o["scored"] as! Int)
            #expect(abs(result.meanNLL - expected) <= 0.05, "\(o["name"]!): \(result.meanNLL) vs \(expected)")
        }
    }
}
