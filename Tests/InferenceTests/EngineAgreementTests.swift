import Foundation
import GGUF
import Testing
@testable import Inference

/// The optimized engine (SIMD mat-vec, sgemm prefill, tiled attention,
/// threads) must agree with the plain reference for every weight format.
@Suite("Engine agrees with a scalar reference")
struct EngineAgreementTests {
    static let types: [GGMLType] = [.f32, .f16, .bf16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0,
                                    .q2_K, .q3_K, .q4_K, .q5_K, .q6_K, .q8_K, .iq4_nl, .iq4_xs]

    @Test("prefill in chunks and decoding match the reference", arguments: [Architecture.llama, .qwen2], types)
    func agreement(arch: Architecture, type: GGMLType) throws {
        let tiny = try TinyModel.make(arch: arch, type: type, seed: UInt64(type.rawValue) &* 31 &+ 7)
        defer { tiny.remove() }
        let model = try Model.load(path: tiny.path)
        let reference = ReferenceForward(tiny: tiny, config: model.config, frequencies: model.ropeFrequencies)
        var rng = SplitMix64(seed: 42)
        let tokens = (0..<150).map { _ in Int(rng.next() % UInt64(TinyModel.vocab)) }
        let expected = reference.logits(tokens)

        // Chunked prefill with logits at every position (chunk boundaries inside tiles).
        let session = Session(model: model, chunkSize: 37)
        let prefix = 140
        var got = [[Float]](repeating: [], count: prefix)
        try session.prefill(tokens[..<prefix].map(Int32.init), logitsFor: .all) { first, logits, vocab in
            for r in 0..<(logits.count / vocab) { got[first + r] = Array(logits[(r * vocab)..<((r + 1) * vocab)]) }
        }
        for t in 0..<prefix { try expectClose(got[t], expected[t], "\(arch) \(type) prefill position \(t)") }

        // Decoding one token at a time continues from the chunked cache.
        for t in prefix..<tokens.count {
            let logits = try session.step(Int32(tokens[t]))
            try expectClose(logits, expected[t], "\(arch) \(type) decode position \(t)")
        }
    }
}
