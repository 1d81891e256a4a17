import GGUF

/// The shape of a small random-weight decoder in the llama/qwen2 tensor layout.
public struct TinyModelShape: Sendable {
    public var architecture: String
    public var embedding = 256, feedForward = 512, heads = 4, kvHeads = 2, headDim = 64, layers = 2
    public var vocabulary = 96, context = 160
    /// Storage type of every matrix (norms and biases are f32).
    public var matrixType: GGMLType
    /// q/k/v biases, as qwen2 has them.
    public var attentionBiases = false

    public init(architecture: String, matrixType: GGMLType, context: Int = 160) {
        self.architecture = architecture
        self.matrixType = matrixType
        self.context = context
        self.attentionBiases = architecture == "qwen2"
    }
}

/// Writes tiny random-weight models that the engine loads like real ones,
/// so tests run real sessions without a downloaded model.
///
/// Weights are uniform in ±scale per tensor, drawn in tensor order from the
/// caller's generator, so a seed reproduces a model exactly.
public enum TinyModelBuilder {
    /// Writes a model of `shape` to `path`; `metadata` overrides
    /// `<architecture>.<key>` integers (to build damaged headers). Returns
    /// every tensor dequantized, exactly as a reader of the file sees it.
    @discardableResult
    public static func write<R: RandomNumberGenerator>(_ shape: TinyModelShape, to path: String, using rng: inout R,
                                                       metadata: [String: UInt64] = [:]) throws -> [String: [Float]] {
        var w = GGUFWriter()
        header(shape, metadata: metadata, into: &w)
        var weights: [String: [Float]] = [:]
        for tensor in tensors(shape) {
            let n = tensor.shape.reduce(1, *)
            let values = (0..<n).map { _ in tensor.offset + tensor.scale * Float(unit(&rng) * 2 - 1) }
            try w.addTensor(tensor.name, type: tensor.type, shape: tensor.shape, values: values)
            weights[tensor.name] = dequantized(values, as: tensor.type)
        }
        try w.write(to: path)
        return weights
    }

    /// `[0, 1)` from 53 bits of the generator.
    private static func unit<R: RandomNumberGenerator>(_ rng: inout R) -> Double {
        Double(rng.next() >> 11) / Double(1 << 53)
    }

    private static func header(_ s: TinyModelShape, metadata: [String: UInt64], into w: inout GGUFWriter) {
        let a = s.architecture
        w.set("general.architecture", .string(a))
        w.set("general.name", .string("tiny-\(a)-\(s.matrixType)"))
        for (k, v) in [("context_length", s.context), ("embedding_length", s.embedding), ("block_count", s.layers),
                       ("feed_forward_length", s.feedForward), ("attention.head_count", s.heads),
                       ("attention.head_count_kv", s.kvHeads), ("vocab_size", s.vocabulary)] {
            w.set("\(a).\(k)", .uint32(UInt32(v)))
        }
        for (k, v) in metadata { w.set("\(a).\(k)", .uint64(v)) }
        w.set("\(a).rope.freq_base", .float32(10000))
        w.set("\(a).attention.layer_norm_rms_epsilon", .float32(1e-5))
    }

    private struct Tensor {
        let name: String, shape: [Int], type: GGMLType, scale: Float, offset: Float
    }

    private static func tensors(_ s: TinyModelShape) -> [Tensor] {
        let m = s.matrixType, d = s.embedding, q = s.heads * s.headDim, kv = s.kvHeads * s.headDim
        func norm(_ name: String) -> Tensor { Tensor(name: name, shape: [d], type: .f32, scale: 0.2, offset: 1) }
        var list = [Tensor(name: "token_embd.weight", shape: [d, s.vocabulary], type: m, scale: 1, offset: 0),
                    norm("output_norm.weight")]
        for l in 0..<s.layers {
            let p = "blk.\(l)."
            list += [norm(p + "attn_norm.weight"), norm(p + "ffn_norm.weight")]
            for (name, shape, scale) in [("attn_q", [d, q], 0.12), ("attn_k", [d, kv], 0.12), ("attn_v", [d, kv], 0.12),
                                         ("attn_output", [q, d], 0.08), ("ffn_gate", [d, s.feedForward], 0.08),
                                         ("ffn_up", [d, s.feedForward], 0.08), ("ffn_down", [s.feedForward, d], 0.06)]
                as [(String, [Int], Float)] {
                list.append(Tensor(name: p + name + ".weight", shape: shape, type: m, scale: scale, offset: 0))
            }
            if s.attentionBiases {
                for (name, width) in [("attn_q", q), ("attn_k", kv), ("attn_v", kv)] {
                    list.append(Tensor(name: p + name + ".bias", shape: [width], type: .f32, scale: 0.1, offset: 0))
                }
            }
        }
        return list
    }

    private static func dequantized(_ values: [Float], as type: GGMLType) -> [Float] {
        let bytes = Quantize.bytes(type, from: values)
        return [Float](unsafeUninitializedCapacity: values.count) { buf, count in
            bytes.withUnsafeBytes { Dequantize.row(type, from: $0.baseAddress!, to: buf.baseAddress!, count: values.count) }
            count = values.count
        }
    }
}
