import Foundation
import GGUF
import Inference
import Testing
@testable import Snapshot

/// A real session saved and restored: decoding continues exactly.
@Suite("Snapshot session restore")
struct SessionRestoreTests {
    @Test("a session restored from an f16 snapshot decodes bit-identically", arguments: [false, true])
    func continuesExactly(fullAttention: Bool) throws {
        let modelPath = try TinyModel.write(seed: 12)
        defer { try? FileManager.default.removeItem(atPath: modelPath) }
        let gguf = try GGUFFile(path: modelPath)
        let model = try Model.load(gguf)
        let layout = fullAttention ? HeadLayout.full(model.config)
            : HeadLayout(kinds: [[.retrieval, .streaming], [.streaming, .retrieval]], sink: 4, recent: 16)
        let chunk = 37
        let identity = SnapshotIdentity(modelFingerprint: gguf.contentFingerprint(cache: nil), tokenizerFingerprint: "none",
                                        patternFingerprint: SnapshotIdentity.patternFingerprint(of: layout),
                                        sparsity: layout.sparsity, sink: layout.sink, recent: layout.recent, chunk: chunk)
        var rng = SplitMix64(seed: 5)
        let prompt = (0..<150).map { _ in Int32(rng.next() % UInt64(TinyModel.vocab)) }
        let continuation = (0..<20).map { _ in Int32(rng.next() % UInt64(TinyModel.vocab)) }

        let original = Session(model: model, layout: layout, chunkSize: chunk)
        try original.prefill(prompt)
        let path = Fixtures.temporaryPath("session.pkv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Snapshot.write(cache: original.cache, tokens: prompt, identity: identity, codec: .f16, to: path)

        let back = try Snapshot.read(path: path, expecting: identity, config: model.config, layout: layout)
        #expect(back.tokens == prompt)
        let restored = Session(model: model, cache: back.cache, chunkSize: chunk)
        #expect(restored.position == original.position)
        for (i, token) in continuation.enumerated() {
            let a = try original.step(token), b = try restored.step(token)
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "step \(i) differs")
        }
    }

    @Test("lossy snapshots continue with logits close to the original's", arguments: [SnapshotCodec.int8, .int4])
    func lossyContinues(codec: SnapshotCodec) throws {
        let modelPath = try TinyModel.write(seed: 12)
        defer { try? FileManager.default.removeItem(atPath: modelPath) }
        let model = try Model.load(path: modelPath)
        let layout = HeadLayout(kinds: [[.retrieval, .streaming], [.streaming, .retrieval]], sink: 4, recent: 16)
        let identity = Fixtures.identity(layout, chunk: 64)
        let prompt = (0..<200).map { Int32($0 * 13 % TinyModel.vocab) }
        let original = Session(model: model, layout: layout, chunkSize: 64)
        try original.prefill(prompt)
        let path = Fixtures.temporaryPath("lossy.pkv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Snapshot.write(cache: original.cache, tokens: prompt, identity: identity, codec: codec, to: path)
        let restored = Session(model: model, cache: try Snapshot.read(path: path, expecting: identity, config: model.config).cache,
                               chunkSize: 64)
        let a = try original.step(7), b = try restored.step(7)
        let scale = a.map(abs).max() ?? 1
        let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= scale * (codec == .int8 ? 0.05 : 0.3), "worst logit difference \(worst) of \(scale)")
    }
}
