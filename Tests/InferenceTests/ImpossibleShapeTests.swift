import Foundation
import GGUF
import Testing
@testable import Inference

/// A damaged header must fail with an error naming the field, not abort
/// trying to allocate what it claims (26 GB–1.9 TB in the probe).
@Suite struct ImpossibleShapeTests {
    @Test func absurdBlockCountIsRefused() throws {
        let tiny = try TinyModel.make(arch: .llama, type: .q8_0, seed: 5, metadata: ["block_count": 1 << 34])
        defer { tiny.remove() }
        #expect {
            try Model.load(path: tiny.path)
        } throws: { "\($0)".contains("block_count is 17179869184 but the file holds tensors for 2 blocks") }
    }

    @Test func absurdContextLengthIsRefused() throws {
        let tiny = try TinyModel.make(arch: .qwen2, type: .q8_0, seed: 6, metadata: ["context_length": 1 << 40])
        defer { tiny.remove() }
        #expect {
            try Model.load(path: tiny.path)
        } throws: { "\($0)".contains("context_length is 1099511627776") }
    }

    /// A long (but possible) context costs nothing until tokens arrive: the
    /// decode scratch grows with the cache, not with the model's context.
    @Test func buffersAreSizedByTheRunNotTheContext() throws {
        let tiny = try TinyModel.make(arch: .llama, type: .q8_0, seed: 7, metadata: ["context_length": 1 << 24])
        defer { tiny.remove() }
        let session = Session(model: try Model.load(path: tiny.path), chunkSize: 16)
        #expect(session.cache.maxTokens == 1 << 24)
        let buffers = try #require((session.backend as? CPUBackend)?.buffers)
        let largest = buffers.attentionScratch.map(\.scoresCapacity).max() ?? 0
        #expect(largest < 1 << 20)
        var logits = try session.prefill(Array(0..<40).map { Int32($0) })
        for _ in 0..<300 { logits = try session.step(Int32(logits.indices.max { logits[$0] < logits[$1] } ?? 0)) }
        #expect(session.position == 340)
        #expect(logits.allSatisfy { $0.isFinite })
    }
}
