import Foundation
import GGUF

/// Reads the weights every decoder shares (embedding, output head, RoPE
/// tables) and each layer through its architecture's definition.
enum DecoderWeights {
    static func load(_ file: GGUFFile, config c: ModelConfig) throws -> Model {
        let w = WeightLoader(file: file)
        let embedding = try w.matrix("token_embd.weight", rows: c.vocabSize, cols: c.embeddingLength)
        let definition = c.architecture.definition
        let layers = try (0..<c.layerCount).map { try definition.layer($0, w, c) }
        let output = w.has("output.weight")
            ? try w.matrix("output.weight", rows: c.vocabSize, cols: c.embeddingLength)
            : embedding
        let rope = try RopeFrequencies.compute(c, w)
        var sliding = c
        sliding.ropeFreqBase = c.slidingRopeFreqBase
        sliding.ropeScaling = .none
        let slidingRope = c.hasSlidingLayers ? try RopeFrequencies.compute(sliding, w) : rope
        return Model(config: c, file: file, tokenEmbedding: embedding, layers: layers,
                     outputNorm: try w.vector("output_norm.weight", count: c.embeddingLength),
                     output: output, ropeFrequencies: rope, slidingRopeFrequencies: slidingRope)
    }
}

/// The weights of one standard block: pre-norms, q/k/v (separate or fused
/// `attn_qkv`), output, gate/up (separate or fused `ffn_up`), down, and the
/// optional parts `traits` asks for.
enum BlockWeights {
    static func load(_ i: Int, _ w: WeightLoader, _ c: ModelConfig, traits: BlockTraits) throws -> LayerWeights {
        let p = "blk.\(i)."
        let d = c.embeddingLength, ff = c.feedForwardLength
        let qkv = w.has(p + "attn_qkv.weight")
            ? try w.fused(p + "attn_qkv.weight", rows: [c.qDim, c.kvDim, c.kvDim], cols: d)
            : [try w.matrix(p + "attn_q.weight", rows: c.qDim, cols: d),
               try w.matrix(p + "attn_k.weight", rows: c.kvDim, cols: d),
               try w.matrix(p + "attn_v.weight", rows: c.kvDim, cols: d)]
        let gateUp = w.has(p + "ffn_gate.weight")
            ? [try w.matrix(p + "ffn_gate.weight", rows: ff, cols: d), try w.matrix(p + "ffn_up.weight", rows: ff, cols: d)]
            : try w.fused(p + "ffn_up.weight", rows: [ff, ff], cols: d)
        let biases = traits.attentionBiases
        var layer = LayerWeights(
            attentionNorm: try w.vector(p + "attn_norm.weight", count: d),
            query: qkv[0], key: qkv[1], value: qkv[2],
            output: try w.matrix(p + "attn_output.weight", rows: d, cols: c.qDim),
            queryBias: biases ? try w.vector(p + "attn_q.bias", count: c.qDim) : nil,
            keyBias: biases ? try w.vector(p + "attn_k.bias", count: c.kvDim) : nil,
            valueBias: biases ? try w.vector(p + "attn_v.bias", count: c.kvDim) : nil,
            feedForwardNorm: try w.vector(p + "ffn_norm.weight", count: d),
            gate: gateUp[0], up: gateUp[1],
            down: try w.matrix(p + "ffn_down.weight", rows: d, cols: ff))
        if traits.queryKeyNorm {
            layer.queryNorm = try w.vector(p + "attn_q_norm.weight", count: c.headDim)
            layer.keyNorm = try w.vector(p + "attn_k_norm.weight", count: c.headDim)
        }
        if traits.postNorms {
            layer.postAttentionNorm = try w.vector(p + "post_attention_norm.weight", count: d)
            layer.postFeedForwardNorm = try w.vector(p + "post_ffw_norm.weight", count: d)
        }
        return layer
    }
}
