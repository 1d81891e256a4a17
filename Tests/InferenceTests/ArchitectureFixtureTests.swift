import Foundation
import Testing
@testable import Inference

/// Every architecture beyond the golden llama/qwen2 models against
/// llama.cpp's own outputs for a tiny random-weight GGUF of it
/// (Fixtures/architectures, made by scripts/arch-fixtures.sh): first-step
/// top-5 logits, 16 greedy tokens and teacher-forced NLL.
@Suite("Architectures agree with llama.cpp")
struct ArchitectureFixtureTests {
    struct Case: Decodable {
        struct Logit: Decodable { var id: Int; var logit: Float }
        var model: String
        var prompt: [Int32]
        var nll_tokens: [Int32]
        var top5: [Logit]
        var greedy: [Int32]
        var nll: Double
    }

    static let cases: [String: Case] = {
        guard let url = Bundle.module.url(forResource: "Fixtures/architectures/cases", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: Case].self, from: data)) ?? [:]
    }()

    /// Where `make arch-models` writes the models (`.build/arch-models` of this checkout).
    static let modelDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.build/arch-models").standardized.path

    static func model(_ c: Case) throws -> Model {
        let path = modelDirectory + "/" + c.model
        try #require(FileManager.default.fileExists(atPath: path), "\(path) is missing: `make arch-models` writes it")
        return try Model.load(path: path)
    }

    @Test("the fixtures cover every architecture the engine registers")
    func everyArchitectureHasAFixture() throws {
        var covered: Set<Architecture> = [.qwen2]  // the golden tests run the default Qwen2.5 and SmolLM2 (llama) models
        for c in Self.cases.values { covered.insert(try Self.model(c).config.architecture) }
        #expect(covered == Set(Architecture.allCases))
    }

    @Test("first-step top-5, 16 greedy tokens and NLL", arguments: ["llama32", "qwen3", "gemma3", "phi3", "smollm3"])
    func agreesWithLlamaCpp(name: String) throws {
        let c = try #require(Self.cases[name], "no fixture \(name)")
        let model = try Self.model(c)
        let session = Session(model: model, chunkSize: 7)  // chunks shorter than the prompt and than Gemma's window
        var logits = try session.prefill(c.prompt)
        let top = logits.indices.sorted { logits[$0] > logits[$1] }.prefix(5)
        print("\(name): top-5 logits within \(c.top5.map { abs(logits[$0.id] - $0.logit) }.max()!) of llama.cpp")
        for (expected, got) in zip(c.top5, top) {
            #expect(abs(logits[expected.id] - expected.logit) < 2e-3,
                    "\(name): logit of \(expected.id) is \(logits[expected.id]), llama.cpp \(expected.logit)")
            // Neighbours closer than the tolerance may trade places; the ids must otherwise agree.
            #expect(got == expected.id || abs(logits[got] - expected.logit) < 2e-3, "\(name): top-5 \(Array(top))")
        }
        var greedy: [Int32] = []
        for _ in 0..<16 {
            let next = Int32(Sampler.argmax(logits))
            greedy.append(next)
            logits = try session.step(next)
        }
        #expect(greedy == c.greedy, "\(name): greedy \(greedy), llama.cpp \(c.greedy)")
        let nll = try NegativeLogLikelihood.evaluate(c.nll_tokens, fromToken: 1, session: Session(model: model, chunkSize: 11)).meanNLL
        print("\(name): NLL \(nll), llama.cpp \(c.nll)")
        #expect(abs(nll - c.nll) < 1e-3, "\(name): NLL \(nll), llama.cpp \(c.nll)")
    }
}
