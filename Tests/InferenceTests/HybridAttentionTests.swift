import Foundation
import GGUF
import Testing
@testable import Inference

/// DuoAttention: the optimized hybrid cache and attention kernels against a
/// naive masked reference, and the streaming window's bookkeeping.
@Suite("Hybrid attention")
struct HybridAttentionTests {
    /// Layer 0 head 1 and layer 1 head 0 stream; the others keep everything.
    static func mixedLayout(sink: Int, recent: Int) -> HeadLayout {
        HeadLayout(kinds: [[.retrieval, .streaming], [.streaming, .retrieval]], sink: sink, recent: recent)
    }

    @Test("chunked prefill and decoding match a masked reference",
          arguments: [(sink: 4, recent: 16, chunk: 37), (sink: 0, recent: 8, chunk: 20), (sink: 7, recent: 0, chunk: 64),
                      (sink: 64, recent: 256, chunk: 50)])
    func agreement(window: (sink: Int, recent: Int, chunk: Int)) throws {
        for arch in [Architecture.llama, .qwen2] {
            let tiny = try TinyModel.make(arch: arch, type: .q8_0, seed: 99)
            defer { tiny.remove() }
            let model = try Model.load(path: tiny.path)
            let layout = Self.mixedLayout(sink: window.sink, recent: window.recent)
            let reference = ReferenceForward(tiny: tiny, config: model.config, frequencies: model.ropeFrequencies)
            var rng = SplitMix64(seed: 7)
            let tokens = (0..<150).map { _ in Int(rng.next() % UInt64(TinyModel.vocab)) }
            let prefix = 130, chunk = window.chunk
            let expected = reference.logits(tokens, layout: layout) { t in t < prefix ? t / chunk * chunk : t }

            let session = Session(model: model, layout: layout, chunkSize: chunk)
            var got = [[Float]](repeating: [], count: prefix)
            try session.prefill(tokens[..<prefix].map(Int32.init), logitsFor: .all) { first, logits, vocab in
                for r in 0..<(logits.count / vocab) { got[first + r] = Array(logits[(r * vocab)..<((r + 1) * vocab)]) }
            }
            for t in 0..<prefix { try expectClose(got[t], expected[t], "\(arch) \(window) prefill \(t)") }
            for t in prefix..<tokens.count {
                try expectClose(try session.step(Int32(tokens[t])), expected[t], "\(arch) \(window) decode \(t)")
            }
        }
    }

    @Test("a full layout gives exactly the plain engine's logits")
    func fullLayoutIsPlainEngine() throws {
        let tiny = try TinyModel.make(arch: .llama, type: .q4_K, seed: 5)
        defer { tiny.remove() }
        let model = try Model.load(path: tiny.path)
        let tokens = (0..<120).map { Int32($0 * 7 % TinyModel.vocab) }
        let plain = Session(model: model, chunkSize: 32)
        let duo = Session(model: model, layout: HeadLayout(kinds: HeadLayout.full(model.config).kinds, sink: 4, recent: 8),
                          chunkSize: 32)
        #expect(try plain.prefill(tokens) == duo.prefill(tokens))
        #expect(try plain.step(3) == duo.step(3))
    }

    @Test("streaming heads hold sink + recent rows whatever the context length")
    func constantStreamingMemory() throws {
        let tiny = try TinyModel.make(arch: .llama, type: .f16, seed: 3)
        defer { tiny.remove() }
        let model = try Model.load(path: tiny.path)
        let all = HeadLayout(kinds: [[.streaming, .streaming], [.streaming, .streaming]], sink: 4, recent: 16)
        let session = Session(model: model, layout: all, chunkSize: 16)
        let expected = 2 * 2 * 2 * 20 * model.config.headDim * 2
        try session.prefill((0..<40).map { Int32($0 % TinyModel.vocab) })
        #expect(session.cache.bytes() == expected)
        try session.prefill((0..<100).map { Int32($0 % TinyModel.vocab) })
        #expect(session.cache.bytes() == expected)
        #expect(session.cache.count == 140)
    }

    @Test("the ring keeps the newest rows at position-determined slots")
    func ringEviction() throws {
        let tiny = try TinyModel.make(arch: .llama, type: .f32, seed: 3)
        defer { tiny.remove() }
        let model = try Model.load(path: tiny.path)
        let layout = HeadLayout(kinds: [[.streaming, .retrieval], [.retrieval, .retrieval]], sink: 2, recent: 3)
        let cache = HybridKVCache(config: model.config, layout: layout)
        let d = model.config.headDim
        // Commit tokens one at a time with key rows filled with their position.
        var row = [Float16](repeating: 0, count: d)
        for position in 0..<9 {
            for i in 0..<d { row[i] = Float16(Float(position)) }
            row.withUnsafeBufferPointer { p in
                cache.commitStreaming(layer: 0, head: 0, keys: p.baseAddress!, values: p.baseAddress!, count: 1)
            }
            cache.advance(by: 1)
        }
        let keys = cache.store(0, 0).keys
        let held = (0..<5).map { Int(Float(keys[$0 * d])) }
        // Sink 0, 1; ring slots (p - 2) % 3 for the last three positions 6, 7, 8.
        #expect(held == [0, 1, 8, 6, 7])
        #expect(cache.streamingRows() == 5)
        #expect(throws: ModelError.self) { try cache.truncate(to: 4) }
    }

    @Test("the streaming mask: sink, recent before the chunk, causal within it")
    func streamingMask() {
        let layout = HeadLayout(kinds: [[.streaming]], sink: 2, recent: 3)
        // Chunk starting at 10: sink 0-1, recent 7-9, chunk 10...query.
        let seen = (0..<14).filter { layout.streamingSees(key: $0, query: 12, chunkStart: 10) }
        #expect(seen == [0, 1, 7, 8, 9, 10, 11, 12])
        // Context shorter than sink + recent: everything before is visible.
        #expect((0..<4).allSatisfy { layout.streamingSees(key: $0, query: 3, chunkStart: 3) })
        // Decoding (chunk of one): sink, the last `recent`, itself.
        #expect((0..<21).filter { layout.streamingSees(key: $0, query: 20, chunkStart: 20) } == [0, 1, 17, 18, 19, 20])
    }
}

/// Persisting and restoring a hybrid cache through its raw rows.
@Suite("Hybrid cache rows")
struct HybridCacheRowsTests {
    @Test("a restored cache continues exactly like the original")
    func restoreContinues() throws {
        let tiny = try TinyModel.make(arch: .llama, type: .q4_0, seed: 21)
        defer { tiny.remove() }
        let model = try Model.load(path: tiny.path)
        let layout = HybridAttentionTests.mixedLayout(sink: 3, recent: 10)
        let session = Session(model: model, layout: layout, chunkSize: 16)
        try session.prefill((0..<77).map { Int32($0 * 5 % TinyModel.vocab) })
        let cache = session.cache
        #expect(cache.positions(layer: 0, head: 1) == [0, 1, 2, 73, 74, 75, 76, 67, 68, 69, 70, 71, 72])
        #expect(cache.positions(layer: 0, head: 0) == Array(0..<77))
        let restored = try HybridKVCache.restore(config: model.config, layout: layout, count: cache.count) { l, h, k, v in
            cache.withRows(layer: l, head: h) { ks, vs in
                _ = k.initialize(from: ks)
                _ = v.initialize(from: vs)
            }
        }
        #expect(restored.bytes() <= cache.bytes())
        let again = Session(model: model, cache: restored, chunkSize: 16)
        #expect(try again.step(9) == session.step(9))
    }
}
