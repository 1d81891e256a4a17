import Foundation
import GGUF
import GGUFWriting
import Testing
@testable import Inference

/// On a GPU only: whole sessions on the CUDA backend against the CPU
/// backend, on the tiny random model of every architecture and a
/// random-weight SmolLM2-shaped model, with full attention and with half
/// the KV heads streaming: first-step top-5 equal, logits within 1e-2,
/// 32 greedy tokens equal, teacher-forced NLL within 0.01.
@Suite("CUDA backend agrees with the CPU", .serialized,
       .enabled(if: CUDATestSupport.gpu != nil && CUDATestSupport.compiler != nil, "needs a GPU and NVRTC"))
struct CUDABackendTests {
    static let chunk = 16

    static func models() throws -> [String: String] {
        var paths: [String: String] = [:]
        let directory = ArchitectureFixtureTests.modelDirectory
        for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where file.hasSuffix(".gguf") {
            paths[String(file.dropLast(5))] = directory + "/" + file
        }
        var shape = TinyModelShape(architecture: "llama", matrixType: .q4_1, context: 2048)
        (shape.embedding, shape.feedForward, shape.heads, shape.kvHeads, shape.headDim, shape.layers, shape.vocabulary) =
            (576, 1536, 9, 3, 64, 30, 49152)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("precis-smollm2-shaped.gguf").path
        var rng = SplitMix64(seed: 135)
        try TinyModelBuilder.write(shape, to: path, using: &rng)
        paths["smollm2-shaped"] = path
        return paths
    }

    static func layouts(_ config: ModelConfig) -> [(String, HeadLayout)] {
        let kinds = (0..<config.layerCount).map { l in (0..<config.kvHeadCount).map { h in (l + h) % 2 == 0 ? HeadKind.streaming : .retrieval } }
        return [("full", .full(config)), ("duo", HeadLayout(kinds: kinds, sink: 4, recent: 8))]
    }

    @Test("prefill logits, greedy continuation and NLL equal the CPU's, full and DuoAttention")
    func agrees() throws {
        let kernels = try CUDAKernelAgreementTests.kernels()
        for (name, path) in try Self.models().sorted(by: { $0.key < $1.key }) {
            let model = try Model.load(path: path)
            var rng = SplitMix64(seed: 7)
            let prompt = (0..<40).map { _ in Int32(rng.next() % UInt64(model.config.vocabSize)) }
            for (layoutName, layout) in Self.layouts(model.config) {
                let what = "\(name) \(layoutName)"
                let cpu = Session(model: model, layout: layout, chunkSize: Self.chunk)
                let gpu = Session(model: model, cache: HybridKVCache(config: model.config, layout: layout), chunkSize: Self.chunk,
                                  backend: try CUDABackend(model: model, chunkSize: Self.chunk, kernels: kernels))
                let (a, b) = (try cpu.prefill(prompt), try gpu.prefill(prompt))
                #expect(Self.top5(a) == Self.top5(b), "\(what): top-5")
                let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
                #expect(worst <= 1e-2, "\(what): logits off by \(worst)")
                var (x, y) = (Sampler.argmax(a), Sampler.argmax(b)), (cpuTokens, gpuTokens) = ([Int](), [Int]())
                for _ in 0..<32 {
                    cpuTokens.append(x); gpuTokens.append(y)
                    (x, y) = (Sampler.argmax(try cpu.step(Int32(x))), Sampler.argmax(try gpu.step(Int32(y))))
                }
                #expect(cpuTokens == gpuTokens, "\(what): greedy")
                let (p, q) = (try Self.nll(model, layout, prompt, nil), try Self.nll(model, layout, prompt, kernels))
                #expect(abs(p - q) <= 0.01, "\(what): NLL \(p) vs \(q)")
            }
        }
    }

    static func top5(_ logits: [Float]) -> [Int] { logits.indices.sorted { logits[$0] > logits[$1] }.prefix(5).map { $0 } }

    /// Mean teacher-forced NLL of `tokens` (nats per token), on the GPU when `kernels` is given.
    static func nll(_ model: Model, _ layout: HeadLayout, _ tokens: [Int32], _ kernels: CUDAKernels?) throws -> Double {
        let session = try kernels.map {
            Session(model: model, cache: HybridKVCache(config: model.config, layout: layout), chunkSize: chunk,
                    backend: try CUDABackend(model: model, chunkSize: chunk, kernels: $0))
        } ?? Session(model: model, layout: layout, chunkSize: chunk)
        var total = 0.0
        try session.prefill(tokens, logitsFor: .all) { first, logits, vocab in
            for row in 0..<(logits.count / vocab) where first + row + 1 < tokens.count {
                let slice = logits[(row * vocab)..<((row + 1) * vocab)], top = Double(slice.max()!)
                let sum = slice.reduce(0.0) { $0 + exp(Double($1) - top) }
                total += log(sum) + top - Double(slice[row * vocab + Int(tokens[first + row + 1])])
            }
        }
        return total / Double(tokens.count - 1)
    }
}
