import Foundation
import GGUF
import Inference

/// A tiny random-weight llama model in a temporary GGUF file (the shape of
/// InferenceTests' `TinyModel`), for running real sessions in snapshot tests.
enum TinyModel {
    static let d = 256, ff = 512, heads = 4, kvHeads = 2, headDim = 64, layers = 2, vocab = 96, context = 320

    /// Writes the model and returns its path; the caller removes it.
    static func write(seed: UInt64) throws -> String {
        var rng = SplitMix64(seed: seed)
        var w = GGUFWriter()
        w.set("general.architecture", .string("llama"))
        w.set("general.name", .string("tiny-llama-snapshot"))
        for (k, v) in [("context_length", context), ("embedding_length", d), ("block_count", layers),
                       ("feed_forward_length", ff), ("attention.head_count", heads),
                       ("attention.head_count_kv", kvHeads), ("vocab_size", vocab)] {
            w.set("llama.\(k)", .uint32(UInt32(v)))
        }
        w.set("llama.rope.freq_base", .float32(10000))
        w.set("llama.attention.layer_norm_rms_epsilon", .float32(1e-5))
        func add(_ name: String, _ shape: [Int], _ t: GGMLType, scale: Float, offset: Float = 0) throws {
            let n = shape.reduce(1, *)
            try w.addTensor(name, type: t, shape: shape,
                            values: (0..<n).map { _ in offset + scale * Float(rng.nextUnit() * 2 - 1) })
        }
        try add("token_embd.weight", [d, vocab], .q8_0, scale: 1)
        try add("output_norm.weight", [d], .f32, scale: 0.2, offset: 1)
        for l in 0..<layers {
            let p = "blk.\(l)."
            try add(p + "attn_norm.weight", [d], .f32, scale: 0.2, offset: 1)
            try add(p + "ffn_norm.weight", [d], .f32, scale: 0.2, offset: 1)
            try add(p + "attn_q.weight", [d, heads * headDim], .q8_0, scale: 0.12)
            try add(p + "attn_k.weight", [d, kvHeads * headDim], .q8_0, scale: 0.12)
            try add(p + "attn_v.weight", [d, kvHeads * headDim], .q8_0, scale: 0.12)
            try add(p + "attn_output.weight", [heads * headDim, d], .q8_0, scale: 0.08)
            try add(p + "ffn_gate.weight", [d, ff], .q8_0, scale: 0.08)
            try add(p + "ffn_up.weight", [d, ff], .q8_0, scale: 0.08)
            try add(p + "ffn_down.weight", [ff, d], .q8_0, scale: 0.06)
        }
        let path = NSTemporaryDirectory() + "precis-snapshot-tiny-\(UUID().uuidString).gguf"
        try w.write(to: path)
        return path
    }
}
