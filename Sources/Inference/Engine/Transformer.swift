import Foundation
import Synchronization

/// The forward pass of a decoder over a chunk of tokens, for every
/// registered architecture (`BlockTraits` says what each adds).
///
/// Reads in data-flow order: embed (× √d) → per layer (norm → q/k/v (+ bias)
/// → (QK-norm) → RoPE → cache → attention → output projection → (post-norm)
/// → residual → norm → SwiGLU/GeGLU → (post-norm) → residual) → final norm →
/// logits (→ soft cap). One token takes the quantized mat-vec path; a
/// chunk takes the dequantize + sgemm path.
struct Transformer {
    let model: Model
    let config: ModelConfig
    let attention: Attention
    let numerics: Numerics

    init(model: Model, numerics: Numerics) {
        self.model = model
        self.numerics = numerics
        config = model.config
        attention = Attention(config: model.config)
    }

    /// Appends `tokens` to `cache` and returns logits for `logitRows` of the chunk.
    func forward(_ tokens: [Int32], cache: HybridKVCache, buffers b: ForwardBuffers, pool: WorkerPool,
                 logitRows: Range<Int>?, hooks: ForwardHooks? = nil, observer: AttentionObserver? = nil) -> [Float] {
        if numerics == .llamaCpp, hooks == nil, cache.layout.isFull, LlamaCppForward.supports(model) {
            return LlamaCppForward(model: model).forward(tokens, cache: cache, buffers: b, pool: pool, logitRows: logitRows)
        }
        let t = tokens.count, d = config.embeddingLength
        let first = hooks?.firstLayer ?? 0
        if let load = hooks?.loadInput { load(b.hidden) } else {
            for (i, token) in tokens.enumerated() { model.tokenEmbedding.row(Int(token), into: b.hidden + i * d) }
            if config.traits.scaledEmbedding { VectorMath.scale(b.hidden, t * d, by: Float(d).squareRoot()) }
        }
        for layer in first..<config.layerCount {
            hooks?.layerInput?(layer, b.hidden)
            attentionBlock(layer, count: t, cache: cache, b, pool, observer: observer)
            feedForwardBlock(layer, count: t, b, pool)
        }
        cache.advance(by: t)
        if let final = hooks?.finalHidden {
            for r in 0..<t {
                VectorMath.rmsNorm(b.hidden + r * d, model.outputNorm, b.normed + r * d, d, epsilon: config.rmsEpsilon)
            }
            final(b.normed)
        }
        guard let rows = logitRows else { return [] }
        for r in rows {
            VectorMath.rmsNorm(b.hidden + r * d, model.outputNorm, b.normed + (r - rows.lowerBound) * d, d,
                               epsilon: config.rmsEpsilon)
        }
        var logits = LogitsProjector(matrix: model.output, numerics: numerics).project(b.normed, count: rows.count, buffers: b, pool: pool)
        if let cap = config.finalLogitSoftcap {
            for i in logits.indices { logits[i] = cap * Foundation.tanh(logits[i] / cap) }
        }
        return logits
    }

    private func attentionBlock(_ l: Int, count t: Int, cache: HybridKVCache, _ b: ForwardBuffers, _ pool: WorkerPool,
                                observer: AttentionObserver?) {
        let w = model.layers[l], d = config.embeddingLength
        normalize(t, w.attentionNorm, b)
        project([(w.query, b.query), (w.key, b.key), (w.value, b.value)], b.normed, t, b, pool)
        addBias(w.queryBias, b.query, t)
        addBias(w.keyBias, b.key, t)
        addBias(w.valueBias, b.value, t)
        normalizeHeads(w.queryNorm, b.query, rows: t * config.headCount)
        normalizeHeads(w.keyNorm, b.key, rows: t * config.kvHeadCount)
        rotate(l, count: t, start: cache.count, b)
        let spans = cache.update(layer: l, keys: b.key, values: b.value, count: t)
        attend(l, spans: spans, count: t, b, pool, observer: observer)
        project([(w.output, b.projected)], b.attention, t, b, pool)
        normalizeInPlace(w.postAttentionNorm, b.projected, t)
        VectorMath.add(b.projected, into: b.hidden, t * d)
    }

    private func feedForwardBlock(_ l: Int, count t: Int, _ b: ForwardBuffers, _ pool: WorkerPool) {
        let w = model.layers[l], d = config.embeddingLength, ff = config.feedForwardLength
        normalize(t, w.feedForwardNorm, b)
        project([(w.gate, b.gate), (w.up, b.up)], b.normed, t, b, pool)
        switch config.traits.activation {
        case .swiGLU: VectorMath.swiGLU(b.gate, b.up, t * ff)
        case .geGLU: VectorMath.geGLU(b.gate, b.up, t * ff)
        }
        project([(w.down, b.projected)], b.gate, t, b, pool)
        normalizeInPlace(w.postFeedForwardNorm, b.projected, t)
        VectorMath.add(b.projected, into: b.hidden, t * d)
    }

    private func normalize(_ t: Int, _ weight: [Float], _ b: ForwardBuffers) {
        let d = config.embeddingLength, eps = config.rmsEpsilon
        weight.withUnsafeBufferPointer { w in
            for i in 0..<t { VectorMath.rmsNorm(b.hidden + i * d, w.baseAddress!, b.normed + i * d, d, epsilon: eps) }
        }
    }

    /// RMS-normalizes `t` rows of width d in place with `weight`, when the architecture has it.
    private func normalizeInPlace(_ weight: [Float]?, _ x: UnsafeMutablePointer<Float>, _ t: Int) {
        guard let weight else { return }
        let d = config.embeddingLength, eps = config.rmsEpsilon
        weight.withUnsafeBufferPointer { w in
            for i in 0..<t { VectorMath.rmsNorm(x + i * d, w.baseAddress!, x + i * d, d, epsilon: eps) }
        }
    }

    /// RMS-normalizes each of `rows` heads (`headDim` wide) in place: QK-norm.
    private func normalizeHeads(_ weight: [Float]?, _ x: UnsafeMutablePointer<Float>, rows: Int) {
        guard let weight else { return }
        let hd = config.headDim, eps = config.rmsEpsilon
        weight.withUnsafeBufferPointer { w in
            for i in 0..<rows { VectorMath.rmsNorm(x + i * hd, w.baseAddress!, x + i * hd, hd, epsilon: eps) }
        }
    }

    /// `out[t] = W x[t]` for the chunk and each `(W, out)`, by mat-vec for
    /// one token or sgemm for many. Matrices that see the same rounded
    /// input (all of them in exact numerics) run as one parallel job.
    private func project(_ items: [(WeightMatrix, UnsafeMutablePointer<Float>)], _ input: UnsafeMutablePointer<Float>,
                         _ t: Int, _ b: ForwardBuffers, _ pool: WorkerPool) {
        let grids = items.map { numerics == .exact ? .none : ActivationRounding.grid(for: $0.0.type) }
        var pending = Array(items.indices)
        while let first = pending.first {
            let grid = grids[first]
            let projections = pending.filter { grids[$0] == grid }.map { Projection(items[$0].0, items[$0].1) }
            pending.removeAll { grids[$0] == grid }
            let cols = items[first].0.cols
            // Unrounded input is used in place.
            let x = grid == .none ? input : b.roundedInput
            if t == 1 {
                if grid != .none { ActivationRounding.round(input, into: x, count: cols, grid: grid, sums: b.blockSums) }
                if grid != .q8Block32WithSum { blockSums(x, count: cols, into: b.blockSums) }
                WeightMatrix.multiply(projections, x, sums: b.blockSums, scratch: b.rowScratch, pool: pool)
            } else {
                if grid != .none { ActivationRounding.round(input, into: x, count: t * cols, grid: grid) }
                WeightMatrix.multiply(batch: projections, x, count: t, scratch: b.weights, capacity: b.weightsCapacity, pool: pool)
            }
        }
    }

    private func addBias(_ bias: [Float]?, _ x: UnsafeMutablePointer<Float>, _ t: Int) {
        guard let bias else { return }
        bias.withUnsafeBufferPointer { p in
            for i in 0..<t { VectorMath.add(p.baseAddress!, into: x + i * bias.count, bias.count) }
        }
    }

    /// Rotates q and k of the chunk to their absolute positions (from `start`).
    private func rotate(_ l: Int, count t: Int, start: Int, _ b: ForwardBuffers) {
        let c = config, hd = c.headDim
        model.ropeFrequencies(layer: l)?.withUnsafeBufferPointer { f in
            for i in 0..<t {
                let pos = start + i
                Rope.apply(b.query + i * c.qDim, heads: c.headCount, headDim: hd, position: pos,
                           frequencies: f.baseAddress!, pairs: f.count, neox: c.architecture.ropeIsNeox, cosSin: b.cosSin)
                Rope.apply(b.key + i * c.kvDim, heads: c.kvHeadCount, headDim: hd, position: pos,
                           frequencies: f.baseAddress!, pairs: f.count, neox: c.architecture.ropeIsNeox, cosSin: b.cosSin)
            }
        }
    }

    private func attend(_ l: Int, spans: [KeySpans], count t: Int, _ b: ForwardBuffers, _ pool: WorkerPool,
                        observer: AttentionObserver?) {
        if numerics == .llamaCpp {  // llama.cpp meets f16 keys with f16 queries
            ActivationRounding.round(b.query, into: b.query, count: t * config.qDim, grid: .half)
        }
        if t == 1 {
            DecodeAttention(attention: attention).run(spans: spans, b, pool, layer: l, observer: observer)
        } else {
            prefillAttention(spans: spans, count: t, b, pool)
        }
    }

    /// Query blocks × KV heads, claimed by the threads from a shared counter
    /// (costliest first: retrieval heads, late blocks), so that cheap
    /// streaming heads do not leave a thread idle.
    private func prefillAttention(spans: [KeySpans], count t: Int, _ b: ForwardBuffers, _ pool: WorkerPool) {
        let block = AttentionScratch.queryBlock
        let blocks = (t + block - 1) / block
        var jobs: [(head: Int, rows: Range<Int>, cost: Int)] = []
        for g in spans.indices {
            for blk in 0..<blocks {
                let rows = (blk * block)..<min(t, (blk + 1) * block)
                let cost = spans[g].first.visibleEnd(row: rows.upperBound - 1) + (spans[g].second?.count ?? 0)
                jobs.append((g, rows, cost * rows.count))
            }
        }
        jobs.sort { $0.cost > $1.cost }
        let next = Atomic<Int>(0)
        pool.run { thread in
            while true {
                let j = next.add(1, ordering: .relaxed).oldValue
                guard j < jobs.count else { break }
                attention.prefillBlock(kvHead: jobs[j].head, rows: jobs[j].rows, spans: spans[jobs[j].head],
                                       q: b.query, out: b.attention, s: b.attentionScratch[thread])
            }
        }
    }
}

/// Ways to observe or shortcut a forward pass over one chunk, for analyses
/// such as head identification (not used in ordinary inference).
package struct ForwardHooks {
    /// Layer to start at; earlier layers are skipped and their cache left empty.
    package var firstLayer = 0
    /// Fills the chunk's residual stream (`[T][d]`) entering `firstLayer`, instead of embedding.
    package var loadInput: ((UnsafeMutablePointer<Float>) -> Void)?
    /// Sees the chunk's residual stream entering each layer.
    package var layerInput: ((_ layer: Int, _ hidden: UnsafePointer<Float>) -> Void)?
    /// Receives the final-normalized hidden states of every row of the chunk.
    package var finalHidden: ((UnsafePointer<Float>) -> Void)?

    package init() {}
}
