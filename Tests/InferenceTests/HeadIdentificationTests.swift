import Foundation
import Testing
@testable import Inference
@testable import InferenceLab

/// Head ablation on the identification objective, and checkpointed runs.
@Suite("Head identification")
struct HeadIdentificationTests {
    struct Stop: Error {}

    static func sample(seed: UInt64, length: Int = 150) -> HeadAblation.Sample {
        var rng = SplitMix64(seed: seed)
        let tokens = (0..<length).map { _ in Int32(rng.next() % UInt64(TinyModel.vocab)) }
        return HeadAblation.Sample(tokens: tokens, targetRows: Array((length - 8)..<length))
    }

    static func settings(lengths: [Int] = [150, 120]) -> HeadIdentification.Settings {
        HeadIdentification.Settings(lengths: lengths, keysPerSample: 1, seed: 3, sink: 2, recent: 8, chunk: 16,
                                    model: "tiny", haystack: "random tokens")
    }

    /// Final-normalized hidden states of `sample` run from the embedding with `layout`.
    func finalStates(_ model: Model, _ sample: HeadAblation.Sample, layout: HeadLayout?) throws -> [Float] {
        let d = model.config.embeddingLength
        var states = [Float](repeating: 0, count: sample.tokens.count * d)
        let session = Session(model: model, layout: layout, chunkSize: 16)
        try session.prefill(sample.tokens) { start, count in
            var hooks = ForwardHooks()
            hooks.finalHidden = { h in states.withUnsafeMutableBufferPointer { ($0.baseAddress! + start * d).update(from: h, count: count * d) } }
            return hooks
        }
        return sample.targetRows.flatMap { states[($0 * d)..<(($0 + 1) * d)] }
    }

    @Test("restarting at the head's layer gives the distance of a whole streaming run")
    func restartMatchesWholeRun() throws {
        let tiny = try TinyModel.make(arch: .llama, type: .q8_0, seed: 11)
        defer { tiny.remove() }
        let model = try Model.load(path: tiny.path)
        let sample = Self.sample(seed: 1)
        let ablation = HeadAblation(model: model, sink: 2, recent: 8, chunkSize: 16)
        let baseline = try ablation.baseline(sample)
        let full = try finalStates(model, sample, layout: nil)
        let scale = full.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(full.count)
        for (layer, head) in [(0, 1), (1, 0)] {
            var kinds = HeadLayout.full(model.config).kinds
            kinds[layer][head] = .streaming
            let streamed = try finalStates(model, sample, layout: HeadLayout(kinds: kinds, sink: 2, recent: 8))
            let expected = zip(streamed, full).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) } / Double(full.count) / scale
            let got = try ablation.distance(layer: layer, head: head, baseline: baseline)
            #expect(expected > 0)
            #expect(abs(got - expected) <= 1e-9 * expected, "layer \(layer) head \(head): \(got) vs \(expected)")
        }
        // Nothing is evicted when the window covers the sample: no effect
        // beyond summation order.
        let wide = HeadAblation(model: model, sink: 100, recent: 100, chunkSize: 16)
        #expect(try wide.distance(layer: 0, head: 0, baseline: wide.baseline(sample)) < 1e-9)
    }

    @Test("an interrupted run resumes from its checkpoint to the same gates")
    func resume() throws {
        let tiny = try TinyModel.make(arch: .qwen2, type: .f16, seed: 12)
        defer { tiny.remove() }
        let model = try Model.load(path: tiny.path)
        let samples = [Self.sample(seed: 1), Self.sample(seed: 2, length: 120)]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ident-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = HeadIdentification(model: model, samples: samples, settings: Self.settings())

        let reference = try run.run(checkpointPath: dir + "/a.json") { _ in }
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try run.run(checkpointPath: dir + "/b.json") { p in if p.headsDone >= 3 { throw Stop() } }
        }
        let resumed = try run.run(checkpointPath: dir + "/b.json") { p in
            if seen == 0 { #expect(p.headsDone == 3) }
            seen += 1
        }
        #expect(resumed == reference)
        #expect(reference.joined().contains { $0 > 0 })

        let other = HeadIdentification(model: model, samples: samples, settings: Self.settings(lengths: [150, 121]))
        #expect(throws: IdentificationError.self) { _ = try other.run(checkpointPath: dir + "/b.json") { _ in } }
    }

    @Test("gates keep the order of the distances and put the median at 0.5")
    func gateScaling() {
        let gates = HeadAblation.gates(from: [[[0.0, 1.0, 4.0]], [[0.0, 3.0, 8.0]]])
        #expect(gates == [[0, 0.5, Float(6.0 / 8.0)]])
        #expect(HeadAblation.gates(from: [[[0, 0], [0, 2]]]) == [[0, 0], [0, 1]])
    }
}
