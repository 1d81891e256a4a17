import Foundation
import GGUF

/// Llama-family models (Llama 2/3, Mistral, SmolLM, TinyLlama): RMSNorm,
/// grouped-query attention with interleaved RoPE, SwiGLU feed-forward,
/// tied or separate output head, optional `rope_freqs` and Llama-3 scaling.
enum Llama {
    static func load(_ file: GGUFFile, config: ModelConfig, biases: Bool = false) throws -> Model {
        let w = WeightLoader(file: file)
        let c = config
        let embedding = try w.matrix("token_embd.weight", rows: c.vocabSize, cols: c.embeddingLength)
        let layers = try (0..<c.layerCount).map { try layer($0, w, c, biases: biases) }
        let output = w.has("output.weight")
            ? try w.matrix("output.weight", rows: c.vocabSize, cols: c.embeddingLength)
            : embedding
        return Model(config: c, file: file, tokenEmbedding: embedding, layers: layers,
                     outputNorm: try w.vector("output_norm.weight", count: c.embeddingLength),
                     output: output, ropeFrequencies: try RopeFrequencies.compute(c, w))
    }

    private static func layer(_ i: Int, _ w: WeightLoader, _ c: ModelConfig, biases: Bool) throws -> LayerWeights {
        let p = "blk.\(i)."
        let d = c.embeddingLength
        return LayerWeights(
            attentionNorm: try w.vector(p + "attn_norm.weight", count: d),
            query: try w.matrix(p + "attn_q.weight", rows: c.qDim, cols: d),
            key: try w.matrix(p + "attn_k.weight", rows: c.kvDim, cols: d),
            value: try w.matrix(p + "attn_v.weight", rows: c.kvDim, cols: d),
            output: try w.matrix(p + "attn_output.weight", rows: d, cols: c.qDim),
            queryBias: biases ? try w.vector(p + "attn_q.bias", count: c.qDim) : nil,
            keyBias: biases ? try w.vector(p + "attn_k.bias", count: c.kvDim) : nil,
            valueBias: biases ? try w.vector(p + "attn_v.bias", count: c.kvDim) : nil,
            feedForwardNorm: try w.vector(p + "ffn_norm.weight", count: d),
            gate: try w.matrix(p + "ffn_gate.weight", rows: c.feedForwardLength, cols: d),
            up: try w.matrix(p + "ffn_up.weight", rows: c.feedForwardLength, cols: d),
            down: try w.matrix(p + "ffn_down.weight", rows: d, cols: c.feedForwardLength))
    }
}

/// RoPE angle steps per rotated pair, including frequency scaling.
enum RopeFrequencies {
    static func compute(_ c: ModelConfig, _ w: WeightLoader) throws -> [Float] {
        let pairs = c.ropeDimensions / 2
        var freqs = (0..<pairs).map { i in
            Float(pow(Double(c.ropeFreqBase), -2.0 * Double(i) / Double(c.ropeDimensions)))
        }
        switch c.ropeScaling {
        case .none: break
        case let .linear(factor): freqs = freqs.map { $0 / factor }
        case let .llama3(factor, low, high, original):
            if w.has("rope_freqs.weight") {
                let divisors = try w.vector("rope_freqs.weight", count: pairs)
                freqs = zip(freqs, divisors).map { $0 / $1 }
            } else {
                freqs = freqs.map { llama3($0, factor: factor, low: low, high: high, original: Float(original)) }
            }
        }
        return freqs
    }

    /// Llama-3.1 frequency smoothing (the same rule that produces `rope_freqs`).
    static func llama3(_ f: Float, factor: Float, low: Float, high: Float, original: Float) -> Float {
        let wavelength = 2 * Float.pi / f
        let lowWavelength = original / low, highWavelength = original / high
        if wavelength < highWavelength { return f }
        if wavelength > lowWavelength { return f / factor }
        let smooth = (original / wavelength - low) / (high - low)
        return (1 - smooth) * f / factor + smooth * f
    }
}
