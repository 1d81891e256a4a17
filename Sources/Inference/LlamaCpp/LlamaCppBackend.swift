import Foundation

/// A backend computing with llama.cpp's CPU arithmetic, for
/// `Numerics.llamaCpp` on the models it covers (see `supports`): RMS norm
/// summed in double, matmuls as Q8 integer dots, RoPE with ggml's iterated
/// angles, SwiGLU with its `expf` approximation, and flash attention as
/// `LlamaCppAttention`. Prefill chunks should match llama.cpp's
/// micro-batches (512 tokens) for the attention path choice to agree.
final class LlamaCppBackend: HostBackend {
    let model: Model
    let buffers: ForwardBuffers
    let pool: WorkerPool
    let attention: LlamaCppAttention
    /// Matmul inputs quantized to ggml's Q8 blocks, one per input width.
    private var quantized: [Int: GGMLQ8Rows] = [:]

    init(model: Model, chunkSize: Int, pool: WorkerPool) {
        self.model = model
        self.pool = pool
        buffers = ForwardBuffers(config: model.config, capacity: chunkSize, threads: pool.threadCount)
        attention = LlamaCppAttention(config: model.config)
    }

    /// Whether this model's tensors and shapes, and a cache of `layout`, are
    /// within what the emulation reproduces.
    static func supports(_ model: Model, layout: HeadLayout) -> Bool {
        let c = model.config
        // NeoX-style RoPE goes through a differently vectorized ggml loop, not checked here.
        guard layout.isFull, c.architecture == .llama, c.headDim == 64, c.ropeScaling == .none, c.ropeDimensions == c.headDim,
              !c.architecture.ropeIsNeox, GGMLMatmul.supports(model.output.type) else { return false }
        return model.layers.allSatisfy { w in
            [w.query, w.key, w.value, w.output, w.gate, w.up, w.down].allSatisfy { GGMLMatmul.supports($0.type) }
        }
    }

    var rmsNorm: RowNorm { GGMLMath.rmsNorm }

    func normalizeHeads(layer: Int, count: Int) {}

    func project(layer l: Int, _ items: [(MatrixRole, ActivationBuffer)], from source: ActivationBuffer, count t: Int) {
        guard let first = items.first else { return }
        let w = model.layers[l], x = quantize(source, cols: w.matrix(first.0).cols, count: t)
        for (role, target) in items {
            let m = w.matrix(role)
            GGMLMatmul.multiply(m, x, count: t, into: pointer(target), outputStride: m.rows, pool: pool)
        }
    }

    /// RoPE as ggml computes it.
    func rotate(layer: Int, count t: Int, start: Int) {
        let c = config, b = buffers, hd = c.headDim, pairs = c.ropeDimensions / 2
        let thetaScale = powf(c.ropeFreqBase, -2 / Float(c.ropeDimensions))
        for i in 0..<t {
            GGMLMath.ropeCache(position: start + i, pairs: pairs, thetaScale: thetaScale, into: b.cosSin)
            GGMLMath.rope(b.query + i * c.qDim, heads: c.headCount, headDim: hd, pairs: pairs, neox: false, cosSin: b.cosSin)
            GGMLMath.rope(b.key + i * c.kvDim, heads: c.kvHeadCount, headDim: hd, pairs: pairs, neox: false, cosSin: b.cosSin)
        }
    }

    /// Full attention only (`supports`): the kernel reads the f16 cache rows.
    func attend(layer l: Int, count t: Int, cache: HybridKVCache, observer: AttentionObserver?) {
        let b = buffers
        _ = cache.update(layer: l, keys: b.key, values: b.value, count: t)
        attention.run(layer: l, count: t, start: cache.count, query: b.query, cache: cache, out: b.attention, pool: pool)
    }

    func activate(count t: Int) {
        GGMLMath.swiGLU(buffers.gate, buffers.up, t * config.feedForwardLength)
    }

    func logits(count: Int) -> [Float] {
        let x = quantize(.normed, cols: config.embeddingLength, count: count), vocab = model.output.rows
        return [Float](unsafeUninitializedCapacity: count * vocab) { out, n in
            GGMLMatmul.multiply(model.output, x, count: count, into: out.baseAddress!, outputStride: vocab, pool: pool)
            n = count * vocab
        }
    }

    private func quantize(_ source: ActivationBuffer, cols: Int, count: Int) -> GGMLQ8Rows {
        let rows = quantized[cols] ?? GGMLQ8Rows(cols: cols, capacity: count)
        quantized[cols] = rows
        rows.quantize(pointer(source), count: count)
        return rows
    }
}
