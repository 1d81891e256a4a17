import Foundation
import Testing
@testable import Inference

/// The retrieval heads' attention a session reports while decoding, against
/// the softmax of a naive reference forward pass.
@Suite("Attention observer")
struct AttentionObserverTests {
    @Test("per-position attention of retrieval heads equals the reference, streaming heads left out")
    func matchesReference() throws {
        let tiny = try TinyModel.make(arch: .llama, type: .q8_0, seed: 41)
        defer { tiny.remove() }
        let model = try Model.load(path: tiny.path)
        let layout = HybridAttentionTests.mixedLayout(sink: 4, recent: 16)
        var rng = SplitMix64(seed: 3)
        let tokens = (0..<60).map { _ in Int(rng.next() % UInt64(TinyModel.vocab)) }
        let prefix = 50

        // Reference: per decoded position, the mean over retrieval query heads of their probabilities.
        var expected = [[Double]](repeating: [Double](repeating: 0, count: tokens.count), count: tokens.count)
        var heads = [Int](repeating: 0, count: tokens.count)
        let reference = ReferenceForward(tiny: tiny, config: model.config, frequencies: model.ropeFrequencies)
        _ = reference.logits(tokens, layout: layout, chunkStart: { t in t < prefix ? 0 : t }) { layer, head, query, p in
            guard layout.kinds[layer][head / model.config.groupSize] == .retrieval else { return }
            for (i, v) in p.enumerated() { expected[query][i] += v }
            heads[query] += 1
        }

        // Buckets: position i → bucket i, except the first two positions, which nobody asked about.
        let buckets = (0..<tokens.count).map { Int32($0 < 2 ? -1 : $0) }
        let observer = AttentionObserver(buckets: buckets, bucketCount: tokens.count)
        let session = Session(model: model, layout: layout, chunkSize: 64)
        try session.prefill(tokens[..<prefix].map(Int32.init))
        session.observer = observer
        for t in prefix..<tokens.count { _ = try session.step(Int32(tokens[t])) }

        #expect(observer.steps.count == tokens.count - prefix)
        for (step, row) in observer.steps.enumerated() {
            let query = prefix + step
            for i in 2...query {
                let want = expected[query][i] / Double(heads[query])
                #expect(abs(Double(row[i]) - want) < 1e-4, "step \(step) position \(i): \(row[i]) vs \(want)")
            }
            #expect(row[0] == 0 && row[1] == 0, "unbucketed positions are not counted")
            #expect(row[(query + 1)...].allSatisfy { $0 == 0 })
        }
    }
}
