import Foundation
import GGUF
@testable import Inference

/// A tiny random-weight llama/qwen2 model written to a temporary GGUF file,
/// plus its weights in f32 for the reference forward pass.
struct TinyModel {
    static let d = 256, ff = 512, heads = 4, kvHeads = 2, headDim = 64, layers = 2, vocab = 96, context = 160

    let path: String
    let arch: Architecture
    /// Storage type of every matrix.
    let type: GGMLType
    /// Dequantized weights by tensor name, exactly as the engine sees them.
    let weights: [String: [Float]]

    /// Writes a model whose matrices are stored as `type`; `metadata`
    /// overrides `<arch>.<key>` integers (to build damaged headers).
    static func make(arch: Architecture, type: GGMLType, seed: UInt64, metadata: [String: UInt64] = [:]) throws -> TinyModel {
        var rng = SplitMix64(seed: seed)
        var w = GGUFWriter()
        let a = arch.rawValue
        w.set("general.architecture", .string(a))
        w.set("general.name", .string("tiny-\(a)-\(type)"))
        for (k, v) in [("context_length", context), ("embedding_length", d), ("block_count", layers),
                       ("feed_forward_length", ff), ("attention.head_count", heads),
                       ("attention.head_count_kv", kvHeads), ("vocab_size", vocab)] {
            w.set("\(a).\(k)", .uint32(UInt32(v)))
        }
        for (k, v) in metadata { w.set("\(a).\(k)", .uint64(v)) }
        w.set("\(a).rope.freq_base", .float32(10000))
        w.set("\(a).attention.layer_norm_rms_epsilon", .float32(1e-5))
        var weights: [String: [Float]] = [:]
        func add(_ name: String, _ shape: [Int], _ t: GGMLType, scale: Float, offset: Float = 0) throws {
            let n = shape.reduce(1, *)
            let values = (0..<n).map { _ in offset + scale * Float(rng.nextUnit() * 2 - 1) }
            try w.addTensor(name, type: t, shape: shape, values: values)
            let bytes = try Quantized.bytes(t, values)
            weights[name] = [Float](unsafeUninitializedCapacity: n) { buf, c in
                bytes.withUnsafeBytes { Dequantize.row(t, from: $0.baseAddress!, to: buf.baseAddress!, count: n) }
                c = n
            }
        }
        try add("token_embd.weight", [d, vocab], type, scale: 1)
        try add("output_norm.weight", [d], .f32, scale: 0.2, offset: 1)
        for l in 0..<layers {
            let p = "blk.\(l)."
            try add(p + "attn_norm.weight", [d], .f32, scale: 0.2, offset: 1)
            try add(p + "ffn_norm.weight", [d], .f32, scale: 0.2, offset: 1)
            try add(p + "attn_q.weight", [d, heads * headDim], type, scale: 0.12)
            try add(p + "attn_k.weight", [d, kvHeads * headDim], type, scale: 0.12)
            try add(p + "attn_v.weight", [d, kvHeads * headDim], type, scale: 0.12)
            try add(p + "attn_output.weight", [heads * headDim, d], type, scale: 0.08)
            try add(p + "ffn_gate.weight", [d, ff], type, scale: 0.08)
            try add(p + "ffn_up.weight", [d, ff], type, scale: 0.08)
            try add(p + "ffn_down.weight", [ff, d], type, scale: 0.06)
            if arch == .qwen2 {
                try add(p + "attn_q.bias", [heads * headDim], .f32, scale: 0.1)
                try add(p + "attn_k.bias", [kvHeads * headDim], .f32, scale: 0.1)
                try add(p + "attn_v.bias", [kvHeads * headDim], .f32, scale: 0.1)
            }
        }
        let path = NSTemporaryDirectory() + "precis-tiny-\(a)-\(type)-\(UUID().uuidString).gguf"
        try w.write(to: path)
        return TinyModel(path: path, arch: arch, type: type, weights: weights)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The bytes `GGUFWriter` stores for `values` quantized as `type`.
enum Quantized {
    static func bytes(_ type: GGMLType, _ values: [Float]) throws -> [UInt8] {
        Quantize.bytes(type, from: values)
    }
}
