import Foundation
import GGUF
import Testing
@testable import Inference
@testable import InferenceLab

/// DuoAttention on a model with sliding-window layers (the Gemma 3 fixture:
/// layer 0 slides with a window of 8, layer 1 is global): only global
/// layers are gated; sliding layers keep every head and their own window.
@Suite("DuoAttention with sliding-window layers")
struct SlidingWindowDuoTests {
    static func gemma() throws -> (Model, GGUFFile) {
        let c = try #require(ArchitectureFixtureTests.cases["gemma3"])
        let model = try ArchitectureFixtureTests.model(c)
        return (model, model.file)
    }

    @Test("patterns stream only heads of global layers, at the sparsity of those heads")
    func patternsGateGlobalLayersOnly() throws {
        let (model, gguf) = try Self.gemma()
        #expect(model.config.layerWindows == [8, nil])
        let pattern = try #require(try AttentionChoice.Source.random(seed: 3).pattern(for: gguf, config: model.config))
        #expect(pattern.ungatedLayers == [0])
        #expect(pattern.gatedHeads == 2)
        let layout = pattern.layout(sparsity: 0.5)
        #expect(layout.kinds[0] == [.retrieval, .retrieval])
        #expect(layout.kinds[1].filter { $0 == .streaming }.count == 1)
        #expect(pattern.layout(sparsity: 1).kinds == [[.retrieval, .retrieval], [.streaming, .streaming]])
        // A layout that streams a sliding layer's head (a pattern not resolved for this model) keeps it whole.
        let session = Session(model: model, layout: HeadLayout(kinds: [[.streaming, .retrieval], [.streaming, .retrieval]], sink: 2, recent: 4))
        #expect(session.cache.layout.kinds == [[.retrieval, .retrieval], [.streaming, .retrieval]])
    }

    @Test("a DuoAttention session runs and equals full attention while nothing is evicted")
    func sessionRuns() throws {
        let (model, gguf) = try Self.gemma()
        let pattern = try #require(try AttentionChoice.Source.random(seed: 3).pattern(for: gguf, config: model.config))
        let tokens = (0..<40).map { Int32(3 + $0 * 7 % 120) }
        let full = Session(model: model, chunkSize: 9)
        let wide = Session(model: model, layout: pattern.layout(sparsity: 1, sink: 64, recent: 64), chunkSize: 9)
        let narrow = Session(model: model, layout: pattern.layout(sparsity: 1, sink: 2, recent: 4), chunkSize: 9)
        let a = try full.prefill(tokens), b = try wide.prefill(tokens), c = try narrow.prefill(tokens)
        #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(zip(a, c).contains { abs($0 - $1) > 1e-3 })
        var next = Int32(Sampler.argmax(c))
        for _ in 0..<8 { next = Int32(Sampler.argmax(try narrow.step(next))) }
        #expect(narrow.position == tokens.count + 8)
    }

    @Test("identification measures global layers only and leaves sliding layers at gate 1")
    func identificationSkipsSlidingLayers() throws {
        let (model, _) = try Self.gemma()
        let sample = HeadAblation.Sample(tokens: (0..<48).map { Int32(3 + $0 * 5 % 120) }, targetRows: [40, 44, 46])
        let run = HeadIdentification(model: model, samples: [sample], settings: HeadIdentificationTests.settings())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ident-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var total = 0
        let gates = try run.run(checkpointPath: dir) { total = $0.headsTotal }
        #expect(total == 2)
        #expect(gates[0] == [1, 1])
        #expect(gates[1].allSatisfy { $0 >= 0 && $0 <= 1 })
    }
}
