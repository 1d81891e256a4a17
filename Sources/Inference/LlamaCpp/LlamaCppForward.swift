import Foundation

/// The forward pass computed with llama.cpp's CPU arithmetic, for
/// `Numerics.llamaCpp` on the models it covers (see `supports`).
///
/// Same data flow as `Transformer.forward`, but every step is ggml's own
/// kernel reproduced exactly: RMS norm summed in double, matmuls as Q8
/// integer dots, RoPE with ggml's iterated angles, SwiGLU with its `expf`
/// approximation, and flash attention as `LlamaCppAttention`. Prefill
/// chunks should match llama.cpp's micro-batches (512 tokens) for the
/// attention path choice to agree.
struct LlamaCppForward {
    let model: Model
    let config: ModelConfig
    let attention: LlamaCppAttention

    init(model: Model) {
        self.model = model
        config = model.config
        attention = LlamaCppAttention(config: model.config)
    }

    /// Whether this model's tensors and shapes are within what the emulation reproduces.
    static func supports(_ model: Model) -> Bool {
        let c = model.config
        // NeoX-style RoPE goes through a differently vectorized ggml loop, not checked here.
        guard c.architecture == .llama, c.headDim == 64, c.ropeScaling == .none, c.ropeDimensions == c.headDim, !c.architecture.ropeIsNeox,
              GGMLMatmul.supports(model.output.type) else { return false }
        return model.layers.allSatisfy { w in
            [w.query, w.key, w.value, w.output, w.gate, w.up, w.down].allSatisfy { GGMLMatmul.supports($0.type) }
        }
    }

    /// Appends `tokens` to `cache` and returns logits for `logitRows` of the chunk.
    func forward(_ tokens: [Int32], cache: HybridKVCache, buffers b: ForwardBuffers, pool: WorkerPool,
                 logitRows: Range<Int>?) -> [Float] {
        let t = tokens.count, d = config.embeddingLength, ff = config.feedForwardLength
        let narrow = GGMLQ8Rows(cols: d, capacity: t)
        let heads = GGMLQ8Rows(cols: config.qDim, capacity: t)
        for (i, token) in tokens.enumerated() { model.tokenEmbedding.row(Int(token), into: b.hidden + i * d) }
        for l in 0..<config.layerCount {
            let w = model.layers[l]
            normalize(w.attentionNorm, count: t, b)
            narrow.quantize(b.normed, count: t)
            project(w.query, narrow, t, b.query, pool)
            project(w.key, narrow, t, b.key, pool)
            project(w.value, narrow, t, b.value, pool)
            addBias(w.queryBias, b.query, t)
            addBias(w.keyBias, b.key, t)
            addBias(w.valueBias, b.value, t)
            rotateAndStore(l, count: t, cache: cache, b)
            attention.run(layer: l, count: t, start: cache.count, query: b.query, cache: cache, out: b.attention, pool: pool)
            heads.quantize(b.attention, count: t)
            project(w.output, heads, t, b.projected, pool)
            VectorMath.add(b.projected, into: b.hidden, t * d)

            normalize(w.feedForwardNorm, count: t, b)
            narrow.quantize(b.normed, count: t)
            project(w.gate, narrow, t, b.gate, pool)
            project(w.up, narrow, t, b.up, pool)
            GGMLMath.swiGLU(b.gate, b.up, t * ff)
            let down = GGMLQ8Rows(cols: ff, capacity: t)
            down.quantize(b.gate, count: t)
            project(w.down, down, t, b.projected, pool)
            VectorMath.add(b.projected, into: b.hidden, t * d)
        }
        cache.advance(by: t)
        guard let rows = logitRows else { return [] }
        model.outputNorm.withUnsafeBufferPointer { norm in
            for r in rows {
                GGMLMath.rmsNorm(b.hidden + r * d, norm.baseAddress!, b.normed + (r - rows.lowerBound) * d, d,
                                 epsilon: config.rmsEpsilon)
            }
        }
        narrow.quantize(b.normed, count: rows.count)
        let vocab = model.output.rows
        return [Float](unsafeUninitializedCapacity: rows.count * vocab) { out, n in
            GGMLMatmul.multiply(model.output, narrow, count: rows.count, into: out.baseAddress!, outputStride: vocab, pool: pool)
            n = rows.count * vocab
        }
    }

    private func normalize(_ weight: [Float], count t: Int, _ b: ForwardBuffers) {
        let d = config.embeddingLength, eps = config.rmsEpsilon
        weight.withUnsafeBufferPointer { w in
            for i in 0..<t { GGMLMath.rmsNorm(b.hidden + i * d, w.baseAddress!, b.normed + i * d, d, epsilon: eps) }
        }
    }

    private func project(_ w: WeightMatrix, _ x: GGMLQ8Rows, _ t: Int, _ out: UnsafeMutablePointer<Float>, _ pool: WorkerPool) {
        GGMLMatmul.multiply(w, x, count: t, into: out, outputStride: w.rows, pool: pool)
    }

    private func addBias(_ bias: [Float]?, _ x: UnsafeMutablePointer<Float>, _ t: Int) {
        guard let bias else { return }
        bias.withUnsafeBufferPointer { p in
            for i in 0..<t { VectorMath.add(p.baseAddress!, into: x + i * bias.count, bias.count) }
        }
    }

    /// RoPE as ggml computes it, then k and v into the f16 cache.
    private func rotateAndStore(_ l: Int, count t: Int, cache: HybridKVCache, _ b: ForwardBuffers) {
        let c = config, start = cache.count, hd = c.headDim, pairs = c.ropeDimensions / 2
        let thetaScale = powf(c.ropeFreqBase, -2 / Float(c.ropeDimensions))
        let neox = c.architecture.ropeIsNeox
        for i in 0..<t {
            GGMLMath.ropeCache(position: start + i, pairs: pairs, thetaScale: thetaScale, into: b.cosSin)
            GGMLMath.rope(b.query + i * c.qDim, heads: c.headCount, headDim: hd, pairs: pairs, neox: neox, cosSin: b.cosSin)
            GGMLMath.rope(b.key + i * c.kvDim, heads: c.kvHeadCount, headDim: hd, pairs: pairs, neox: neox, cosSin: b.cosSin)
        }
        _ = cache.update(layer: l, keys: b.key, values: b.value, count: t)  // full attention: its kernel reads the cache rows
    }
}
